"""Bring a folder of Markdown notes in (Obsidian's daily notes, a notes app's export):
one entry per file, or one per dated heading.

A file's date comes from its front matter (``date:`` or ``created:``) or from its
name (``2024-03-05.md``, ``2024-03-05 Planning.md``). A file whose headings start
with dates (``## 2024-03-05 09:30 Standup``) becomes one entry per such heading;
text above the first of them belongs to the file's own date. Tags are the front
matter's ``tags`` and Obsidian's inline ``#tags`` (outside code), never ``@`` words
of the text. Hidden folders (``.obsidian``, ``.trash``) are left alone. Each entry
is known by its file, heading and words, so importing the folder again adds nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

from careerlog.domain.errors import CareerlogError
from careerlog.domain.when import DEFAULT_TIME
from careerlog.io.files import read_text
from careerlog.io.importers.common import Records, clean_tags, identity
from careerlog.services import Store
from careerlog.services.exchange.importing import ImportReport, Progress, Skipped, import_records

SUFFIXES = (".md", ".markdown")
_DAY = r"(\d{4})[-_.](\d{2})[-_.](\d{2})"
_HEADING = re.compile(r"^#{1,6}[ \t]+" + _DAY + r"(?:[ T](\d{1,2}):(\d{2}))?[ \t]*(.*)$", re.M)
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_INLINE_TAG = re.compile(r"(?<!\S)#([\w\-/]*[^\W\d][\w\-/]*)")


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    """The simple YAML front matter Obsidian and static-site tools write (``key: value``,
    ``key: [a, b]`` and ``key:`` followed by ``- item`` lines), and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        return {}, text
    block, rest = text[4 : 4 + end.start()], text[4 + end.end() :]
    values: dict[str, object] = {}
    current: list[str] | None = None
    for line in block.splitlines():
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and current is not None:
            current.append(_unquote(item[1]))
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not pair:
            current = None
            continue
        key, value = pair[1].lower(), pair[2].strip()
        if not value:
            current = []
            values[key] = current
        elif value.startswith("[") and value.endswith("]"):
            values[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
            current = None
        else:
            values[key] = _unquote(value)
            current = None
    return values, rest.lstrip("\n")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _moment_of(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    found = re.match(_DAY + r"(?:[ T](\d{1,2}):(\d{2}))?", value.strip())
    if not found:
        return None
    y, m, d, hh, mm = found.groups()
    try:
        return datetime.combine(
            date(int(y), int(m), int(d)), time(int(hh), int(mm)) if hh else DEFAULT_TIME
        )
    except ValueError:
        return None


def _tags(meta: dict[str, object], body: str) -> list[str]:
    given = meta.get("tags", meta.get("tag", []))
    listed = given if isinstance(given, list) else re.split(r"[,\s]+", str(given))
    inline = _INLINE_TAG.findall(_CODE.sub(" ", body))
    return [t.lstrip("#") for t in [*listed, *inline] if t.strip()]


def _title(path: Path) -> str:
    """The words of a file name without its date ("2024-03-05 Planning" → "Planning")."""
    return re.sub(_DAY, "", path.stem).strip(" -_")


def _file(path: Path, root: Path, records: Records) -> None:
    rel = str(path.relative_to(root))
    try:
        text = read_text(path)
    except CareerlogError as error:
        records.skipped.append(Skipped(rel, str(error).replace(str(path), "it")))
        return
    meta, body = _front_matter(text.replace("\r\n", "\n"))
    when = _moment_of(meta.get("date")) or _moment_of(meta.get("created"))
    named = re.search(_DAY, path.stem)
    when = when or (_moment_of(named[0]) if named else None)
    headings = [
        (m, _moment_of(f"{m[1]}-{m[2]}-{m[3]} {m[4]}:{m[5]}" if m[4] else f"{m[1]}-{m[2]}-{m[3]}"))
        for m in _HEADING.finditer(body)
    ]
    headings = [(m, moment) for m, moment in headings if moment is not None]
    sections: list[tuple[str, datetime | None, str]] = []
    lead = body[: headings[0][0].start()] if headings else body
    title = _title(path)
    if title and lead.strip() and not lead.lstrip().startswith(("#", title)):
        lead = f"{title}\n{lead.lstrip()}"
    sections.append((rel, when, lead))
    for index, (match, moment) in enumerate(headings):
        end = headings[index + 1][0].start() if index + 1 < len(headings) else len(body)
        heading_words = match[6].strip()
        content = body[match.end() : end].strip("\n")
        text_of = f"{heading_words}\n{content}" if heading_words else content
        sections.append((f"{rel} § {match[0].strip('# ')}", moment, text_of))
    for label, moment, content in sections:
        if not content.strip():
            continue
        if moment is None:
            records.skipped.append(Skipped(label, "no date in its name, front matter or heading"))
            continue
        tags = clean_tags(_tags(meta, content), label, records.skipped)
        key = identity("markdown", label, moment.isoformat(), content.strip())
        records.add(label, moment, content.strip(), tags, False, key)


def import_markdown(store: Store, source: Path, progress: Progress | None = None) -> ImportReport:
    """Import every Markdown note under ``source`` in one transaction."""
    if not source.exists():
        raise CareerlogError(f"{source} does not exist")
    if not source.is_dir():
        raise CareerlogError(f"{source} is not a folder; give the folder of notes")
    files = sorted(
        p
        for p in source.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(source).parts)
    )
    if not files:
        raise CareerlogError(f"{source} holds no Markdown notes (.md); nothing was imported")
    records = Records()
    for path in files:
        _file(path, source, records)
    return import_records(
        store, {"entries": records.entries}, skipped=records.skipped, progress=progress
    )
