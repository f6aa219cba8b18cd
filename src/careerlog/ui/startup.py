"""Opening the journal: the newest entries first, then the store, once, off the UI thread.

Speed comes from the order. This module imports the standard library and careerlog's
domain only, so :func:`careerlog.ui.run` can start :class:`FirstPage` before Textual is
imported: the newest page is read through stdlib sqlite3 (an up-to-date SQLite file
only) while Textual loads, and Today paints it in its first frame. SQLAlchemy and the
store (together about 0.2-0.3 s on a small machine) come after the first frame, when
:meth:`StoreOpener.open` runs in the app's thread worker.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:
    from collections.abc import Callable

    from careerlog.domain.model import Entry, TrackChoice
    from careerlog.services import Store

PAGE = 40
"""Entries read at a time: the first page, then one more each time the list nears its end."""
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


class FirstPage:
    """The newest entries of the store, read in a thread of its own by :meth:`start`.

    Started before Textual is imported, the read (~10 ms of SQLite, which lets go of the
    GIL while it reads) is over before the first frame, so Today shows today's entries
    in it. A store that needs the full path (a URL, an older or encrypted file) gives
    nothing here, and the store's own first load fills Today instead.
    """

    def __init__(self) -> None:
        self._entries: list[Entry] | None = None
        self._error: Exception | None = None
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callback: Callable[[list[Entry]], object] | None = None

    @classmethod
    def start(cls, db: str | None, page: int) -> FirstPage:
        first = cls()
        threading.Thread(
            target=first._read, args=(db, page), name="careerlog-first-page", daemon=True
        ).start()
        return first

    @classmethod
    def for_tui(cls, db: str | None, *, demo: bool = False) -> FirstPage:
        """What the TUI reads first: ``db``'s newest :data:`PAGE`, or nothing for the
        demo, whose journal is generated after the first frame."""
        return cls.nothing() if demo else cls.start(db, PAGE)

    @classmethod
    def nothing(cls) -> FirstPage:
        """No page to read (the demo's journal is generated after the first frame)."""
        first = cls()
        first._done.set()
        return first

    def _read(self, db: str | None, page: int) -> None:
        try:
            from careerlog.services.recent import quick_source, recent_entries

            source = quick_source(db)
            if source is not None:
                self._entries = recent_entries(source, page)
        except CareerlogError:
            pass  # opening the store properly says what is wrong
        except Exception as error:  # kept for the store's worker, which reports it
            self._error = error
        with self._lock:
            self._done.set()
            callback = self._callback
        if callback is not None and self._entries is not None:
            callback(self._entries)

    @property
    def entries(self) -> list[Entry] | None:
        """The page, if it is read by now (never waits)."""
        return self._entries if self._done.is_set() else None

    def when_read(self, callback: Callable[[list[Entry]], object]) -> None:
        """Call ``callback`` with the page once it is read: from the reading thread, or
        at once if it is read already; never when nothing could be read."""
        with self._lock:
            if not self._done.is_set():
                self._callback = callback
                return
        if self._entries is not None:
            callback(self._entries)

    def wait(self) -> None:
        """Blocking: until the read is over; an unexpected failure of it is raised."""
        self._done.wait()
        if self._error is not None:
            raise self._error


class StoreOpener:
    """The store at ``db``, opened once by :meth:`open`; ``demo`` fills an empty one with
    the sample journal. Workers wait on :attr:`store`; a failure is kept, so they stop
    waiting and say what went wrong."""

    def __init__(self, db: str | None, first_page: FirstPage, *, demo: bool = False) -> None:
        self.db = db
        self.demo = demo
        self.first_page = first_page
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

    def open(self, opened: Callable[[Store], object]) -> TrackChoice | None:
        """Blocking (a thread worker's): open the store, call ``opened`` with it before
        any waiting worker gets it, and return the current track choice. Raises
        :class:`CareerlogError` with a line for the person."""
        # The first page's stdlib read is over first: it does not compete for the GIL
        # with importing SQLAlchemy.
        self.first_page.wait()
        from careerlog.services import connect  # SQLAlchemy: after the first frame
        from careerlog.services.tracks import current_choice

        # ui.base imports Textual, which this module must not (see the docstring).
        from careerlog.ui.base import describe_error

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
