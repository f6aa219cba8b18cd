"""Backups and restore: what makes "never lose a word" true (the checks of a store
live in :mod:`careerlog.services.exchange.doctor`).

Backups of a live SQLite store go through the SQLite backup API (a consistent
snapshot even while the TUI writes); files are placed by :mod:`careerlog.atomic`,
linked in so an existing file is never overwritten. Only the
standard library and the store handle are imported here: the daily check runs on
ordinary commands and must cost little more than one ``stat()``.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from careerlog import paths
from careerlog.atomic import place, write_bytes
from careerlog.domain.errors import CareerlogError
from careerlog.store import cipher, sqlite
from careerlog.store.revisions import KNOWN
from careerlog.store.sqlite_file import SQLITE_MAGIC

if TYPE_CHECKING:
    from careerlog.store.db import Store


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _stem(store: Store) -> str:
    return store.path.stem if store.path is not None else "careerlog"


def _json_backup(store: Store, target: Path) -> None:
    from careerlog.services.exchange.records import document

    data = document(store, None, None)
    target.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def backup(store: Store, file: Path | None = None) -> Path:
    """A consistent snapshot of the store: an SQLite copy, or for a server store the
    full JSON export (the lossless backup format). Refuses to overwrite ``file``."""
    if file is None:
        folder = paths.ensure_private_dir(paths.backups_dir())
        suffix = ".db" if store.path is not None else ".json"
        file = folder / f"{_stem(store)}-{_stamp()}{suffix}"
    if store.path is not None:
        source = store.path
        try:
            return place(file, lambda tmp: sqlite.copy(source, tmp), replace=False)
        except sqlite.Error as error:
            raise CareerlogError(f"cannot back up {source}: {error}; nothing was written") from None
    return place(file, lambda tmp: _json_backup(store, tmp), replace=False)


def before_name(store_path: Path, reason: str) -> Path:
    """A free name in the backups folder (created 0700) for the copy taken before an
    import, a restore or a conversion of the store at ``store_path``."""
    folder = paths.ensure_private_dir(paths.backups_dir())
    target = folder / f"{store_path.stem}-{_stamp()}-before-{reason}.db"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{store_path.stem}-{_stamp()}-before-{reason}-{counter}.db"
    return target


def backup_before(store: Store, reason: str) -> Path | None:
    """The safety copy taken before an import or a restore (SQLite stores only)."""
    if store.path is None or not store.path.exists() or store.path.stat().st_size == 0:
        return None
    return backup(store, before_name(store.path, reason))


def daily_name(store_path: Path, day: date) -> str:
    return f"{store_path.stem}-daily-{day.isoformat()}.db"


def maybe_daily_backup(store: Store | Path, today: date | None = None) -> Path | None:
    """Take today's rotating backup unless it exists; keep the newest ``backup.keep``.

    ``store`` is an open store or an SQLite file's path. The common case (already
    taken today) is a single ``stat()``; settings are read only when one is due.
    """
    source = store if isinstance(store, Path) else store.path
    if source is None:
        return None
    today = today or date.today()
    target = paths.backups_dir() / daily_name(source, today)
    if target.exists():
        return None
    from careerlog import config

    settings = config.load().get("backup", {})
    if not settings.get("daily", True):
        return None
    keep = settings.get("keep", 7)
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 1:
        raise CareerlogError("backup.keep in the settings must be a whole number of at least 1")
    paths.ensure_private_dir(target.parent)
    try:
        made = place(target, lambda tmp: sqlite.copy(source, tmp), replace=False)
    except sqlite.Error as error:
        raise CareerlogError(f"cannot back up {source}: {error}") from None
    except CareerlogError:
        if target.exists():  # another careerlog took it a moment ago
            return None
        raise
    dailies = sorted(target.parent.glob(f"{source.stem}-daily-*.db"))
    for old in dailies[:-keep]:
        old.unlink(missing_ok=True)
    return made


# --- restore -------------------------------------------------------------------------


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


def validate_backup(file: Path) -> str:
    """Check a backup before anything is replaced; returns its schema revision.

    Raises a one-line :class:`CareerlogError` for a missing, foreign, damaged or
    too-new file.
    """
    try:
        with file.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise CareerlogError(f"{file} does not exist") from None
    except OSError as error:
        raise CareerlogError(f"cannot read {file}: {error.strerror}") from None
    if magic != SQLITE_MAGIC and not cipher.is_encrypted(file):
        if _looks_like_careerlog_json(file):
            raise CareerlogError(
                f"{file} is a careerlog JSON export; bring it back with "
                "'careerlog import careerlog FILE' into an empty store"
            )
        raise CareerlogError(f"{file} is not a careerlog backup (not an SQLite database)")
    try:
        con = sqlite.connect(file, "peek")
    except sqlite.Error as error:
        raise CareerlogError(f"cannot open {file}: {error}") from None
    try:
        problems = integrity_problems(con)
        if problems != ["ok"]:
            raise CareerlogError(
                f"{file} is damaged ({problems[0]}); nothing was restored. Try an older backup"
            )
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in names:
            raise CareerlogError(f"{file} is an SQLite database but not a careerlog backup")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite.DatabaseError:
        raise CareerlogError(
            f"{file} is damaged (SQLite cannot read it); nothing was restored. Try an older backup"
        ) from None
    finally:
        con.close()
    revision = str(row[0]) if row else ""
    if revision not in KNOWN:
        raise CareerlogError(
            f"{file} was written by a newer careerlog (schema {revision!r}); "
            "upgrade careerlog to restore it"
        )
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
    # A NamedTuple, not a dataclass: the daily backup check runs before every read
    # command, and ``dataclasses`` (with ``inspect``) costs ~7 ms to import.
    restored: Path
    previous: Path | None
    """Where the store as it was before the restore was kept (None if there was none)."""


def restore(file: Path, store_path: Path) -> RestoreResult:
    """Replace the store at ``store_path`` with the backup ``file``, after checking it.

    The current store is first copied to the backups folder. Close the TUI first:
    the copy goes through SQLite's backup API, which waits for other writers.
    """
    file = file.expanduser()
    validate_backup(file)
    if file.resolve() == store_path.resolve():
        raise CareerlogError(f"{file} is the store itself; choose a backup file")
    previous: Path | None = None
    if store_path.exists() and store_path.stat().st_size:
        folder = paths.ensure_private_dir(paths.backups_dir())
        previous = folder / f"{store_path.stem}-{_stamp()}-before-restore.db"
        try:
            place(previous, lambda tmp: sqlite.copy(store_path, tmp), replace=False)
        except sqlite.Error as error:
            _refuse_if_in_use(error, store_path)
            # The current store is unreadable as a database: keep its bytes as they are.
            previous = previous.with_suffix(".damaged")
            data = store_path.read_bytes()
            write_bytes(previous, data, replace=False)
    paths.ensure_private_dir(store_path.parent)
    if store_path.exists() and cipher.file_salt(file) != cipher.file_salt(store_path):
        # Encrypted one way and not the other (or with another key): pages cannot be
        # copied across, so the whole file is swapped in.
        _claim(store_path)
        _swap_in(file, store_path)
        return RestoreResult(store_path, previous)
    try:
        if not store_path.exists():
            fd = os.open(store_path, os.O_CREAT | os.O_WRONLY, paths.PRIVATE_FILE)
            os.close(fd)
        _claim(store_path)
        sqlite.copy(file, store_path)
    except sqlite.DatabaseError as error:
        _refuse_if_in_use(error, store_path)
        # A damaged store cannot receive pages: swap the whole file in instead.
        _swap_in(file, store_path)
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{store_path}{suffix}"))
    return RestoreResult(store_path, previous)


def _swap_in(file: Path, store_path: Path) -> None:
    """Replace the store file whole with a copy of the backup ``file`` (encrypted as the
    backup is), and drop the old store's side files."""
    place(store_path, lambda tmp: sqlite.copy(file, tmp))
    for suffix in ("-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{store_path}{suffix}"))
