"""``careerlog add`` on an up-to-date SQLite store, through the standard library's
sqlite3 alone (connections from :mod:`careerlog.store.sqlite`).

Importing SQLAlchemy costs ~0.3 s; a journal line should not. This path writes the
same rows the SQLAlchemy path writes (the FTS triggers live in the database), with
the same pragmas and a ``BEGIN IMMEDIATE`` transaction. Anything unusual — a new
file, an older schema, a server URL — returns ``None`` and the caller takes the full
path, which creates or migrates the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.domain.text import count_words
from careerlog.store import sqlite
from careerlog.store.revisions import HEAD
from careerlog.store.sqlite_file import (
    damaged_message,
    describe_error,
    is_damaged,
    note_checked,
    sqlite_revision,
)
from careerlog.store.stamps import moment_text


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
            cursor = con.execute(
                "INSERT INTO entry (written_at, text, starred, created_at, updated_at, words) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    moment_text(written_at),
                    text,
                    1 if starred else 0,
                    moment_text(now),
                    moment_text(now),
                    count_words(text),
                ),
            )
            entry_id = cursor.lastrowid
            con.executemany(
                "INSERT INTO entry_tag (entry_id, tag) VALUES (?, ?)",
                [(entry_id, tag) for tag in tags],
            )
    except sqlite.Error as error:
        raise StoreError(describe_error(str(error), path)) from None
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            paths.make_private(Path(f"{path}{suffix}"))
    note_checked(path)
    return int(entry_id) if entry_id is not None else None
