"""A store's own identity: a random hex string written into it once (migration 0010,
table ``store_identity``), which every backup of it carries, since a backup is a copy.

Backups are keyed by it rather than by the store's file name, so two stores that are
both called ``j.db`` never share a daily copy, and ``careerlog doctor`` names only the
backups of the store it checks. A copied store file is the same store until it is
changed: its backups are, after all, copies of the same journal.

Standard library only: the daily backup reads it before every read command (one
read-only open, ~1 ms).
"""

from __future__ import annotations

import os
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.store import sqlite
from careerlog.store.files.sqlite_file import path_key

SHORT = 12
"""Hex characters of the identity in a backup's file name (2^48: no clash in practice;
the identity inside the backup is what counts)."""
_HEX = frozenset("0123456789abcdef")


def _valid(value: object) -> str | None:
    if isinstance(value, str) and 16 <= len(value) <= 64 and set(value) <= _HEX:
        return value
    return None


def read(con: sqlite.Connection) -> str | None:
    """The identity of the open SQLite store ``con``; ``None`` when it has none (a store
    or backup from before migration 0010) or it cannot be read."""
    try:
        row = con.execute("SELECT id FROM store_identity LIMIT 1").fetchone()
    except sqlite.DatabaseError:
        return None
    return _valid(row[0]) if row else None


def of_file(path: Path, access: sqlite.Access = "peek") -> str | None:
    """The identity inside the SQLite file ``path``; ``None`` when it has none, is
    damaged, or is encrypted with a key this session does not hold. A backup is read
    without writing a byte (``peek``); a live store is read with ``read``: an immutable
    open takes no lock, and closing it would drop the locks this process's other
    connections hold on the file."""
    try:
        con = sqlite.connect(path, access)
    except StoreError:  # encrypted, and this session holds no key that opens it
        return None
    except sqlite.Error:  # (a tuple of both drivers' classes: not nested in another)
        return None
    try:
        return read(con)
    finally:
        con.close()


def _remembered_at(store_path: Path) -> Path:
    return paths.data_dir() / "identity" / path_key(store_path)


def remember(store_path: Path, identity: str) -> None:
    """Note which identity the store at ``store_path`` had when last read sound, so the
    doctor can still name its backups once the file is damaged past reading."""
    target = _remembered_at(store_path)
    try:
        if target.read_text(encoding="ascii") == identity:
            return
    except (OSError, UnicodeDecodeError):
        pass
    try:
        paths.ensure_private_dir(target.parent)
        fd = os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, paths.PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(identity)
    except OSError:
        pass  # a cache: the doctor then names no backups of a store it cannot read


def of_store(store_path: Path) -> str | None:
    """The identity of the store at ``store_path``: read from it, else the one noted
    when it was last read sound (the file may be damaged now)."""
    found = of_file(store_path, "read") if store_path.is_file() else None
    if found is not None:
        return found
    try:
        return _valid(_remembered_at(store_path).read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError):
        return None


def backup_stem(store_path: Path, identity: str | None) -> str:
    """How a backup of the store at ``store_path`` is named before its date: the store's
    name (for people) and its identity's first :data:`SHORT` characters (for careerlog)."""
    return f"{store_path.stem}-{identity[:SHORT]}" if identity else store_path.stem
