"""Leaving when the terminal closes (SIGHUP) or someone asks us to stop (SIGTERM),
whatever the app is doing, without losing the editor's text."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

HANG_UP_GRACE = 2.0
"""Seconds the app has to leave after SIGHUP/SIGTERM before the process just ends."""


class HangUp:
    """SIGHUP and SIGTERM handlers for a running app.

    ``leave`` runs on the app's loop (keep the draft, then exit). If the app has not
    :meth:`left` within :data:`HANG_UP_GRACE`, ``last_resort`` runs on a thread (keep
    the draft, give the terminal back) and the process ends.
    """

    def __init__(self, leave: Callable[[], object], last_resort: Callable[[], object]) -> None:
        self._leave = leave
        self._last_resort = last_resort
        self._hung_up = threading.Event()
        self._left = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def install(self) -> None:
        """Call from the app's loop, once it runs."""
        self._loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, self._signalled)

    def left(self) -> None:
        """The app is leaving on its own: the backstop has nothing to do."""
        self._left.set()

    def _signalled(self, _signum: int, _frame: object) -> None:
        """A plain signal handler, not the loop's: it runs between two bytecodes even
        while the loop is busy (laying out a huge text, waiting on a worker), which the
        loop's handler could not. It asks the loop to leave and starts the backstop."""
        if self._hung_up.is_set() or self._loop is None:
            return
        self._hung_up.set()
        threading.Thread(target=self._backstop, name="hang-up", daemon=True).start()
        self._loop.call_soon_threadsafe(self._leave)

    def _backstop(self) -> None:
        if self._left.wait(HANG_UP_GRACE):
            return
        self._last_resort()
        os._exit(0)
