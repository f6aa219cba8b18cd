"""Bring a Day One journal in, from its JSON export: the ``.zip`` Day One writes (one
``<Journal>.json`` per journal, photos beside them) or a ``.json`` taken out of it.

The format (``{"metadata": {"version": …}, "entries": [{"uuid", "creationDate",
"timeZone", "text", "tags", "starred", …}]}``) is Day One's documented JSON export.
An entry's moment is its ``creationDate`` (UTC) in its own ``timeZone``, as the person
saw the clock; its text is Day One's Markdown, kept as written; its tags are Day
One's tag list, never words of the text. Photos, audio and places are not brought
over, and the report says so. Each entry is known by its Day One ``uuid``, so a
second import of the same export adds nothing.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from careerlog.domain.datetext import iso_minute
from careerlog.domain.errors import CareerlogError
from careerlog.io.files import MAX_IMPORT_BYTES, load_json, read_text
from careerlog.io.importers.common import Records, clean_tags, identity
from careerlog.services import Store
from careerlog.services.exchange.importing import ImportReport, Progress, Skipped, import_records

MEDIA = ("photos", "videos", "audios", "pdfAttachments")


def _local(created: str, zone: Any, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        raise CareerlogError(f"{where} has an unreadable creationDate {created!r}") from None
    if moment.tzinfo is None:
        return moment.replace(microsecond=0)
    if isinstance(zone, str) and zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only for Day One imports

        try:
            return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def parse(text: str, name: str, records: Records) -> None:
    """The entries of one Day One JSON file; anything Day One could not have written
    refuses the whole import."""
    data = load_json(text, name)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("entries"), list)
        or not isinstance(data.get("metadata"), dict)
    ):
        raise CareerlogError(
            f'{name} is not a Day One JSON export (no "metadata" and "entries"); '
            "nothing was imported. In Day One: Export, then JSON"
        )
    for index, entry in enumerate(data["entries"]):
        where = f"{name}: entry {index + 1}"
        if not isinstance(entry, dict):
            raise CareerlogError(f"{where} is not an object; nothing was imported")
        uuid, created = entry.get("uuid"), entry.get("creationDate")
        if not isinstance(uuid, str) or not uuid or not isinstance(created, str):
            raise CareerlogError(f"{where} has no uuid or creationDate; nothing was imported")
        body, tags, starred = entry.get("text", ""), entry.get("tags", []), entry.get("starred")
        if not isinstance(body, str):
            raise CareerlogError(f"{where}.text should be text; nothing was imported")
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise CareerlogError(f"{where}.tags should be a list of tags; nothing was imported")
        if not isinstance(starred, bool | None):
            raise CareerlogError(f"{where}.starred should be true or false; nothing was imported")
        moment = _local(created, entry.get("timeZone"), where)
        label = f"Day One entry of {iso_minute(moment)}"
        media = sum(len(entry[k]) for k in MEDIA if isinstance(entry.get(k), list))
        if media:
            records.skipped.append(
                Skipped(f"{media} attachment(s) of {label}", "careerlog keeps the text only")
            )
        kept = clean_tags(tags, label, records.skipped)
        records.add(label, moment, body.strip(), kept, bool(starred), identity("dayone", uuid))


def _zip(source: Path, records: Records) -> None:
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise CareerlogError(f"{source} is not a readable zip file; nothing was imported") from None
    with archive:
        members = [
            m
            for m in archive.infolist()
            if m.filename.lower().endswith(".json") and not m.is_dir() and "/" not in m.filename
        ]
        if not members:
            raise CareerlogError(f"{source} holds no Day One journal (.json); nothing was imported")
        for member in members:
            if member.file_size > MAX_IMPORT_BYTES:
                raise CareerlogError(f"{member.filename} in {source} is larger than 512 MB")
            try:
                text = archive.read(member).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise CareerlogError(f"{member.filename} in {source} is not UTF-8 text") from None
            parse(text, f"{source}:{member.filename}", records)


def import_dayone(store: Store, source: Path, progress: Progress | None = None) -> ImportReport:
    """Import a Day One JSON export (zip or json) in one transaction."""
    records = Records()
    if source.is_file() and zipfile.is_zipfile(source):
        _zip(source, records)
    else:
        parse(read_text(source), str(source), records)
    return import_records(
        store, {"entries": records.entries}, skipped=records.skipped, progress=progress
    )
