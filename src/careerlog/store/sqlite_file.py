"""What careerlog knows about a store *file* before SQLAlchemy is involved: where it
is, which schema revision it carries, and how to word SQLite's errors. Standard
library only, so the ``careerlog add`` fast path can use it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import StoreError

BUSY_TIMEOUT_MS = 15_000


def resolve_location(db: str | None) -> str:
    """``--db`` wins, then ``CAREERLOG_DB``, then the default file in the data folder."""
    chosen = db or os.environ.get("CAREERLOG_DB") or ""
    return chosen or str(paths.default_db_path())


def is_url(location: str) -> bool:
    return "://" in location


def damaged_message(where: object) -> str:
    return (
        f"the store at {where} is damaged; nothing was written. Run 'careerlog doctor', "
        "then 'careerlog restore FILE' with a backup"
    )


def describe_error(text: str, where: object) -> str:
    """One line a person can act on, for a database error message."""
    text = " ".join(text.split())
    if "locked" in text or "busy" in text:
        return f"the store at {where} stayed locked by another careerlog; try again"
    if "full" in text:
        return f"the disk holding {where} is full; nothing was written"
    if "malformed" in text or "not a database" in text:
        return damaged_message(where)
    if "readonly" in text or "unable to open" in text or "disk I/O" in text:
        return f"cannot write the store at {where}: {text}"
    return f"store error at {where}: {text}"


def sqlite_revision(path: Path) -> str | None:
    """The stamped schema revision, read without writing a byte; ``None`` when empty.

    Raises :class:`StoreError` for a file that is not a careerlog store.
    """
    # Without a -wal file the main file holds everything, and "immutable" reads it without
    # creating -wal/-shm side files (a refused store must be left exactly as it was).
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    try:
        con = sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the store at {path}: {error}") from None
    try:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if not names:
            return None
        if "alembic_version" not in names:
            raise StoreError(
                f"{path} is an SQLite database but not a careerlog store; "
                "choose another file with --db"
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            raise StoreError(f"the store at {path} stayed locked by another careerlog") from None
        raise StoreError(damaged_message(path)) from None
    finally:
        con.close()
