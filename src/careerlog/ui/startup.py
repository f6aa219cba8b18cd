"""Opening the journal: the newest entries first, then the store, once, off the UI thread.

Speed comes from the order. Nothing here is imported but the standard library and
careerlog's domain until :meth:`StoreOpener.open` runs in the app's thread worker,
after the first frame is painted: first the newest page through stdlib sqlite3 (an
up-to-date SQLite file only), so Today shows it at once, then SQLAlchemy and the store
(together about 0.2-0.3 s on a small machine).
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.domain.errors import CareerlogError
from careerlog.ui.base import describe_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from careerlog.domain.model import Entry, TrackChoice
    from careerlog.services import Store

STORE_WAIT_SECONDS = 120.0
"""How long a worker waits for the store before saying the journal is not open."""


def demo_folder() -> Path:
    """A throwaway folder for ``careerlog demo``'s sample journal and its draft."""
    return Path(tempfile.mkdtemp(prefix="careerlog-demo-"))


def track_names(choice: TrackChoice | None, demo: bool = False) -> tuple[str, str]:
    """(track, level) for the track bar; no track gives ("", a note)."""
    mark = " · demo" if demo else ""
    if choice is None:
        return ("", "no track chosen yet" + mark)
    return (choice.track.name, choice.level.name + mark)


class StoreOpener:
    """The store at ``db``, opened once by :meth:`open`; ``demo`` fills an empty one with
    the sample journal. Workers wait on :attr:`store`; a failure is kept, so they stop
    waiting and say what went wrong."""

    def __init__(self, db: str | None, *, demo: bool = False) -> None:
        self.db = db
        self.demo = demo
        self._store: Store | None = None
        self._error: str | None = None
        self._ready = threading.Event()

    @property
    def store(self) -> Store:
        """The open store. Waits for it, so read this only from thread workers."""
        if not self._ready.wait(STORE_WAIT_SECONDS) or self._store is None:
            raise CareerlogError(self._error or "the journal is not open")
        return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def read_only(self) -> str:
        """The open store's file when careerlog may only read it (every write is
        refused, in the store's own words); empty otherwise."""
        store = self._store
        return str(store.path) if store is not None and store.read_only else ""

    def is_locked(self) -> bool:
        """An encrypted store that needs its passphrase before :meth:`open`."""
        from careerlog.services.encryption import is_locked  # a stat and a 16-byte read

        return not self.demo and is_locked(self.db)

    def open(
        self,
        first_look: Callable[[list[Entry]], object],
        opened: Callable[[Store], object],
        page: int,
    ) -> TrackChoice | None:
        """Blocking (a thread worker's): hand the newest ``page`` entries to
        ``first_look`` when they can be read without SQLAlchemy, open the store, call
        ``opened`` with it before any waiting worker gets it, and return the current
        track choice. Raises :class:`CareerlogError` with a line for the person."""
        # One thread, in this order: the stdlib read of the first page does not compete
        # for the GIL with importing SQLAlchemy.
        self._read_first_look(first_look, page)
        from careerlog.services import connect  # SQLAlchemy: after the first frame
        from careerlog.services.tracks import current_choice

        try:
            store = connect(self.db)
            if self.demo:
                _fill_demo(store)
            choice = current_choice(store)
        except Exception as error:
            # Workers waiting for the store must not wait for ever.
            self._error = describe_error(error)
            self._ready.set()
            raise CareerlogError(self._error) from error
        opened(store)
        self._store = store
        self._ready.set()
        return choice

    def _read_first_look(self, first_look: Callable[[list[Entry]], object], page: int) -> None:
        from careerlog.services.recent import quick_source, recent_entries

        try:
            source = None if self.demo else quick_source(self.db)
            if source is not None:
                first_look(recent_entries(source, page))
        except CareerlogError:
            pass  # opening the store properly says what is wrong

    def daily_backup(self) -> str | None:
        """Take today's backup if none is taken yet (a single stat() once it is); a line
        for the person when it could not be taken. The demo's journal is not backed up."""
        if self.demo or self._store is None:
            return None
        from careerlog.services.exchange.backup import maybe_daily_backup

        try:
            maybe_daily_backup(self._store)
        except CareerlogError as error:
            return f"Today's backup was not taken: {error}"
        return None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _fill_demo(store: Store) -> None:
    from careerlog.services.journal import count_entries

    if count_entries(store):
        return
    from careerlog.sample import generate_journal

    generate_journal(store)
