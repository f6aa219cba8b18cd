"""What every careerlog screen shares: typed access to the app, one way to follow the
store (signals down, :class:`~careerlog.ui.messages.Written` up), one modal contract,
and one place where a failed worker becomes a short notice instead of a crash."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, ClassVar, ParamSpec, TypeVar, cast

from textual import events, on
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from careerlog.assets import asset
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable
from careerlog.ui.messages import DataChange, Written
from careerlog.ui.textual_private import is_going_away

if TYPE_CHECKING:
    from careerlog.services import Store
    from careerlog.ui.app import CareerlogApp

ResultType = TypeVar("ResultType")


def app_of(node: DOMNode) -> CareerlogApp:
    """The running :class:`CareerlogApp` (``node.app`` is typed as a plain ``App``)."""
    return cast("CareerlogApp", node.app)


def describe_error(error: BaseException | None) -> str:
    """A line a person can act on; never a traceback, never the text they wrote."""
    if isinstance(error, CareerlogError):
        return printable(str(error))
    name = type(error).__name__ if error is not None else "error"
    return f"Something went wrong ({name}); nothing you wrote was lost."


P = ParamSpec("P")
R = TypeVar("R")


def when_shown(handler: Callable[P, R]) -> Callable[P, R | None]:
    """For handlers of worker results: a result that lands while its screen is being
    taken down (the app quitting mid-load) is dropped, not a crash on widgets already
    gone. Any other missing widget is still a bug and still raises."""

    @functools.wraps(handler)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return handler(*args, **kwargs)
        except NoMatches:
            if _going_away(args):
                return None
            raise

    return wrapper


def _going_away(args: tuple[object, ...]) -> bool:
    """Whether the handler's node (its first argument) is being taken down."""
    node = args[0] if args else None
    return isinstance(node, DOMNode) and is_going_away(node)


def when_shown_async(
    handler: Callable[P, Awaitable[R]],
) -> Callable[P, Coroutine[Any, Any, R | None]]:
    """:func:`when_shown` for handlers that await (a list's items being mounted)."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return await handler(*args, **kwargs)
        except NoMatches:
            if _going_away(args):
                return None
            raise

    return wrapper


def report_failed_worker(node: Widget | Screen[object], event: Worker.StateChanged) -> None:
    if event.state is WorkerState.ERROR:
        node.notify(describe_error(event.worker.error), severity="error", markup=False)


NARROW = 100
"""Below this many columns a screen has the ``-narrow`` class (its sheet stacks or
shortens what sits side by side); 80 is the smallest width careerlog is drawn for."""
SHORT = 30
"""Below this many rows, ``-short`` (24 is the smallest height careerlog is drawn for)."""


def fit_classes(screen: Screen[Any]) -> None:
    """Set ``-narrow`` and ``-short`` on ``screen`` from the terminal's size."""
    width, height = screen.app.size
    screen.set_class(width < NARROW, "-narrow")
    screen.set_class(height < SHORT, "-short")


class CareerlogScreen(Screen[ResultType]):
    """A full screen whose workers report failures as notices; escape leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back", id="back")]

    help_title: ClassVar[str] = ""
    """The name the help screen (F1) gives this screen."""

    async def action_close(self) -> None:
        """Escape: a screen opened over another closes (returning ``None``); a main
        screen goes back to the one it was reached from."""
        stack = self.app.screen_stack
        if stack and stack[0] is self:
            await app_of(self).action_back()
        else:
            self.dismiss()

    @property
    def store(self) -> Store:
        """The open store; blocks until it is open, so use it only inside thread workers."""
        return app_of(self).store

    def follow_store(
        self,
        reload: Callable[[], object],
        changed: Callable[[DataChange], object] | None = None,
    ) -> None:
        """Call ``reload`` once the journal is open (now, if it is) and again after every
        change to the store, whether this app or another program made it (``changed``,
        when given, is called for changes instead)."""
        app = app_of(self)
        # Immediate: ``reload`` only starts a worker, so it runs inside the publish rather
        # than one message later.
        on_change = changed or (lambda _change: reload())
        app.data_changed.subscribe(self, on_change, immediate=True)
        if app.store_ready:
            reload()
        else:
            app.store_opened.subscribe(self, lambda _choice: reload(), immediate=True)

    def wrote(self) -> None:
        """Say that this screen wrote to the store (the app tells every screen)."""
        self.post_message(Written())

    @on(events.Mount)
    @on(events.Resize)
    def _fit_terminal(self) -> None:
        fit_classes(self)

    @on(events.Unmount)
    def _unfollow(self) -> None:
        app = app_of(self)
        app.data_changed.unsubscribe(self)
        app.store_opened.unsubscribe(self)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)


class CareerlogModal(ModalScreen[ResultType | None]):
    """The one modal contract: a dialog returns a value (``dismiss(value)``) or ``None``
    when escape cancels it, and never writes to the store itself; the screen that opened
    it writes what came back. Its workers (reads only) report failures as notices."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    CSS_PATH = asset("styles", "dialogs.tcss")
    """The dialogs' sheet, parsed when the first dialog opens: no dialog is on the first
    frame, and parsing it at the start cost ~2.5 ms."""

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    @property
    def store(self) -> Store:
        return app_of(self).store

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(events.Mount)
    @on(events.Resize)
    def _fit_terminal(self) -> None:
        fit_classes(self)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)
