"""Live refresh: noticing other programs' writes while the TUI is open.

The app asks every :data:`WATCH_SECONDS` whether the store changed (SQLite's
``PRAGMA data_version``, PostgreSQL's row counters; see
:mod:`careerlog.services.changes`). Its own writes are taken as seen first, so a
screen never reloads twice for one save, and another program's write landing at the
same moment is never missed: the screens reload after the watch takes the write as
seen, so what they read covers it.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:
    from collections.abc import Callable

    from careerlog.services import Store
    from careerlog.services.changes import ChangeWatch

WATCH_SECONDS = 1.0
"""How often the app asks whether another program wrote to the store."""


class LiveWatch:
    """The store's change watch and the app's writes not yet taken as seen.

    ``look`` and ``take_own_write`` block (they read the store): call them from thread
    workers. ``changed_elsewhere`` is called, under the watch's lock, when another
    program wrote; ``own_write_seen`` once this app's write is taken as seen.
    """

    def __init__(
        self, changed_elsewhere: Callable[[], object], own_write_seen: Callable[[], object]
    ) -> None:
        self._watch: ChangeWatch | None = None
        self._lock = threading.Lock()
        self._pending = 0
        self._changed_elsewhere = changed_elsewhere
        self._own_write_seen = own_write_seen

    def start(self, store: Store) -> None:
        from careerlog.services.changes import watch

        try:
            self._watch = watch(store)
        except CareerlogError:
            self._watch = None  # the journal works; it just will not notice other writers

    @property
    def watching(self) -> bool:
        return self._watch is not None

    def look(self) -> None:
        with self._lock:
            if self._watch is None:
                return
            try:
                changed = self._watch.changed()
            except CareerlogError:
                return  # a busy or vanished store: look again in a second
            if changed:
                # Under the lock: it reaches the app before the "seen" of any own
                # write taken as seen after this look.
                self._changed_elsewhere()

    def own_write(self) -> None:
        """This app wrote (on the app's thread): a reload follows once it is seen."""
        self._pending += 1

    def take_own_write(self) -> None:
        # Seen first, then the screens reload: what they read covers everything the
        # watch now takes as seen, so another program's write is never missed.
        with self._lock:
            if self._watch is not None:
                with contextlib.suppress(CareerlogError):
                    self._watch.sync()
        self._own_write_seen()

    def seen(self) -> None:
        """The app's thread got the "seen" of one own write."""
        self._pending -= 1

    @property
    def writes_pending(self) -> bool:
        """Own writes not yet taken as seen: the screens are about to reload anyway."""
        return self._pending > 0

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
