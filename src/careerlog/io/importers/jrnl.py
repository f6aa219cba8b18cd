"""Bring a jrnl journal in, from jrnl's own JSON export (``jrnl --format json``).

Each jrnl entry becomes one careerlog entry: the title is its first line, the body
follows, the date and time become when it was written, jrnl's ``@tags`` and star
carry over. Every imported entry remembers a hash of its jrnl date and content
(``source_key``), so importing the same file again adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import find_tags, normalise_tag
from careerlog.io.files import read_text
from careerlog.services import Store
from careerlog.services.exchange.importing import ImportReport, Progress, Skipped, import_records

MAX_ENTRY_BYTES = 8 * 1024 * 1024


def source_key(day: str, time: str, title: str, body: str) -> str:
    """Stable identity of a jrnl entry: its moment and its words."""
    return hashlib.sha256(f"jrnl\n{day} {time}\n{title}\n{body}".encode()).hexdigest()


def _moment(entry: dict[str, Any], where: str) -> datetime:
    day, time = entry.get("date"), entry.get("time", "00:00")
    if not isinstance(day, str) or not isinstance(time, str):
        raise CareerlogError(f'{where} has no date (jrnl writes "date": "YYYY-MM-DD")')
    try:
        return datetime.fromisoformat(f"{day}T{time}")
    except ValueError:
        raise CareerlogError(f"{where} has an unreadable date {day!r} {time!r}") from None


def _tags(text: str, given: Any, where: str) -> list[str]:
    if not isinstance(given, list) or not all(isinstance(tag, str) for tag in given):
        raise CareerlogError(f"{where}.tags should be a list of tags")
    merged = dict.fromkeys(find_tags(text))
    for tag in given:
        name = normalise_tag(tag)
        if name and not any(ch.isspace() for ch in name) and len(name) <= 128:
            merged.setdefault(name, None)
    return list(merged)


def parse(text: str, name: str = "the file") -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Entry records ready for :func:`import_records`, and what was left out and why.

    A file that is not a jrnl JSON export, or an entry jrnl could not have written,
    refuses the whole file: nothing is imported from a file that may be damaged.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CareerlogError(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "nothing was imported. Export with: jrnl --format json > FILE"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CareerlogError(
            f'{name} is not a jrnl JSON export (no "entries" list); nothing was imported. '
            "Export with: jrnl --format json > FILE"
        )
    now = datetime.now().replace(microsecond=0)
    records: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["entries"]):
        where = f"{name}: entry {index + 1}"
        if not isinstance(entry, dict):
            raise CareerlogError(f"{where} is not an object; nothing was imported")
        title, body = entry.get("title", ""), entry.get("body", "")
        if not isinstance(title, str) or not isinstance(body, str):
            raise CareerlogError(
                f"{where} has a title or body that is not text; nothing was imported"
            )
        starred = entry.get("starred", False)
        if not isinstance(starred, bool):
            raise CareerlogError(f"{where}.starred should be true or false; nothing was imported")
        written_at = _moment(entry, where)
        content = title.strip() if not body.strip() else f"{title.rstrip()}\n{body.strip()}"
        label = f"jrnl entry of {written_at:%Y-%m-%d %H:%M}"
        if not content.strip():
            skipped.append(Skipped(label, "it has no text"))
            continue
        if len(content.encode("utf-8", "surrogatepass")) > MAX_ENTRY_BYTES:
            skipped.append(Skipped(label, "it is larger than 8 MB"))
            continue
        key = source_key(entry["date"], entry.get("time", "00:00"), title, body)
        if key in seen:
            skipped.append(Skipped(label, "the same entry appears earlier in the file"))
            continue
        seen.add(key)
        records.append(
            {
                "written_at": written_at.isoformat(),
                "text": content,
                "starred": starred,
                "tags": _tags(content, entry.get("tags", []), where),
                "goal_ids": [],
                "competencies": [],
                "created_at": now.isoformat(),
                "updated_at": now.isoformat(),
                "source_key": key,
            }
        )
    return records, skipped


def import_jrnl(store: Store, source: Path, progress: Progress | None = None) -> ImportReport:
    """Import a jrnl JSON export in one transaction (a backup of the store comes first)."""
    records, skipped = parse(read_text(source), str(source))
    return import_records(store, {"entries": records}, skipped=skipped, progress=progress)
