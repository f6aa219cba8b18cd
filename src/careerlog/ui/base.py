"""What every careerlog screen shares: typed access to the app, and one place where a
failed worker becomes a short notice instead of a crash."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, ParamSpec, TypeVar, cast

from textual import on
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable

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
            node = args[0]
            if isinstance(node, DOMNode) and (node._closing or getattr(node.app, "_exit", False)):
                return None
            raise

    return wrapper


def report_failed_worker(node: Widget | Screen[object], event: Worker.StateChanged) -> None:
    if event.state is WorkerState.ERROR:
        node.notify(describe_error(event.worker.error), severity="error", markup=False)


class CareerlogScreen(Screen[ResultType]):
    """A full screen whose workers report failures as notices."""

    help_title: ClassVar[str] = ""
    """The name the help screen (F1) gives this screen."""

    @property
    def store(self) -> Store:
        """The open store; blocks until it is open, so use it only inside thread workers."""
        return app_of(self).store

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)


class CareerlogModal(ModalScreen[ResultType]):
    """A dialog whose workers report failures as notices; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    @property
    def store(self) -> Store:
        return app_of(self).store

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[arg-type, unused-ignore]

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)
