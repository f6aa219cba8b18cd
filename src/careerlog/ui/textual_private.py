"""The one place careerlog touches Textual's private parts.

Each use is here, small and named, so a Textual upgrade means re-reading one file.
``tests/ui/test_private_apis.py`` fails when the installed Textual is not
:data:`CHECKED_WITH` or a name in :data:`PRIVATE_NAMES` is gone: re-check each use
against the new release, then update both.
"""

from __future__ import annotations

import contextlib
from typing import Any, TypeVar

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip

__all__ = [
    "CHECKED_WITH",
    "PRIVATE_NAMES",
    "CrashHookApp",
    "is_going_away",
    "restore_terminal",
    "screen_lines",
    "screen_segments",
]

CHECKED_WITH = "8.2.8"
"""The Textual release these uses were read against (pinned in pyproject.toml)."""

PRIVATE_NAMES = (
    "textual.app:App._handle_exception",
    "textual.app:App._return_code",
    "textual.app:App._exception",
    "textual.app:App._exception_event",
    "textual.app:App._close_messages_no_wait",
    "textual.app:App._exit",
    "textual.message_pump:MessagePump._closing",
    "textual.screen:Screen._compositor",
    "textual.app:App._driver",
    "textual.drivers.linux_driver:LinuxDriver._disable_mouse_support",
)
"""``module:attribute`` of every private name used below (instance attributes are
checked on a running app by the test)."""

ReturnType = TypeVar("ReturnType")


def is_going_away(node: DOMNode) -> bool:
    """The node is being closed, or the whole app is exiting."""
    return bool(node._closing or getattr(node.app, "_exit", False))


def restore_terminal(app: App[Any]) -> None:
    """Give the terminal back (main screen, cursor, no mouse reports, cooked mode)
    without the app's help: for a process about to end while its loop is stuck."""
    driver = app._driver
    if driver is None:
        return
    with contextlib.suppress(Exception):
        disable_mouse = getattr(driver, "_disable_mouse_support", None)
        if disable_mouse is not None:
            disable_mouse()
        driver.stop_application_mode()


def screen_segments(screen: Screen[Any]) -> list[Strip]:
    """What ``screen`` draws now, one strip of segments per terminal row, before the
    segments become terminal bytes (for tests and probes: a control character in a
    segment's text came from the content, not from Textual)."""
    return list(screen._compositor.render_strips())


def screen_lines(screen: Screen[Any]) -> list[str]:
    """What ``screen`` shows now, one string per terminal row (for tests and probes)."""
    return ["".join(segment.text for segment in strip) for strip in screen_segments(screen)]


class CrashHookApp(App[ReturnType]):
    """An App whose unhandled exceptions go to :meth:`crashed` instead of Textual's
    traceback (which prints local variables, and so could print what someone wrote).
    The app still exits with return code 1, and a test run still re-raises the error."""

    def crashed(self, error: Exception) -> None:
        """Called once per unhandled exception, before the app closes."""

    def _handle_exception(self, error: Exception) -> None:
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.crashed(error)
        self._close_messages_no_wait()
