"""The one place careerlog opens an SQLite connection.

Every route goes through :func:`connect`: the SQLAlchemy engine (as its ``creator``),
the fast ``careerlog add``, the standard-library reads of search, stats and export,
backups, restore, the doctor and the copy taken before a migration. So the pragmas
(WAL, ``synchronous=FULL``, foreign keys, the busy timeout), how a write transaction
begins and how a file is opened without writing a byte are decided here, once.
Callers catch the error classes named here rather than :mod:`sqlite3`'s own.

Standard library only: the fast add imports this without SQLAlchemy (~0.3 s).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

BUSY_TIMEOUT_MS = 15_000
"""How long a connection waits for another careerlog's write before giving up."""

Connection = sqlite3.Connection
VERSION = sqlite3.sqlite_version_info
"""The SQLite library :func:`connect` opens files with (JSON functions since 3.38)."""
Error = sqlite3.Error
DatabaseError = sqlite3.DatabaseError
OperationalError = sqlite3.OperationalError

Access = Literal["write", "read", "peek"]
"""``write``: read and write an existing file, with careerlog's pragmas.
``read``: read only (a WAL reader may still create the ``-shm`` side file).
``peek``: read only, and immutable when there is no ``-wal`` file, so nothing at all is
created beside the file (a store careerlog refuses stays exactly as it was)."""

BEGIN_WRITE = "BEGIN IMMEDIATE"
"""Writes take the lock up front: a read that turns into a write mid-transaction would
fail with "database is locked" instead of waiting its turn."""
BEGIN_READ = "BEGIN"

_PRAGMAS = ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON")


def _uri(path: Path, access: Access) -> str:
    # as_uri() percent-encodes, so a name holding "?", "#" or "%" stays a file name.
    uri = Path(path).absolute().as_uri()
    if access == "write":
        return f"{uri}?mode=rw"
    if access == "peek" and not Path(f"{path}-wal").exists():
        # Without a -wal file the main file holds everything; "immutable" reads it
        # without creating -wal/-shm side files.
        return f"{uri}?mode=ro&immutable=1"
    return f"{uri}?mode=ro"


def connect(path: Path, access: Access = "write") -> Connection:
    """An open connection to the existing SQLite file ``path`` (never created here).

    Autocommit at the driver level: a transaction begins only where :func:`writing`,
    :func:`reading` or SQLAlchemy's ``begin`` says so. Raises :data:`Error`.
    """
    con = sqlite3.connect(
        _uri(path, access),
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,  # the TUI's workers share the engine's pool
    )
    try:
        if access == "write":
            for pragma in _PRAGMAS:
                con.execute(pragma)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def writing(con: Connection) -> Iterator[Connection]:
    """One write transaction on ``con``: committed when the block ends, rolled back if
    it raises."""
    con.execute(BEGIN_WRITE)
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        # After a full disk SQLite has already rolled back; a second ROLLBACK would
        # replace the real error with "no transaction is active".
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def snapshot(path: Path, access: Access = "read") -> Connection:
    """A connection already inside a read transaction: one consistent view of the file
    until it is closed, however much other careerlogs write meanwhile."""
    con = connect(path, access)
    try:
        con.execute(BEGIN_READ)
    except BaseException:
        con.close()
        raise
    return con


class Statements:
    """The standard-library transport of :class:`careerlog.store.writers.Sql`."""

    def __init__(self, con: Connection) -> None:
        self.con = con

    def value(self, sql: str, params: Mapping[str, Any]) -> Any:
        rows = self.con.execute(sql, params).fetchall()  # run to the end (RETURNING)
        return rows[0][0] if rows else None

    def each(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self.con.executemany(sql, rows)


def copy(source: Path, target: Path) -> None:
    """A consistent copy of the live store ``source`` into the existing file ``target``
    (empty, or a store to overwrite page by page), through SQLite's backup API."""
    src = connect(source, "read")
    try:
        dst = connect(target, "write")
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
