"""Bring a jrnl journal in: jrnl's plain-text journal file itself (or a folder
journal), or its JSON export (``jrnl --format json``), told apart by their content.

Each jrnl entry becomes one careerlog entry: the title is its first line, the body
follows, the date and time become when it was written, the star carries over, and
the tags are the ones jrnl itself sees (``@`` or ``#`` after a space, jrnl's rule),
never more: ``[@click=…]`` in a body is not a tag to jrnl and is none here. Every
imported entry remembers a hash of its jrnl date and content (``source_key``), the
same from either format, so importing the same journal again adds nothing.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from careerlog.domain.datetext import iso_minute
from careerlog.domain.errors import CareerlogError
from careerlog.io.files import load_json, read_text
from careerlog.io.importers.common import Records, clean_tags, identity
from careerlog.services import Store
from careerlog.services.exchange.importing import ImportReport, Progress, Skipped, import_records

TIME_FORMATS = (
    "%Y-%m-%d %H:%M",  # what careerlog's docs and most jrnl configs use
    "%Y-%m-%d %I:%M:%S %p",  # jrnl's default timeformat, "%F %r"
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d",
)
TAG_SYMBOLS = "#@"
"""jrnl's default ``tagsymbols``."""
_DATE_BLOB = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ")
_SENTENCE_END = re.compile(
    r"([.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]['\u2019\"\u201D]?[\]\)]*\s+)"
    r"|[\uFF01\uFF0E\uFF1F\uFF61\u3002]"
)


def source_key(day: str, time: str, title: str, body: str) -> str:
    """Stable identity of a jrnl entry: its moment (to the minute) and its words."""
    return identity("jrnl", f"{day} {time}", title, body)


def jrnl_tags(text: str, symbols: str = TAG_SYMBOLS) -> list[str]:
    """The tags jrnl finds in ``text``: a tag symbol after a space or at the start."""
    pattern = rf"(?<!\S)([{re.escape(symbols)}][-+*#/\w]+)"
    return sorted({tag.lower() for tag in re.findall(pattern, text)})


def split_title(text: str) -> tuple[str, str]:
    """jrnl's title and body: up to the first newline, else the first sentence."""
    sep = re.search("\n", text.lstrip()) or _SENTENCE_END.search(text)
    if not sep:
        return text, ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def _text(title: str, body: str) -> str:
    return title.strip() if not body.strip() else f"{title.rstrip()}\n{body.strip()}"


def _add(
    records: Records, moment: datetime, title: str, body: str, tags: list[str], starred: bool
) -> None:
    label = f"jrnl entry of {iso_minute(moment)}"
    key = source_key(f"{moment:%Y-%m-%d}", f"{moment:%H:%M}", title, body)
    tags = clean_tags(tags, label, records.skipped)
    records.add(label, moment, _text(title, body), tags, starred, key)


def _time_format(blobs: list[str], name: str) -> str:
    for fmt in TIME_FORMATS:
        try:
            datetime.strptime(blobs[0], fmt)
        except ValueError:
            continue
        return fmt
    raise CareerlogError(
        f"{name}: cannot read jrnl's date {blobs[0]!r} (tried {', '.join(TIME_FORMATS)}); "
        "nothing was imported. Export it with: jrnl --format json > FILE"
    )


