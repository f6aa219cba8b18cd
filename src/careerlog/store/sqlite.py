"""The one place careerlog opens an SQLite connection.

Every route goes through :func:`connect`: the SQLAlchemy engine (as its ``creator``),
the fast ``careerlog add``, the standard-library reads of search, stats and export,
backups, restore, the doctor and the copy taken before a migration. So the pragmas
(WAL, ``synchronous=FULL``, foreign keys, the busy timeout), how a write transaction
begins and how a file is opened without writing a byte are decided here, once.

An encrypted store is opened with SQLCipher (the ``sqlcipher3`` driver, imported only
then: ~10 ms) and the session's raw key (:mod:`careerlog.store.files.cipher`), set right after
the open and before anything reads the file; a plain one with the standard library's
sqlite3. Callers catch the error classes named here, which cover both drivers, rather
than either driver's own.

Standard library only: the fast add imports this without SQLAlchemy (~0.3 s).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, cast

from careerlog.domain.errors import StoreError
from careerlog.store.files import cipher
from careerlog.store.search.fold import register as search_functions

BUSY_TIMEOUT_MS = 15_000
"""How long a connection waits for another careerlog's write before giving up."""

Connection = sqlite3.Connection
"""Both drivers' connections (SQLCipher's has the same DB-API surface, and ``backup``)."""
VERSION = sqlite3.sqlite_version_info
"""The oldest SQLite library :func:`connect` opens files with (JSON functions since
3.38); SQLCipher bundles a newer one."""
CIPHER_DRIVER = "sqlcipher3.dbapi2"


_ERRORS = ("Error", "DatabaseError", "OperationalError")


def _either(name: str) -> Any:
    """sqlite3's error class ``name``, with SQLCipher's of the same name once that driver
    is loaded (before, none of its errors can exist): SQLCipher's are not subclasses
    of sqlite3's, and ``except`` ignores ``__subclasscheck__``, so a tuple it is."""
    loaded = sys.modules.get(CIPHER_DRIVER)
    plain = getattr(sqlite3, name)
    return plain if loaded is None else (plain, getattr(loaded, name))


if TYPE_CHECKING:
    Error = sqlite3.Error
    DatabaseError = sqlite3.DatabaseError
    OperationalError = sqlite3.OperationalError
else:

    def __getattr__(name: str) -> Any:
        """``Error``, ``DatabaseError`` and ``OperationalError``: the class of either
        driver, read when an ``except sqlite.Error`` is tested (so never stale)."""
        if name in _ERRORS:
            return _either(name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    if not Path(f"{path}-wal").exists() and (access == "peek" or read_only(Path(path))):
        # Without a -wal file the main file holds everything; "immutable" reads it
        # without creating -wal/-shm side files.
        return f"{uri}?mode=ro&immutable=1"
    return f"{uri}?mode=ro"


def read_only(path: Path) -> bool:
    """Whether this process may neither write the store file nor create its ``-shm``
    beside it (a journal on a read-only disk, or someone else's): SQLite then opens a
    WAL store only as immutable, and a reader would otherwise fail with "attempt to
    write a readonly database"."""
    if not os.access(path, os.W_OK):
        return True
    return not Path(f"{path}-shm").exists() and not os.access(path.parent or ".", os.W_OK)


def cipher_driver() -> ModuleType:
    """SQLCipher's DB-API module (imported on first use, ~10 ms)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise StoreError(
            "this store is encrypted and the sqlcipher3 package is missing; "
            "reinstall careerlog (pip install sqlcipher3)"
        ) from None
    module: ModuleType = dbapi2
    return module


def driver_of(key: cipher.Key | None) -> ModuleType:
    """The DB-API module that opens a file with ``key`` (``None``: a plain file)."""
    return sqlite3 if key is None else cipher_driver()


def connect(
    path: Path, access: Access = "write", *, key: cipher.Key | Literal["session"] | None = "session"
) -> Connection:
    """An open connection to the existing SQLite file ``path`` (never created here).

    ``key``: the session's key for an encrypted file (raises :class:`cipher.Locked`
    when none is held), an explicit :class:`cipher.Key` (a new file to encrypt, a key
    being tried), or ``None`` for a plain file. A key that does not open the file
    raises :class:`cipher.KeyRejected`, and nothing is written.

    Autocommit at the driver level: a transaction begins only where :func:`writing`,
    :func:`reading` or SQLAlchemy's ``begin`` says so. Raises :data:`Error`.
    """
    if isinstance(key, str):
        key = cipher.key_for(path)
    con = cast(
        Connection,
        driver_of(key).connect(
            _uri(path, access),
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,  # the TUI's workers share the engine's pool
        ),
    )
    try:
        if key is not None:
            _set_key(con, key, path)
        if access == "write":
            for pragma in _PRAGMAS:
                con.execute(pragma)
        search_functions(con)  # the search triggers fold text through them
    except BaseException:
        con.close()
        raise
    return con


def _set_key(con: Connection, key: cipher.Key, path: Path) -> None:
    # SQLCipher logs a failed page check to stderr itself; careerlog says it in one line.
    con.execute("PRAGMA cipher_log_level = NONE")
    if not key.raw:
        return  # SQLCipher's driver on a plain file
    con.execute(f'PRAGMA key = "{key.pragma()}"')
    try:
        # The first read checks the key: an empty file reads as a new database.
        con.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except _either("DatabaseError") as error:
        if "not a database" not in str(error):
            raise
        raise cipher.KeyRejected(
            f"the key given does not open {path} (a wrong passphrase, or another store); "
            "nothing was changed"
        ) from None


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
    (empty, or a store to overwrite page by page), through SQLite's backup API. The copy
    of an encrypted store is encrypted with the same key and salt."""
    key = cipher.key_for(source)
    src = connect(source, "read", key=key)
    try:
        dst = connect(target, "write", key=key)
        try:
            try:
                src.backup(dst)
            except MemoryError:
                if key is None:
                    raise
                # SQLCipher reports a page it cannot decrypt (a damaged page, on either
                # side) as SQLITE_NOMEM; it is damage, and is reported as damage.
                raise cipher_driver().DatabaseError("database disk image is malformed") from None
        finally:
            dst.close()
    finally:
        src.close()
