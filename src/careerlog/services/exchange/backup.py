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

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog import paths
from careerlog.atomic import place
from careerlog.domain.errors import CareerlogError
from careerlog.store import sqlite

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
