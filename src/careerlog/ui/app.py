"""The careerlog app shell: track line, modes (Today, Goals, Learning), command palette,
help, theme, drafts and the crash handler.

Startup order matters for speed: this module imports Textual and careerlog's domain
only. The first frame is painted with empty lists; then a thread worker imports
SQLAlchemy and opens the store (together about 0.2-0.3 s on a small machine), and the
screens fill in when :attr:`CareerlogApp.store_opened` is published.

Data flows one way round: screens post :class:`~careerlog.ui.messages.Written` (or
:class:`~careerlog.ui.messages.TrackChosen`) up when they write, and the app publishes
:attr:`CareerlogApp.data_changed` down to every screen that follows the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import InvalidModeError, SystemCommand
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
from careerlog.ui.drafts import DraftFile, draft_path
from careerlog.ui.live import WATCH_SECONDS, LiveWatch
from careerlog.ui.messages import DataChange, TrackChosen, Written
from careerlog.ui.navigation import APP_BINDINGS
from careerlog.ui.palette import CareerlogCommands
from careerlog.ui.screens.today import TodayScreen
from careerlog.ui.textual_private import CrashHookApp, restore_terminal
from careerlog.ui.theme import save_theme, saved_theme
from careerlog.ui.widgets.entry_list import PAGE

if TYPE_CHECKING:
    from careerlog.domain.model import Entry, TrackChoice
    from careerlog.services import Store

STYLES = ("app.tcss", "dialogs.tcss", "today.tcss")
"""Parsed at start; the other screens bring their own sheet (CSS_PATH) when first shown."""
STORE_WAIT_SECONDS = 120.0
HANG_UP_GRACE = 2.0
"""Seconds the app has to leave after SIGHUP/SIGTERM before the process just ends."""


def track_names(choice: TrackChoice | None, demo: bool = False) -> tuple[str, str]:
    """(track, level) for the track bar; no track gives ("", a note)."""
    mark = " · demo" if demo else ""
    if choice is None:
        return ("", "no track chosen yet" + mark)
    return (choice.track.name, choice.level.name + mark)


class CareerlogApp(CrashHookApp[int]):
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
    ) -> None:
        super().__init__()
        self.demo = demo
        self.demo_dir: Path | None = None
        if demo and db is None:
            self.demo_dir = Path(tempfile.mkdtemp(prefix="careerlog-demo-"))
            db = str(self.demo_dir / "demo.db")
        self.db = db
        self._clock = clock or (lambda: datetime.now().replace(microsecond=0))
        self._store: Store | None = None
        self._live = LiveWatch(
            lambda: self.post_message(self.ChangedElsewhere()),
            lambda: self.post_message(self.WriteSeen()),
        )
        self._store_error: str | None = None
        self._store_ready = threading.Event()
        self._store_started = False
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []
        self._hung_up = threading.Event()
        self._left = threading.Event()
        if self.demo_dir is not None:
            self.drafts = DraftFile(self.demo_dir / "draft.md", own_store=False)
        else:
            self.drafts = DraftFile(draft_path(db), db)
        self.draft_source: Callable[[], str] | None = None
        """Set by the Today screen: returns the editor's text for the draft file."""
        self.crash_message: str | None = None
        self.fatal_message: str | None = None
        self.onboarded = False
        """The person has a track, or chose to go on without one."""
        self._came_from = self.DEFAULT_MODE
        self.store_ready = False
        """The store is open and :attr:`store_opened` was published."""
        self.store_opened: Signal[TrackChoice | None] = Signal(self, "store-opened")
        """Published once, when the store is open, with the current track choice."""
        self.first_look: Signal[list[Entry]] = Signal(self, "first-look")
        """The newest entries, published before the store is open when they can be read
        without SQLAlchemy (an up-to-date SQLite file), so Today shows them at once."""
        self.data_changed: Signal[DataChange] = Signal(self, "data-changed")
        """Published after every write, so each screen showing stored data reloads it."""

    # -- store ---------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The open store. Waits for it, so call this only from thread workers."""
        if not self._store_ready.wait(STORE_WAIT_SECONDS) or self._store is None:
            raise CareerlogError(self._store_error or "the journal is not open")
        return self._store

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def now(self) -> datetime:
        """ "Now" for what the screens show (pinned in tests so snapshots never drift)."""
        return self._clock()

    def on_mount(self) -> None:
        # The "today" stack exists now (its screen came from get_default_screen); naming
        # it a mode lets F2 and the palette switch back to it. (Once: a subclass calling
        # super().on_mount() runs this twice.)
        with contextlib.suppress(InvalidModeError):
            self.add_mode(self.DEFAULT_MODE, TodayScreen)
        self._apply_saved_theme()
        self.watch(self, "theme", self._remember_theme, init=False)
        if not self.is_headless:
            self._signal_loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                signal.signal(sig, self._signalled)

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
        from careerlog.services.encryption import is_locked  # a stat and a 16-byte read

        if not self.demo and is_locked(self.db):
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
        # One thread, in this order: the stdlib read of the first page does not compete
        # for the GIL with importing SQLAlchemy.
        self._read_first_look()
        from careerlog.services import connect  # SQLAlchemy: after the first frame
        from careerlog.services.tracks import current_choice

        try:
            store = connect(self.db)
            if self.demo:
                self._fill_demo(store)
            choice = current_choice(store)
        except CareerlogError as error:
            self._store_error = str(error)
            self._store_ready.set()
            self.post_message(self.StoreFailed(str(error)))
            return
        except Exception as error:
            # Screens waiting for the store must not wait for ever.
            self._store_error = describe_error(error)
            self._store_ready.set()
            self.post_message(self.StoreFailed(self._store_error))
            return
        self._live.start(store)
        self._store = store
        self._store_ready.set()
        self.post_message(self.StoreFound(choice))
        if not self.demo:
            from careerlog.services.exchange.backup import maybe_daily_backup

            try:
                maybe_daily_backup(store)  # once a day; a single stat() once taken
            except CareerlogError as error:
                self.call_from_thread(
                    self.notify,
                    f"Today's backup was not taken: {error}",
                    severity="warning",
                    markup=False,
                )

    def _read_first_look(self) -> None:
        from careerlog.services.recent import quick_source, recent_entries

        try:
            source = None if self.demo else quick_source(self.db)
            if source is not None:
                self.post_message(self.FirstLook(recent_entries(source, PAGE)))
        except CareerlogError:
            pass  # opening the store properly says what is wrong

    @on(FirstLook)
    def _first_look(self, message: FirstLook) -> None:
        self.first_look.publish(message.entries)

    def _fill_demo(self, store: Store) -> None:
        from careerlog.services.journal import count_entries

        if count_entries(store):
            return
        from careerlog.sample import generate_journal

        generate_journal(store)

    @on(StoreFound)
    def _store_found(self, message: StoreFound) -> None:
        self.track = track_names(message.choice, self.demo)
        self.store_ready = True
        self.set_interval(WATCH_SECONDS, self._look)
        self.store_opened.publish(message.choice)
        if message.choice is None:
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

    def _signalled(self, _signum: int, _frame: object) -> None:
        """SIGHUP or SIGTERM, whatever the app is doing.

        A plain signal handler, not the loop's: it runs between two bytecodes even while
        the loop is busy (laying out a huge text, waiting on a worker), which the loop's
        handler could not. It asks the loop to leave and starts a backstop that ends
        the process if leaving takes longer than :data:`HANG_UP_GRACE`.
        """
        if self._hung_up.is_set():
            return
        self._hung_up.set()
        threading.Thread(target=self._backstop, name="hang-up", daemon=True).start()
        self._signal_loop.call_soon_threadsafe(self._hang_up)

    def _backstop(self) -> None:
        if self._left.wait(HANG_UP_GRACE):
            return
        self.save_draft()  # best effort, as on any exit
        restore_terminal(self)
        os._exit(0)

    def _hang_up(self) -> None:
        """The terminal closed or we were asked to stop: keep the draft, then leave."""
        self.save_draft()
        self.exit(0)

    def crashed(self, error: Exception) -> None:
        """A short message instead of Textual's traceback; the draft is saved first."""
        self.save_draft()
        where = f" Your unsaved text is kept in {self.drafts.path}." if self.draft_source else ""
        self.crash_message = (
            f"careerlog stopped after an unexpected {type(error).__name__}.{where} "
            "Run with CAREERLOG_DEBUG=1 to see details, and please report it."
        )

    def on_unmount(self) -> None:
        self._left.set()
        self.save_draft()
        self._live.close()
        if self._store is not None:
            self._store.close()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(describe_error(event.worker.error), severity="error", markup=False)

    # -- commands ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """What the palette offers after careerlog's own commands: none of Textual's
        inner workings (its key panel, screenshots), only what a person needs."""
        yield SystemCommand("Keys and help", "The keys of this screen (F1)", self.action_help)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        yield SystemCommand("Quit", "Leave careerlog (ctrl+q)", self.action_quit)

    async def action_go(self, mode: str) -> None:
        """Show a main screen (its key is in the track bar); esc comes back from it."""
        if mode != self.current_mode:
            self._came_from = self.current_mode
            await self.switch_mode(mode)

    async def action_back(self) -> None:
        """Back to the main screen this one was reached from (Today at first)."""
        back = self._came_from if self._came_from != self.current_mode else self.DEFAULT_MODE
        self._came_from = self.DEFAULT_MODE
        await self.switch_mode(back)

    def action_switch_track(self) -> None:
        from careerlog.ui.screens.switch_track import SwitchTrackScreen  # with the screen

        if not isinstance(self.screen, SwitchTrackScreen):
            self.push_screen(places.switch_track())

    def action_help(self) -> None:
        from careerlog.ui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_new_entry(self) -> None:
        await self.action_go("today")
        screen = self.screen
        if isinstance(screen, TodayScreen):
            screen.focus_editor()

    async def action_new_goal(self) -> None:
        from careerlog.ui.screens.goals import GoalsScreen  # loaded by the switch already

        await self.action_go("goals")
        screen = self.screen
        if isinstance(screen, GoalsScreen):
            screen.action_new_goal()

    async def action_log_activity(self) -> None:
        from careerlog.ui.screens.learning import LearningScreen  # loaded by the switch

        await self.action_go("learning")
        screen = self.screen
        if isinstance(screen, LearningScreen):
            screen.action_new_activity()

    async def action_review(self, period: str) -> None:
        from careerlog.ui.screens.review import ReviewScreen  # loaded by the switch

        await self.action_go("review")
        screen = self.screen
        if isinstance(screen, ReviewScreen):
            screen.show_period(period)

    async def action_export_year(self) -> None:
        from careerlog.ui.screens.year_review import YearReviewScreen  # loaded by the switch

        await self.action_go("year")
        screen = self.screen
        if isinstance(screen, YearReviewScreen):
            screen.focus_export()
