"""Switch track or level, saying why: the switch is a career event on the
timeline, so the reason is kept with it."""

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
from careerlog.ui.base import CareerlogScreen
from careerlog.ui.dialogs.confirm import TextPrompt
from careerlog.ui.messages import TrackChosen
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar
from careerlog.ui.widgets.track_picker import TrackPicker


class SwitchTrackScreen(CareerlogScreen[TrackChoice | None]):
    """Pick a track and level, give a reason, and it is recorded; escape leaves."""

    CSS_PATH = asset("styles", "onboarding.tcss")

    help_title = "Switch track"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back"),
        Binding("tab", "focus_next", "Next list", show=True),
    ]

    class Recorded(Message):
        def __init__(self, choice: TrackChoice) -> None:
            super().__init__()
            self.choice = choice

    def compose(self) -> ComposeResult:
        yield TrackBar("Switch track")
        yield Static(Text("Choose the track and level you now aim for."), id="how")
        yield TrackPicker(id="picker")
        yield KeyFooter()

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(TrackPicker.Chosen)
    def _chosen(self, message: TrackPicker.Chosen) -> None:
        track, level = message.track, message.level_key

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            if not reason.strip():
                self.notify("Say in a few words why: it goes on your timeline.", severity="warning")
                return
            self._record(track.key, level, reason)

        self.app.push_screen(
            TextPrompt(
                f"Why switch to {track.name}, {track.level(level).name}?",
                placeholder="e.g. I enjoy growing people more than writing code",
            ),
            reason_given,
        )

    @work(thread=True, exit_on_error=False, group="choose")
    def _record(self, key: str, level: str, reason: str) -> None:
        from careerlog.services.tracks import choose_track

        self.post_message(self.Recorded(choose_track(self.store, key, level, reason=reason)))

    @on(Recorded)
    def _recorded(self, message: Recorded) -> None:
        choice = message.choice
        self.post_message(TrackChosen(choice))
        self.notify(f"Now on {choice.track.name}, at {choice.level.name}.", markup=False)
        self.dismiss(choice)
