"""The careerlog app shell: track line, modes (Today, Goals, Learning), command palette,
help, theme, drafts and the crash handler.

Startup order matters for speed: this module imports Textual and careerlog's domain
only. The first frame is painted with empty lists; then a thread worker opens the store
(:mod:`careerlog.ui.startup`: the newest page without SQLAlchemy, then SQLAlchemy), and
the screens fill in when :attr:`CareerlogApp.store_opened` is published.

Data flows one way round: screens post :class:`~careerlog.ui.messages.Written` (or
:class:`~careerlog.ui.messages.TrackChosen`) up when they write, and the app publishes
:attr:`CareerlogApp.data_changed` down to every screen that follows the store.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import InvalidModeError
from textual.binding import BindingType
from textual.command import Provider
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from careerlog.assets import asset
from careerlog.domain.errors import CareerlogError
from careerlog.ui import places
from careerlog.ui.base import describe_error
from careerlog.ui.drafts import DraftFile
from careerlog.ui.hangup import HangUp
from careerlog.ui.live import WATCH_SECONDS, LiveWatch
from careerlog.ui.messages import DataChange, TrackChosen, Written
from careerlog.ui.navigation import APP_BINDINGS, Navigator
from careerlog.ui.palette import CareerlogCommands
from careerlog.ui.screens.today import TodayScreen
from careerlog.ui.startup import FirstPage, StoreOpener, demo_folder, track_names
from careerlog.ui.textual_private import CrashHookApp, restore_terminal
from careerlog.ui.theme import save_theme, saved_theme

if TYPE_CHECKING:
    from pathlib import Path

    from careerlog.domain.model import Entry, TrackChoice
    from careerlog.services import Store

STYLES = ("app.tcss", "today.tcss")
"""Parsed at start; the other screens and the dialogs (:class:`~careerlog.ui.base.CareerlogModal`)
bring their own sheet (CSS_PATH) when first shown."""


class CareerlogApp(Navigator, CrashHookApp[int]):
    """The journal. ``db`` is a path or URL (``None``: the default store); ``demo``
    opens a generated sample journal in a throwaway folder; ``clock`` pins "now"."""

    TITLE = "careerlog"
    CSS_PATH: ClassVar[list[str | PurePath]] = [asset("styles", name) for name in STYLES]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CareerlogCommands}
    """careerlog's commands first, then the few of Textual's that a person needs."""
    MODES: ClassVar[dict[str, Any]] = {
        "goals": places.goals,
        "learning": places.learning,
        "timeline": places.timeline,
        "review": places.review,
        "progress": places.progress,
        "year": places.year_review,
        "fit": places.fit,
    }
    DEFAULT_MODE = "today"
    """Started by :meth:`get_default_screen` and only then added to the modes: Textual
    starts a screen from MODES by awaiting its whole mount inside the app's startup
    batch, so the layout and render it does then are thrown away and done again."""
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    track: reactive[tuple[str, str]] = reactive(("", "opening your journal…"))
    """(track, level) as the track bar shows them."""
    read_only: reactive[str] = reactive("")
    """The store's file when it is open read-only (the track bar says so); else empty."""

    class FirstLook(Message):
        def __init__(self, entries: list[Entry]) -> None:
            super().__init__()
            self.entries = entries

    class StoreFound(Message):
        def __init__(self, choice: TrackChoice | None) -> None:
            super().__init__()
            self.choice = choice

    class ChangedElsewhere(Message):
        """Another program wrote to the store."""

    class WriteSeen(Message):
        """This app's write is taken as seen by the change watch: tell the screens."""

    class StoreFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(
        self,
        db: str | None,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
        first_page: FirstPage | None = None,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.demo_dir: Path | None = None
        if demo and db is None:
            self.demo_dir = demo_folder()
            db = str(self.demo_dir / "demo.db")
        self.db = db
        self._clock = clock or (lambda: datetime.now().replace(microsecond=0))
        if first_page is None:
            first_page = FirstPage.for_tui(db, demo=demo)
        self.first_page = first_page
        """The newest page, read without SQLAlchemy while the app starts (Today shows it
        at once when it is read by then; :attr:`first_look` publishes it otherwise)."""
        self._opener = StoreOpener(db, first_page, demo=demo)
        self._live = LiveWatch(
            lambda: self.post_message(self.ChangedElsewhere()),
            lambda: self.post_message(self.WriteSeen()),
        )
        self._store_started = False
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []
        self._hang_up = HangUp(self._leave, self._leave_now)
        if self.demo_dir is not None:
            self.drafts = DraftFile(self.demo_dir / "draft.md", own_store=False)
        else:
            self.drafts = DraftFile.for_store(db)
        self.draft_source: Callable[[], str] | None = None
        """Set by the Today screen: returns the editor's text for the draft file."""
        self.crash_message: str | None = None
        self.fatal_message: str | None = None
        self.onboarded = False
        """The person has a track, or chose to go on without one."""
        self.store_ready = False
        """The store is open and :attr:`store_opened` was published."""
        self.store_opened: Signal[TrackChoice | None] = Signal(self, "store-opened")
        """Published once, when the store is open, with the current track choice."""
        self.first_look: Signal[list[Entry]] = Signal(self, "first-look")
        """:attr:`first_page`'s entries, published when they are read after Today
        mounted (before the store is open)."""
        self.data_changed: Signal[DataChange] = Signal(self, "data-changed")
        """Published after every write, so each screen showing stored data reloads it."""

    # -- store ---------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The open store. Waits for it, so call this only from thread workers."""
        return self._opener.store

    @property
    def store_is_open(self) -> bool:
        return self._opener.is_open

    def now(self) -> datetime:
        """ "Now" for what the screens show (pinned in tests so snapshots never drift)."""
        return self._clock()

    def on_mount(self) -> None:
        # The "today" stack exists now (its screen came from get_default_screen); naming
        # it a mode lets F2 and the palette switch back to it. (Once: a subclass calling
        # super().on_mount() runs this twice.)
        with contextlib.suppress(InvalidModeError):
            self.add_mode(self.DEFAULT_MODE, TodayScreen)
        self.first_page.when_read(lambda entries: self.post_message(self.FirstLook(entries)))
        self._apply_saved_theme()
        self.watch(self, "theme", self._remember_theme, init=False)
        if not self.is_headless:
            self._hang_up.install()

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the terminal has the first frame (soon, if it has it).

        Not ``call_after_refresh`` from a screen's mount: during startup Textual batches
        updates, so those callbacks run after a refresh that is never written, and the
        work they start (SQLAlchemy, the Markdown grammar) delays the real first frame.
        """
        if self._first_frame_shown:
            self.call_later(callback)
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        # Ready is handled once the startup batch is over, so the screen's next refresh
        # is the first one written to the terminal.
        self.call_after_refresh(self._first_frame_painted)

    def _first_frame_painted(self) -> None:
        self._first_frame_shown = True
        # careerlog.ui.run turned collection off for the start: what was made until now
        # (modules, classes, the screen) lives as long as the app, so later collections
        # leave it out (gc.freeze), and collection is on again.
        gc.freeze()
        gc.enable()
        # Only now: importing SQLAlchemy in a thread still competes for the GIL with
        # the first paint.
        self.start_store()
        callbacks, self._after_first_frame = self._after_first_frame, []
        for callback in callbacks:
            callback()

    def get_default_screen(self) -> Screen[Any]:
        """Today, the first screen (see :attr:`DEFAULT_MODE`)."""
        return TodayScreen()

    def start_store(self) -> None:
        """Open the store in a worker, once (later calls do nothing); a locked encrypted
        store asks for its passphrase first."""
        if self._store_started:
            return
        self._store_started = True
        if self._opener.is_locked():
            from careerlog.ui.forms.passphrase import PassphrasePrompt

            self.push_screen(PassphrasePrompt(self.db), self._unlocked)
            return
        self._open_store()

    def _unlocked(self, unlocked: bool | None) -> None:
        if unlocked:
            self._open_store()
            return
        self.fatal_message = "the journal is locked: run careerlog unlock"
        self.exit(return_code=1)

    @work(thread=True, exit_on_error=False, group="store")
    def _open_store(self) -> None:
        try:
            choice = self._opener.open(self._live.start)
        except CareerlogError as error:
            self.post_message(self.StoreFailed(str(error)))
            return
        self.post_message(self.StoreFound(choice))
        warning = self._opener.daily_backup()
        if warning is not None:
            self.call_from_thread(self.notify, warning, severity="warning", markup=False)

    @on(FirstLook)
    def _first_look(self, message: FirstLook) -> None:
        self.first_look.publish(message.entries)

    @on(StoreFound)
    def _store_found(self, message: StoreFound) -> None:
        self.track = track_names(message.choice, self.demo)
        self.read_only = self._opener.read_only
        self.store_ready = True
        self.set_interval(WATCH_SECONDS, self._look)
        self.store_opened.publish(message.choice)
        if message.choice is None and not self.read_only:  # a choice could not be kept
            from careerlog.ui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(), self._onboarded)
        else:
            self.onboarded = True

    def _onboarded(self, choice: TrackChoice | None) -> None:
        self.onboarded = True
        if choice is not None:
            self.track = track_names(choice, self.demo)
            self.data_changed.publish(DataChange())  # the track's competencies, for Goals

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        self.fatal_message = message.reason
        self.exit(1, return_code=1)

    @on(Written)
    def _written(self) -> None:
        self._live.own_write()
        self._note_own_write()

    @on(TrackChosen)
    def _track_chosen(self, message: TrackChosen) -> None:
        self.track = track_names(message.choice, self.demo)
        self._live.own_write()
        self._note_own_write()

    # -- other programs' writes ----------------------------------------------------------

    def _look(self) -> None:
        if self._live.watching:
            self._look_for_changes()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _look_for_changes(self) -> None:
        self._live.look()

    @work(thread=True, exit_on_error=False, group="watch-sync")
    def _note_own_write(self) -> None:
        self._live.take_own_write()

    @on(WriteSeen)
    def _write_seen(self) -> None:
        self._live.seen()
        self.data_changed.publish(DataChange())

    @on(ChangedElsewhere)
    def _changed_elsewhere(self) -> None:
        if not self._live.writes_pending:
            self.data_changed.publish(DataChange(elsewhere=True))

    # -- theme -----------------------------------------------------------------------

    def _apply_saved_theme(self) -> None:
        try:
            theme = saved_theme()
        except CareerlogError as error:
            self.notify(describe_error(error), severity="warning", markup=False)
            return
        if theme is not None and theme in self.available_themes:
            self.theme = theme

    def _remember_theme(self, theme: str) -> None:
        self._save_theme(theme)

    @work(thread=True, exit_on_error=False, group="config")
    def _save_theme(self, theme: str) -> None:
        save_theme(theme)

    # -- drafts, quitting and crashes --------------------------------------------------

    def save_draft(self) -> None:
        """Write the editor's text to the draft file now (best effort, never raises)."""
        if self.draft_source is None:
            return
        try:
            self.drafts.save(self.draft_source())
        except Exception:
            pass

    async def action_quit(self) -> None:
        self.save_draft()
        self.exit(0)

    def _leave(self) -> None:
        """The terminal closed or we were asked to stop: keep the draft, then leave."""
        self.save_draft()
        self.exit(0)

    def _leave_now(self) -> None:
        """Leaving took too long (see :class:`~careerlog.ui.hangup.HangUp`)."""
        self.save_draft()  # best effort, as on any exit
        restore_terminal(self)

    def crashed(self, error: Exception) -> None:
        """A short message instead of Textual's traceback; the draft is saved first."""
        self.save_draft()
        where = f" Your unsaved text is kept in {self.drafts.path}." if self.draft_source else ""
        self.crash_message = (
            f"careerlog stopped after an unexpected {type(error).__name__}.{where} "
            "Run with CAREERLOG_DEBUG=1 to see details, and please report it."
        )

    def on_unmount(self) -> None:
        self._hang_up.left()
        self.save_draft()
        self.drafts.release()  # its draft slot is free for the next TUI on this store
        self._live.close()
        self._opener.close()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(describe_error(event.worker.error), severity="error", markup=False)
