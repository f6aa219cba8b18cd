"""Restore: a backup comes back only once it is shown to be one careerlog made.

A backup file is checked on a private copy (its ``-wal`` too), in a fresh folder of
the data folder, and restored from that copy: nothing is written beside the file,
and what was checked is what comes in. The copy must hold exactly the schema
careerlog's migrations make for its revision (:mod:`careerlog.store.files.schema`),
so no trigger, view or other object of a crafted file ever runs here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from careerlog import paths
from careerlog.atomic import place, write_bytes
from careerlog.domain.errors import CareerlogError
from careerlog.services.exchange.backup import before_name
from careerlog.store import sqlite
from careerlog.store.files import cipher
from careerlog.store.files.sqlite_file import SQLITE_MAGIC, refuse_read_only
from careerlog.store.revisions import KNOWN


def _looks_like_careerlog_json(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return b'"format"' in head and b"careerlog" in head


def integrity_problems(con: sqlite.Connection) -> list[str]:
    """SQLite's integrity check as one message per problem (``["ok"]`` when sound)."""
    lines = [
        line.strip()
        for row in con.execute("PRAGMA integrity_check")
        for line in str(row[0]).splitlines()
    ]
    return [line for line in lines if line and not line.startswith("*** in database")] or ["ok"]


def _refuse_foreign(file: Path) -> None:
    """A file that is not an SQLite database (nor an encrypted one) at all."""
    try:
        with file.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise CareerlogError(f"{file} does not exist") from None
    except IsADirectoryError:
        raise CareerlogError(f"{file} is a folder; give a backup file") from None
    except OSError as error:
        raise CareerlogError(f"cannot read {file}: {error.strerror}") from None
    if not magic:
        raise CareerlogError(f"{file} is empty (0 bytes), so it is not a careerlog backup")
    if magic != SQLITE_MAGIC and not cipher.is_encrypted(file):
        if _looks_like_careerlog_json(file):
            raise CareerlogError(
                f"{file} is a careerlog JSON export; bring it back with "
                "'careerlog import careerlog FILE' into an empty store"
            )
        raise CareerlogError(f"{file} is not a careerlog backup (not an SQLite database)")


def _snapshot(file: Path, folder: Path) -> Path:
    """A private copy of ``file`` and of its ``-wal`` side file, if any, in ``folder``:
    what is checked is what is restored, and opening it creates side files there, never
    beside the backup."""
    copy = folder / "backup.db"
    try:
        shutil.copyfile(file, copy)
        if Path(f"{file}-wal").is_file():
            shutil.copyfile(f"{file}-wal", f"{copy}-wal")
    except OSError as error:
        raise CareerlogError(
            f"cannot read {file}: {error.strerror}; nothing was restored"
        ) from None
    for suffix in ("", "-wal"):
        paths.make_private(Path(f"{copy}{suffix}"))
    return copy


def _check(con: sqlite.Connection, file: Path) -> str:
    """The revision of the open backup, once its schema is exactly careerlog's and it
    passes SQLite's integrity check; one line otherwise. Nothing in the file runs: its
    schema is compared before any of its tables is read (a view or a generated column
    could compute anything), and the integrity check comes after (CHECK constraints
    are then careerlog's own)."""
    from careerlog.store.files import schema  # Alembic (~150 ms), for restore only

    con.execute("PRAGMA trusted_schema = OFF")
    found = schema.schema_of(con)
    alembic = dict(schema.expected(KNOWN[-1])).get(("table", "alembic_version"))
    if found.get(("table", "alembic_version")) != alembic:
        raise CareerlogError(f"{file} is an SQLite database but not a careerlog backup")
    rows = con.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
    if len(rows) != 1:
        raise CareerlogError(
            f"{file} is not a careerlog backup as careerlog makes them: it holds "
            f"{'no' if not rows else 'more than one'} schema revision; nothing was restored"
        )
    revision = str(rows[0][0])
    if revision not in KNOWN:
        raise CareerlogError(
            f"{file} was written by a newer careerlog (schema {revision!r}); "
            "upgrade careerlog to restore it"
        )
    different = schema.difference(con, revision)
    if different is not None:
        raise CareerlogError(
            f"{file} is not a careerlog backup as careerlog makes them: it {different}; "
            "nothing was restored"
        )
    problems = integrity_problems(con)
    if problems != ["ok"]:
        raise CareerlogError(
            f"{file} is damaged ({problems[0]}); nothing was restored. Try an older backup"
        )
    return revision