def parse_text(text: str, name: str, records: Records, symbols: str = TAG_SYMBOLS) -> None:
    """Entries of a jrnl plain-text journal, read as jrnl reads it: an entry starts at
    a line ``[DATE] `` whose date is in the journal's time format."""
    matches = list(_DATE_BLOB.finditer(text))
    if not matches:
        raise CareerlogError(
            f"{name} is neither a jrnl JSON export nor a jrnl journal (no '[date] ' lines); "
            "nothing was imported"
        )
    fmt = _time_format([m[1] for m in matches], name)
    starts: list[tuple[re.Match[str], datetime]] = []
    for match in matches:
        try:
            starts.append((match, datetime.strptime(match[1], fmt)))
        except ValueError:
            continue  # "[not a date] " inside an entry is text, as in jrnl
    for index, (match, moment) in enumerate(starts):
        end = starts[index + 1][0].start() if index + 1 < len(starts) else len(text)
        raw = text[match.end() : end]
        lines = raw.splitlines()
        starred = bool(lines) and lines[0].strip().endswith("*")
        if starred:
            raw = lines[0].strip("\n *") + "\n" + "\n".join(lines[1:])
        title, body = split_title(raw)
        _add(records, moment, title, body, jrnl_tags(text[match.end() : end], symbols), starred)


def parse_json(text: str, name: str, records: Records) -> None:
    """Entries of ``jrnl --format json``, checked: anything jrnl could not have written
    refuses the whole file."""
    data = load_json(text, name, ". Export with: jrnl --format json > FILE")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CareerlogError(
            f'{name} is not a jrnl JSON export (no "entries" list); nothing was imported. '
            "Export with: jrnl --format json > FILE"
        )
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
        tags = entry.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise CareerlogError(f"{where}.tags should be a list of tags")
        _add(records, _moment(entry, where), title, body, tags, starred)


def _moment(entry: dict[str, Any], where: str) -> datetime:
    day, time = entry.get("date"), entry.get("time", "00:00")
    if not isinstance(day, str) or not isinstance(time, str):
        raise CareerlogError(f'{where} has no date (jrnl writes "date": "YYYY-MM-DD")')
    try:
        moment = datetime.fromisoformat(f"{day}T{time}")
    except ValueError:
        raise CareerlogError(f"{where} has an unreadable date {day!r} {time!r}") from None
    if moment.tzinfo is not None:  # jrnl writes local times; an offset would not compare
        raise CareerlogError(
            f"{where} has a time with a time zone ({time!r}), which jrnl never writes; "
            "nothing was imported"
        )
    return moment


def parse(
    text: str, name: str = "the file", symbols: str = TAG_SYMBOLS
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Entry records from a jrnl JSON export or plain-text journal, and what was left out."""
    records = Records()
    start = text.lstrip()[:8]
    if start.startswith("{"):
        parse_json(text, name, records)
    elif start.startswith("gAAAAA"):
        raise CareerlogError(
            f"{name} is an encrypted jrnl journal; decrypt it first (jrnl --decrypt) "
            "or export it with: jrnl --format json > FILE"
        )
    else:
        parse_text(text, name, records, symbols)
    return records.entries, records.skipped


def _read(source: Path, symbols: str) -> tuple[list[dict[str, Any]], list[Skipped]]:
    if not source.is_dir():
        return parse(read_text(source), str(source), symbols)
    # A jrnl folder journal: one YYYY/MM/DD.txt file per day.
    files = sorted(p for p in source.rglob("*.txt") if not p.name.startswith("."))
    if not files:
        raise CareerlogError(f"{source} holds no jrnl day files (YYYY/MM/DD.txt)")
    records = Records()
    for file in files:
        parse_text(read_text(file), str(file), records, symbols)
    return records.entries, records.skipped


def import_jrnl(
    store: Store,
    source: Path,
    progress: Progress | None = None,
    *,
    tag_symbols: str = TAG_SYMBOLS,
) -> ImportReport:
    """Import a jrnl journal in one transaction (a backup of the store comes first).
    ``tag_symbols`` is the journal's jrnl setting ``tagsymbols`` (a JSON export
    carries its tags itself)."""
    if not tag_symbols or any(ch.isspace() or ch.isalnum() for ch in tag_symbols):
        raise CareerlogError(f"--tag-symbols {tag_symbols!r}: give jrnl's tag symbols, like '#@'")
    entries, skipped = _read(source, tag_symbols)
    return import_records(store, {"entries": entries}, skipped=skipped, progress=progress)
