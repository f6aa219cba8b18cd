"""``careerlog add`` on an up-to-date SQLite store, through the standard library's
sqlite3 alone (connections from :mod:`careerlog.store.sqlite`).

Importing SQLAlchemy costs ~0.3 s; a journal line should not. This path runs the
entry writer's SQL (:mod:`careerlog.store.writers`) that the SQLAlchemy path runs,
so both store the same rows (the FTS triggers live in the database). Anything unusual — a new
file, an older schema, a server URL — returns ``None`` and the caller takes the full
path, which creates or migrates the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.store import sqlite, writers
from careerlog.store.files.sqlite_file import (
    damaged_message,
    describe_error,
    is_damaged,
    note_checked,
    sqlite_revision,
)
from careerlog.store.revisions import HEAD


def add_entry(
    path: Path, text: str, written_at: datetime, now: datetime, starred: bool, tags: Sequence[str]
) -> int | None:
    """Insert one entry and its tags; the new id, or ``None`` to use the full path."""
    if not path.is_file() or path.stat().st_size == 0 or sqlite_revision(path) != HEAD:
        return None
    if is_damaged(path):
        raise StoreError(damaged_message(path))
    try:
        con = sqlite.connect(path)
    except sqlite.Error:
        return None
    try:
        with sqlite.writing(con):
            sql = sqlite.Statements(con)
            entry_id = writers.insert_entry(
                sql, writers.entry_row(text, written_at, now, starred=starred)
            )
            writers.link_entry(sql, entry_id, tags)
    except sqlite.Error as error:
        raise StoreError(describe_error(str(error), path)) from None
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            paths.make_private(Path(f"{path}{suffix}"))
    note_checked(path)
    return entry_id
