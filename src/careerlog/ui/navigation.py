"""The main screens: each is an app mode with a function key, shown as a tab on top,
and the app's actions that go between them (keys, palette and buttons run these).

One list, read by the app (its modes and keys), the track bar (its tabs) and the help
screen (its "Go to" group), so a key is never named in two places.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from careerlog.ui import places


class Section(NamedTuple):
    mode: str
    """The app mode (and the action ``app.go('<mode>')``)."""
    key: str
    name: str
    """The tab and help name."""
    short: str
    """The tab name when the terminal is narrow."""


SECTIONS: tuple[Section, ...] = (
    Section("today", "f2", "Today", "Today"),
    Section("goals", "f3", "Goals", "Goals"),
    Section("learning", "f4", "Learning", "Learning"),
    Section("timeline", "f5", "Timeline", "Timeline"),
    Section("review", "f6", "Review", "Review"),
    Section("progress", "f7", "Progress", "Progress"),
    Section("year", "f8", "Year in review", "Year"),
    Section("fit", "f9", "Track fit", "Fit"),
)
SWITCH_TRACK_KEY = "f10"
"""Switch track is a step, not a place: it opens over the current screen."""

APP_BINDINGS: tuple[Binding, ...] = (
    Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    Binding("f1,question_mark", "help", "Help", id="help"),
    # Shown as tabs in the track bar rather than in the footer. Priority: the editor
    # would take F6 and F7 (select line, select all) for itself.
    *(
        Binding(s.key, f"go('{s.mode}')", s.name, id=f"go-{s.mode}", show=False, priority=True)
        for s in SECTIONS
    ),
    Binding(
        SWITCH_TRACK_KEY,
        "switch_track",
        "Switch track",
        id="switch-track",
        show=False,
        priority=True,
    ),
)
"""The app's own keys: quit, help, a function key for each main screen, switch track."""


def section(mode: str) -> Section:
    for found in SECTIONS:
        if found.mode == mode:
            return found
    raise KeyError(mode)


class Navigator(App[int]):
    """The app's going about: main screens, Switch track, help, and the palette's steps
    that start on a main screen (a new goal, an export). Mixed into the app."""

    _came_from = "today"
    """The main screen esc goes back to."""

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
        from careerlog.ui.screens.today import TodayScreen  # the first screen: loaded

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
