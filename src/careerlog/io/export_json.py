"""The JSON export: complete and versioned. Without a range it is the lossless
backup format that ``careerlog import careerlog`` reads back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.services.records import document

if TYPE_CHECKING:
    from careerlog.services import Store


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every record: ``json.dumps(..., ensure_ascii=False)`` would build a
new encoder per call, most of the cost of a record."""


def dumps(data: dict[str, Any]) -> str:
    """Stable text, one record per line: readable, diff-friendly, and written by the C
    encoder (``indent`` would switch json to its pure-Python encoder, 5x slower)."""
    lines = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_ENCODE(v)}" for v in value)
            lines.append(f"  {name}: [\n{items}\n  ]")
        else:
            lines.append(f"  {name}: {_ENCODE(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def export_json(store: Store | Path, start: date | None = None, end: date | None = None) -> str:
    return dumps(document(store, start, end))
