"""Opening the store a CLI command works on, with today's automatic backup.

An up-to-date SQLite file that a command only reads is handed over as its path and
read with the standard library alone (importing SQLAlchemy costs ~0.3 s); anything
else is opened as a :class:`~careerlog.store.db.Store`, migrated if need be.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.cli.output import warn
from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:
    from careerlog.store.db import Store


def daily_backup(store: Store | Path) -> None:
    """Today's rotating backup, when not yet taken (a stat() once it is); never fatal."""
    from careerlog.services.exchange.backup import maybe_daily_backup

    try:
        maybe_daily_backup(store)
    except CareerlogError as error:
        warn(f"warning: today's automatic backup was not taken: {error}")


def require_existing(args: argparse.Namespace) -> None:
    """A command that only reads refuses a store file that does not exist, and creates
    nothing (no folder, no empty store): a typo in ``--db`` must not look like an
    empty journal."""
    from careerlog.store.files.sqlite_file import is_url, resolve_location

    location = resolve_location(args.db)
    if is_url(location):
        return
    path = Path(location).expanduser()
    if not path.exists():
        raise CareerlogError(
            f"there is no store at {path} (nothing was created); check --db, "
            "or write the first entry with 'careerlog add'"
        )


@contextmanager
def opened(
    args: argparse.Namespace, *, backup: bool = True, must_exist: bool = False
) -> Iterator[Store]:
    """The store of ``--db``, opened (and created or migrated) for the command; with
    ``must_exist``, only a store that already exists (reads, and changes to a record by id)."""
    if must_exist:
        require_existing(args)
    from careerlog.store.db import open_store  # SQLAlchemy (~0.3 s): not on the add path

    store = open_store(args.db)
    try:
        if backup:
            daily_backup(store)
        yield store
    finally:
        store.close()


@contextmanager
def for_reading(args: argparse.Namespace, *, backup: bool = True) -> Iterator[Store | Path]:
    """What a read-only command reads: the path of an up-to-date SQLite file, else the
    opened store."""
    from careerlog.store.files.sqlite_file import readable_file, resolve_location

    require_existing(args)
    path = readable_file(resolve_location(args.db))
    if path is None:
        with opened(args, backup=backup, must_exist=True) as store:
            yield store
        return
    if backup:
        daily_backup(path)
    yield path
