"""Backups: what makes "never lose a word" true (bringing one back is
:mod:`careerlog.services.exchange.restoring`; the checks of a store live in
:mod:`careerlog.services.exchange.doctor`).

Backups of a live SQLite store go through the SQLite backup API (a consistent
snapshot even while the TUI writes); files are placed by :mod:`careerlog.atomic`,
linked in so an existing file is never overwritten. Only the
standard library and the store handle are imported here: the daily check runs on
ordinary commands and must cost little more than one ``stat()``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog import paths
from careerlog.atomic import place
from careerlog.domain.errors import CareerlogError
from careerlog.store import sqlite
from careerlog.store.files import cipher, identity
from careerlog.store.files.sqlite_file import read_only_message

if TYPE_CHECKING:
    from careerlog.store.db import Store


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _stem(store: Store) -> str:
    """How this store's backups are named: its file name and its identity (a server
    store has no file name: ``careerlog`` and its identity)."""
    if store.path is not None:
        return identity.backup_stem(store.path, _identity(store.path))
    from sqlalchemy.exc import DBAPIError  # a server store is opened with SQLAlchemy anyway

    try:
        with store.read() as conn:
            found = conn.exec_driver_sql("SELECT id FROM store_identity LIMIT 1").scalar()
    except (DBAPIError, CareerlogError):  # opened without migrating, before 0010
        found = None
    return identity.backup_stem(Path("careerlog"), str(found) if found else None)


def _identity(store_path: Path) -> str | None:
    """The identity of the SQLite store at ``store_path``, noted for the doctor."""
    found = identity.of_file(store_path, "read")
    if found is not None:
        identity.remember(store_path, found)
    return found


def _json_backup(store: Store, target: Path) -> None:
    import json  # ~2 ms: only for a server store's backup, not the daily check

    from careerlog.services.exchange.records import document

    data = document(store, None, None)
    target.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def backup(store: Store, file: Path | None = None) -> Path:
    """A consistent snapshot of the store: an SQLite copy, or for a server store the
    full JSON export (the lossless backup format). Refuses to overwrite ``file``."""
    if file is None:
        suffix = ".db" if store.path is not None else ".json"
        file = _free_name(_stem(store), "", suffix)
    if store.path is not None:
        source = store.path
        try:
            return place(file, lambda tmp: sqlite.copy(source, tmp), replace=False)
        except sqlite.Error as error:
            raise CareerlogError(f"cannot back up {source}: {error}; nothing was written") from None
    return place(file, lambda tmp: _json_backup(store, tmp), replace=False)


def _free_name(stem: str, label: str, suffix: str = ".db") -> Path:
    """A name not yet taken in the backups folder (created 0700): the stem, the time to
    the second, the label, and a counter when two come in the same second."""
    folder = paths.ensure_private_dir(paths.backups_dir())
    target = folder / f"{stem}-{_stamp()}{label}{suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{_stamp()}{label}-{counter}{suffix}"
    return target


def before_name(store_path: Path, reason: str) -> Path:
    """A free name in the backups folder for the copy taken before an import, a restore
    or a conversion of the store at ``store_path``."""
    stem = identity.backup_stem(store_path, _identity(store_path))
    return _free_name(stem, f"-before-{reason}")


def backup_before(store: Store, reason: str) -> Path | None:
    """The safety copy taken before an import or a restore (SQLite stores only). A
    read-only store is refused here, before a copy is taken for a change it cannot take."""
    if store.read_only:
        raise CareerlogError(read_only_message(store.path))
    if store.path is None or not store.path.exists() or store.path.stat().st_size == 0:
        return None
    return backup(store, before_name(store.path, reason))


def daily_name(stem: str, day: date) -> str:
    """The name of the daily backup of ``day`` of the store whose backups are named
    ``stem`` (:func:`careerlog.store.files.identity.backup_stem`)."""
    return f"{stem}-daily-{day.isoformat()}.db"


def maybe_daily_backup(store: Store | Path, today: date | None = None) -> Path | None:
    """Take today's rotating backup unless it exists; keep the newest ``backup.keep``.

    ``store`` is an open store or an SQLite file's path. The common case (already
    taken today) is a single ``stat()``; settings are read only when one is due.
    """
    source = store if isinstance(store, Path) else store.path
    if source is None:
        return None
    if sqlite.read_only(source) if isinstance(store, Path) else store.read_only:
        return None  # nothing careerlog does can change a store it may not write
    today = today or date.today()
    stem = identity.backup_stem(source, _identity(source))
    target = paths.backups_dir() / daily_name(stem, today)
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
    # Rotated per store: the prefix carries the store's identity, so another store of
    # the same file name keeps its own copies. (A prefix test, not a glob: a file name
    # may hold "[" or "*".)
    prefix = daily_name(stem, today)[: -len(f"{today.isoformat()}.db")]
    dailies = sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    for old in dailies[:-keep]:
        old.unlink(missing_ok=True)
    return made


def backups_of(store_path: Path, *, legacy: bool = False) -> list[Path]:
    """The backups of the store at ``store_path`` in the backups folder, newest first:
    those carrying its identity, whatever their name, and encrypted ones with its salt
    (every file careerlog encrypts for one store shares its salt). With ``legacy``,
    also the files named after it that carry no identity at all (taken before
    migration 0010; they may be another same-named store's)."""
    folder = paths.backups_dir()
    if not folder.is_dir():
        return []
    own = identity.of_store(store_path)
    salt = cipher.file_salt(store_path) if store_path.is_file() else None
    found: list[Path] = []
    for path in folder.iterdir():
        if not path.is_file() or path.suffix not in (".db", ".damaged"):
            continue
        inside = identity.of_file(path)
        if inside is not None:
            mine = inside == own
        elif salt is not None and cipher.file_salt(path) == salt:
            mine = True  # encrypted with this store's key, locked now
        else:
            mine = legacy and path.name.startswith(f"{store_path.stem}-")
        if mine:
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