@contextmanager
def checked(file: Path) -> Iterator[tuple[Path, str]]:
    """A private copy of the backup ``file``, checked (see :func:`_check`), and its
    schema revision; the copy is deleted afterwards. Nothing is written beside
    ``file``. Raises a one-line :class:`CareerlogError` for a missing, foreign,
    crafted, damaged or too-new file."""
    file = file.expanduser()
    _refuse_foreign(file)
    parent = paths.ensure_private_dir(paths.data_dir())
    folder = Path(tempfile.mkdtemp(prefix=".restore-", dir=parent))
    try:
        copy = _snapshot(file, folder)
        try:
            con = sqlite.connect(copy, "read")
        except sqlite.Error as error:
            raise CareerlogError(f"cannot open {file}: {error}") from None
        try:
            revision = _check(con, file)
        except sqlite.DatabaseError:
            raise CareerlogError(
                f"{file} is damaged (SQLite cannot read it); nothing was restored. "
                "Try an older backup"
            ) from None
        finally:
            con.close()
        yield copy, revision
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def validate_backup(file: Path) -> str:
    """Check a backup before anything is replaced; returns its schema revision (see
    :func:`checked`)."""
    with checked(file) as (_, revision):
        return revision


def _claim(store_path: Path) -> None:
    """Wait (up to the busy timeout) until no other careerlog is writing.

    The backup API itself retries a busy destination forever, so ask first."""
    try:
        con = sqlite.connect(store_path)
        try:
            with sqlite.writing(con):
                pass
        finally:
            con.close()
    except sqlite.DatabaseError as error:
        _refuse_if_in_use(error, store_path)  # a damaged file is swapped whole below


def _refuse_if_in_use(error: sqlite.Error, store_path: Path) -> None:
    """A store another careerlog holds open is never swapped out from under it."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        raise CareerlogError(
            f"the store at {store_path} is in use by another careerlog; close it and try "
            "again (nothing was restored)"
        ) from None


class RestoreResult(NamedTuple):
    restored: Path
    previous: Path | None
    """Where the store as it was before the restore was kept (None if there was none)."""


def restore(file: Path, store_path: Path) -> RestoreResult:
    """Replace the store at ``store_path`` with the backup ``file``, after checking it.

    The current store is first copied to the backups folder. Close the TUI first:
    the copy goes through SQLite's backup API, which waits for other writers.
    """
    refuse_read_only(store_path)
    file = file.expanduser()
    if file.exists() and store_path.exists() and file.resolve() == store_path.resolve():
        raise CareerlogError(f"{file} is the store itself; choose a backup file")
    with checked(file) as (copy, _):
        previous = _keep_current(store_path)
        _restore_from(copy, store_path)
    return RestoreResult(store_path, previous)


def _keep_current(store_path: Path) -> Path | None:
    """Copy the store as it is now to the backups folder, before a restore replaces it."""
    if not (store_path.exists() and store_path.stat().st_size):
        return None
    previous = before_name(store_path, "restore")
    try:
        place(previous, lambda tmp: sqlite.copy(store_path, tmp), replace=False)
    except sqlite.Error as error:
        _refuse_if_in_use(error, store_path)
        # The current store is unreadable as a database: keep its bytes as they are.
        previous = previous.with_suffix(".damaged")
        data = store_path.read_bytes()
        write_bytes(previous, data, replace=False)
    return previous


def _restore_from(copy: Path, store_path: Path) -> None:
    """Bring the checked copy's pages into the store at ``store_path``."""
    paths.ensure_private_dir(store_path.parent)
    if store_path.exists() and cipher.file_salt(copy) != cipher.file_salt(store_path):
        # Encrypted one way and not the other (or with another key): pages cannot be
        # copied across, so the whole file is swapped in.
        _claim(store_path)
        _swap_in(copy, store_path)
        return
    try:
        if not store_path.exists():
            fd = os.open(store_path, os.O_CREAT | os.O_WRONLY, paths.PRIVATE_FILE)
            os.close(fd)
        _claim(store_path)
        sqlite.copy(copy, store_path)
    except sqlite.DatabaseError as error:
        _refuse_if_in_use(error, store_path)
        # A damaged store cannot receive pages: swap the whole file in instead.
        _swap_in(copy, store_path)
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{store_path}{suffix}"))


def _swap_in(file: Path, store_path: Path) -> None:
    """Replace the store file whole with a copy of the backup ``file`` (encrypted as the
    backup is), and drop the old store's side files."""
    place(store_path, lambda tmp: sqlite.copy(file, tmp))
    for suffix in ("-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{store_path}{suffix}"))
