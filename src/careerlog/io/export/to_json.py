"""The JSON export: complete and versioned. Without a range it is the lossless
backup format that ``careerlog import careerlog`` reads back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.domain.errors import StoreError
from careerlog.domain.summary import NOTHING, Omit
from careerlog.domain.text import json_safe, json_safe_utf8
from careerlog.services.exchange.records import Encoded, document

if TYPE_CHECKING:
    from careerlog.services import Store


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One encoder for every record: ``json.dumps(..., ensure_ascii=False)`` would build a
new encoder per call, most of the cost of a record. Compact, as SQLite's JSON functions
write the entries they encode (:class:`~careerlog.services.exchange.records.Encoded`)."""


def _records(value: list[Any]) -> str:
    return ",\n".join(f"    {_ENCODE(v)}" for v in value)


def _encoded(value: Encoded) -> bytes:
    """The records SQLite encoded, one a line, as the UTF-8 bytes they are."""
    try:
        return json_safe_utf8(value, b",\n    ")
    except UnicodeDecodeError:
        raise StoreError("the store holds an entry whose text is not UTF-8") from None


def parts(data: dict[str, Any]) -> list[bytes]:
    """Stable UTF-8 text, one record per line, in pieces (one per key; the entries
    SQLite encoded are a piece of their own, between their brackets): readable,
    diff-friendly, and written by the C encoder (``indent`` would switch json to its
    pure-Python encoder, 5x slower)."""
    found: list[str | bytes] = []  # bytes: the entries SQLite encoded, checked already
    for number, (key, value) in enumerate(data.items()):
        head = f"{',' if number else '{'}\n  {json.dumps(key)}: "
        if isinstance(value, Encoded) and value:
            found += [f"{head}[\n    ", _encoded(value), "\n  ]"]
        elif isinstance(value, list) and value:
            found.append(f"{head}[\n{_records(value)}\n  ]")
        else:
            found.append(head + _ENCODE(value))
    found.append("\n}\n" if found else "{}\n")
    # Neither encoder escapes DEL or the C1 controls (U+009B acts as ESC on a terminal).
    return [p if isinstance(p, bytes) else json_safe(p).encode("utf-8") for p in found]


def dumps(data: dict[str, Any]) -> str:
    return b"".join(parts(data)).decode("utf-8")


def export_parts(
    store: Store | Path, start: date | None = None, end: date | None = None, omit: Omit = NOTHING
) -> list[bytes]:
    """The JSON export in pieces (see :func:`careerlog.io.export.export_parts`). What
    ``omit`` names is left out and listed under ``"omitted"``."""
    data = document(store, start, end, encode_entries=not omit.journal)
    if omit.journal:
        data["entries"] = []
        data["summary"]["highlights"] = []
    if omit.reflections:
        data["reflections"] = []
        data["summary"]["excerpts"] = []
        data["summary"]["stance"] = []
        data["summary"]["stance_drift"] = None
    if omit.journal or omit.reflections:
        data = {**data, "omitted": omit.names()}
    return parts(data)


def export_json(store: Store | Path, start: date | None = None, end: date | None = None) -> str:
    return b"".join(export_parts(store, start, end)).decode("utf-8")
