"""Encrypting, decrypting and re-keying an SQLite store in place, atomically.

One routine does all three: SQLCipher's ``sqlcipher_export`` copies the whole store
(tables, FTS index, triggers) into a temporary file beside it with the new key (or
none), which the atomic writer flushes to disk and renames over the store, then flushes
the folder. A kill at any moment leaves the old store or the new one, whole:

- before the rename, the old store is untouched but for its journal mode, and the
  temporary file is only a leftover (removed by the next conversion);
- the store is first switched out of WAL, so everything it holds is in the main file
  and no ``-wal`` file of the old store can be replayed into the new one.

Leaving WAL needs every other connection closed, which is how a conversion refuses to
run while the TUI or another careerlog has the store open: a store swapped under an
open connection would take that connection's later writes into the old, unlinked file.
A careerlog that opened the file in the moment before the rename finds it emptied
("no such table") instead, never writing where nobody will look.
"""

from __future__ import annotations

import os
from pathlib import Path

from careerlog import paths
from careerlog.atomic import place
from careerlog.domain.errors import StoreError
from careerlog.store import sqlite
from careerlog.store.files import cipher

EXCLUSIVE_WAIT_MS = 2_000
"""How long to wait for other careerlogs to let go of the store before refusing."""


def _in_use(path: Path) -> StoreError:
    return StoreError(
        f"the store at {path} is open in another careerlog (the journal, or a command "
        "still running); close it and try again. Nothing was changed"
    )


def _remove_leftovers(path: Path) -> None:
    """Temporary files of conversions that were killed (their process is gone)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp*"):
        try:
            pid = int(leftover.name[len(path.name) + 2 :].split(".")[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except (ValueError, PermissionError, OSError):
            continue


def convert(path: Path, old: cipher.Key | None, new: cipher.Key | None) -> None:
    """Rewrite the store at ``path`` (opened with ``old``, ``None`` when plain) with the
    key ``new`` (``None``: plain). Raises :class:`StoreError` and changes nothing when
    another connection has the store open or ``old`` does not open it."""
    source = sqlite.connect(path, "write", key=old or cipher.PLAIN)
    try:
        source.execute(f"PRAGMA busy_timeout = {EXCLUSIVE_WAIT_MS}")
        try:
            mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite.OperationalError:
            raise _in_use(path) from None
        if str(mode).lower() != "delete":
            raise _in_use(path)
        # Nobody else may read or write from here until the new file is in place: in
        # exclusive locking mode the lock one transaction takes is kept until close.
        source.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            source.execute("BEGIN EXCLUSIVE")
            source.execute("COMMIT")
        except sqlite.OperationalError:
            raise _in_use(path) from None
        _remove_leftovers(path)
        # The old file, held open so the moment it is replaced it can be emptied for
        # anyone who opened it just before (closing this fd drops this process's locks
        # on it, so it is closed last).
        old_fd = os.open(path, os.O_RDWR)
        try:
            place(path, lambda tmp: _export_into(source, tmp, new))
            os.ftruncate(old_fd, 0)
        finally:
            os.close(old_fd)
    finally:
        source.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    paths.make_private(path)


def _export_into(source: sqlite.Connection, target: Path, key: cipher.Key | None) -> None:
    """Everything in the database ``source`` into the empty file ``target``, encrypted
    with ``key`` (``None``: plain), in one transaction: one consistent view of the
    source, and the copy complete when it commits."""
    source.execute(
        "ATTACH DATABASE ? AS converted KEY ?", (str(target), (key or cipher.PLAIN).pragma())
    )
    try:
        source.execute(sqlite.BEGIN_READ)
        try:
            source.execute("SELECT sqlcipher_export('converted')")
            # sqlcipher_export copies the schema and the rows, not these header fields.
            for name in ("user_version", "application_id"):
                value = int(source.execute(f"PRAGMA main.{name}").fetchone()[0])
                source.execute(f"PRAGMA converted.{name} = {value}")
            source.execute("COMMIT")
        finally:
            if source.in_transaction:
                source.execute("ROLLBACK")
        # WAL is recorded in the file: readers and a writer then never wait on each other.
        source.execute("PRAGMA converted.journal_mode = WAL")
    finally:
        source.execute("DETACH DATABASE converted")


def export(path: Path, key: cipher.Key | None, target: Path, new: cipher.Key | None) -> None:
    """A consistent copy of the live store ``path`` (opened with ``key``) into the empty
    file ``target``, encrypted with ``new``: the backup taken before a conversion. (The
    connection is a writer's because an attached file opens as the main one does.)"""
    source = sqlite.connect(path, "write", key=key or cipher.PLAIN)
    try:
        _export_into(source, target, new)
    finally:
        source.close()
