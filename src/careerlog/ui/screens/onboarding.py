"""First run: say what careerlog is, then pick a track and the level the person holds
(progress is measured against the next one)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.model import TrackChoice
from careerlog.ui import places
from careerlog.ui.base import CareerlogScreen
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar
from careerlog.ui.widgets.track_picker import TrackPicker

INTRO = (
    "careerlog is a private journal for your career: write what you do, set goals, "
    "log what you learn and see how you grow along the track you choose."
)


class OnboardingScreen(CareerlogScreen[TrackChoice | None]):
    """Dismissed with the recorded choice."""

    CSS_PATH = asset("styles", "onboarding.tcss")

    help_title = "Welcome"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next", "Next list", show=True),
        Binding("shift+tab", "focus_previous", "Previous list", show=False),
        Binding("f", "fit", "Not sure? Track fit", id="onboarding-fit"),
        Binding("escape", "close", "Skip for now", id="onboarding-skip"),
    ]

    def action_fit(self) -> None:
        """Offer the track-fit questionnaire before the choice (seed 000)."""
        self.app.push_screen(places.fit())

    class Recorded(Message):
        def __init__(self, choice: TrackChoice) -> None:
            super().__init__()
            self.choice = choice

    def compose(self) -> ComposeResult:
        yield TrackBar("Welcome")
        yield Static(Text(INTRO), id="intro")
        yield Static(
            Text(
                "Which track are you on? ↑↓ to look around, enter to pick a track, "
                "then enter on the level you hold now: careerlog measures you against "
                "the next one. You can switch later."
            ),
            id="how",
        )
        yield TrackPicker(id="picker")
        yield KeyFooter()

    @on(TrackPicker.Chosen)
    def _chosen(self, message: TrackPicker.Chosen) -> None:
        self._record(message.track.key, message.level_key)

    @work(thread=True, exit_on_error=False, group="choose")
    def _record(self, key: str, level: str) -> None:
        from careerlog.services.tracks import choose_track

        choice = choose_track(self.store, key, level, reason="first choice")
        self.post_message(self.Recorded(choice))

    @on(Recorded)
    def _recorded(self, message: Recorded) -> None:
        choice = message.choice
        self.notify(f"Now on {choice.track.name}, at {choice.level.name}.", markup=False)
        self.dismiss(choice)
