"""Open the store: resolve where it is, check its schema revision, give SQLAlchemy its
SQLite connections from :mod:`careerlog.store.sqlite` (which sets them up for safety)
and migrate when needed.

The common case — an up-to-date store — is checked without importing Alembic
(~150 ms), so ``careerlog add`` stays close to the cost of importing SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, exc, text

from careerlog import atomic, paths
from careerlog.domain.errors import CareerlogError, StoreError
from careerlog.domain.text import text_problem
from careerlog.store import sqlite
from careerlog.store.files import cipher
from careerlog.store.files.sqlite_file import (
    damaged_message,
    describe_error,
    is_damaged,
    is_url,
    note_checked,
    read_only_message,
    refuse_empty,
    resolve_location,
    shown_location,
    sqlite_revision,
)
from careerlog.store.revisions import HEAD, KNOWN


@dataclass(frozen=True)
class Store:
    """An open store. ``path`` is set for SQLite files, ``None`` for server URLs."""

    engine: Engine
    url: str
    path: Path | None
    damaged: bool = False
    """Set when the file's structure check failed: reads still work (to rescue what
    can be read), every write is refused before it starts."""
    read_only: bool = False
    """Set when this process may not write the file (or create its side files): it is
    opened for reading only, never migrated or backed up, and every write is refused
    before it starts."""

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite), committed on success."""
        if self.read_only:
            raise StoreError(read_only_message(self.path))
        if self.damaged:
            raise StoreError(damaged_message(self.path))
        with _translate_errors(self), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: a consistent snapshot that never blocks writers."""
        with _translate_errors(self), self.engine.begin() as conn:
            yield conn

    @property
    def _writer(self) -> Engine:
        return self.engine.execution_options(careerlog_write=True)

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and not self.read_only:
            for suffix in ("", "-wal", "-shm"):
                paths.make_private(Path(f"{self.path}{suffix}"))
            if not self.damaged:
                note_checked(self.path)


@contextmanager
def _translate_errors(store: Store) -> Iterator[None]:
    try:
        yield
    except exc.OperationalError as error:
        # repr() of the URL hides a password.
        where = store.path or repr(store.engine.url)
        raise StoreError(describe_error(str(error.orig), where)) from None
    except exc.DatabaseError as error:
        if "malformed" in str(error.orig) or "not a database" in str(error.orig):
            raise StoreError(damaged_message(store.path or shown_location(store.url))) from None
        raise


class _Statements:
    """The SQLAlchemy transport of :class:`careerlog.store.writers.Sql`: the same SQL
    text, its ``:name`` parameters rendered for the connection's driver."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def value(self, sql: str, params: Mapping[str, Any]) -> Any:
        return self.conn.execute(text(sql), dict(params)).scalar()

    def each(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self.conn.execute(text(sql), [dict(row) for row in rows])


def statements(conn: Connection) -> _Statements:
    """The writers' transport on a connection of :meth:`Store.write`."""
    return _Statements(conn)


def new_id(result: CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def refuse_unstorable_text(engine: Engine) -> None:
    """Refuse, before it reaches the database, any statement whose parameters carry
    text no store keeps (:func:`careerlog.domain.text.text_problem`: NUL, lone
    surrogates), in the same words on both backends and for every writer. The fast
    add checks its entry's text itself, by the same rule."""

    @event.listens_for(engine, "before_cursor_execute")
    def _check(
        conn: Connection, cursor: Any, statement: str, params: Any, context: Any, many: bool
    ) -> None:
        problem = _text_problem(params)
        if problem is not None:
            raise CareerlogError(f"a text {problem}; nothing was written")


def _text_problem(params: Any) -> str | None:
    """The first :func:`text_problem` in a DB-API parameter set (a value, a tuple or
    dict of them, or a list of those for executemany)."""
    if isinstance(params, str):
        return text_problem(params)
    if isinstance(params, dict):
        params = params.values()
    elif not isinstance(params, list | tuple):
        return None
    for value in params:
        problem = _text_problem(value)
        if problem is not None:
            return problem
    return None


def _sqlite_engine(path: Path, access: sqlite.Access = "write") -> Engine:
    # The URL only tells SQLAlchemy the dialect and that this is a file (a QueuePool);
    # every DB-API connection comes from the one module that opens SQLite files. An
    # encrypted store's key is taken once, here, and held for the process: the engine
    # (the TUI's, all day) outlives an unlock's expiry as an open file would. SQLAlchemy
    # wraps the errors of the driver it is given.
    key = cipher.key_for(path)
    if key is not None:
        cipher.hold(key)  # this process's other files of the store (drafts) follow it
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        module=sqlite.driver_of(key),
        creator=lambda: sqlite.connect(path, access, key=key),
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # The connections are in autocommit mode: SQLAlchemy, not the driver, begins.
        write = conn.get_execution_options().get("careerlog_write", False)
        conn.exec_driver_sql(sqlite.BEGIN_WRITE if write else sqlite.BEGIN_READ)

    refuse_unstorable_text(engine)
    return engine


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and, for a new store, the file (0600) with SQLite's
    header, made beside it and linked into place: whenever careerlog is killed, the
    name holds a whole SQLite file or nothing. (Created in place, a kill between the
    file and its header left an empty file, refused ever after as not a store.) One
    found empty is not careerlog's and is refused (:func:`refuse_empty`)."""
    try:
        if path.parent == paths.data_dir() or not path.parent.exists():
            paths.ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(f"cannot create the store at {path}: {error.strerror}") from None
    if path.exists():
        if not path.stat().st_size:
            refuse_empty(path)
        paths.make_private(path)
        return

    def header(tmp: Path) -> None:
        try:
            sqlite.connect(tmp, "write", key=None).close()  # WAL mode writes the header
        except sqlite.Error as error:
            raise StoreError(f"cannot create the store at {path}: {error}") from None

    with suppress(atomic.NameTaken):  # another careerlog made it first: that one is used
        atomic.place(path, header, replace=False)


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating or migrating as needed) the store named by ``db``.

    A store stamped with a revision this version does not know is refused with a
    :class:`StoreError` and left byte-for-byte as it was.
    """
    location = resolve_location(db)
    if is_url(location):
        return _open_url(location, migrate=migrate)
    path = Path(location).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; --db needs a file path or a database URL")
    revision = sqlite_revision(path) if path.exists() and path.stat().st_size else None
    _check_known(revision, path)
    damaged = revision is not None and is_damaged(path)
    if path.exists() and sqlite.read_only(path):
        return _open_read_only(path, revision, damaged)
    _prepare_sqlite_file(path)
    store = Store(_sqlite_engine(path), f"sqlite:///{path}", path, damaged)
    if revision != HEAD and migrate:
        from careerlog.store import migrate as migrations  # Alembic: only when needed

        migrations.upgrade(store, revision)
    for suffix in ("-wal", "-shm"):
        paths.make_private(Path(f"{path}{suffix}"))
    return store


def _open_read_only(path: Path, revision: str | None, damaged: bool) -> Store:
    """A store file this process may not write (:func:`careerlog.store.sqlite.read_only`),
    opened for reading: nothing is created, chmod-ed, migrated or written beside it."""
    if not path.stat().st_size:
        refuse_empty(path)
    if revision != HEAD:
        raise StoreError(
            f"the store at {path} needs upgrading to this careerlog's schema (it is at "
            f"revision {revision or 'none'}), which cannot be done: it is read-only here; "
            "nothing was written. Open it once where careerlog may write it"
        )
    engine = _sqlite_engine(path, "read")
    return Store(engine, f"sqlite:///{path}", path, damaged, read_only=True)


def _check_known(revision: str | None, where: object) -> None:
    if revision is not None and revision not in KNOWN:
        raise StoreError(
            f"the store at {where} is at schema revision {revision!r}, which this careerlog "
            "does not know (it was written by a newer version); it was left untouched. "
            "Upgrade careerlog to open it"
        )


def _open_url(url: str, *, migrate: bool) -> Store:
    if url.startswith("sqlite"):
        raise StoreError("give SQLite stores as a file path, not a sqlite:// URL")
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):  # psycopg 3 is the driver careerlog[postgres] brings
        scheme, url = "postgresql+psycopg", f"postgresql+psycopg://{rest}"
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (exc.NoSuchModuleError, ModuleNotFoundError, ImportError) as error:
        hint = "run: pip install 'careerlog[postgres]'" if "postgres" in url else "install a driver"
        raise StoreError(f"cannot use {scheme} ({error}); {hint}") from None
    except exc.ArgumentError:
        raise StoreError(f"{scheme}://… is not a database URL careerlog can read") from None
    refuse_unstorable_text(engine)
    store = Store(engine, url, None)
    try:
        with engine.connect() as conn:
            revision = _url_revision(conn)
    except exc.OperationalError as error:
        reason = " ".join(str(error.orig).split())
        raise StoreError(f"cannot connect to {engine.url!r}: {reason}") from None
    _check_known(revision, engine.url)
    if revision != HEAD and migrate:
        from careerlog.store import migrate as migrations  # Alembic: only when needed

        migrations.upgrade(store, revision)
    return store


def _url_revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row else None
