"""Switch track or level, saying why: the switch is a career event on the
timeline, so the reason is kept with it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.model import Track, TrackChoice
from careerlog.ui.base import CareerlogScreen
from careerlog.ui.dialogs.confirm import ConfirmDialog, TextPrompt
from careerlog.ui.messages import TrackChosen
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar
from careerlog.ui.widgets.track_picker import TrackPicker

if TYPE_CHECKING:
    from careerlog.services.career.carry import CarryOffer


class SwitchTrackScreen(CareerlogScreen[TrackChoice | None]):
    """Pick a track and level, give a reason, and it is recorded; escape leaves."""

    CSS_PATH = asset("styles", "onboarding.tcss")

    help_title = "Switch track"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next", "Next list", show=True),
    ]

    class Recorded(Message):
        def __init__(self, choice: TrackChoice, carried: int = 0) -> None:
            super().__init__()
            self.choice, self.carried = choice, carried

    class OfferFound(Message):
        """What the switch could carry over, read before anything is recorded."""

        def __init__(self, track: Track, level: str, reason: str, offers: list[CarryOffer]) -> None:
            super().__init__()
            self.track, self.level, self.reason, self.offers = track, level, reason, offers

    def compose(self) -> ComposeResult:
        yield TrackBar("Switch track")
        yield Static(Text("Choose the track and level you now aim for."), id="how")
        yield TrackPicker(id="picker")
        yield KeyFooter()

    @on(TrackPicker.Chosen)
    def _chosen(self, message: TrackPicker.Chosen) -> None:
        track, level = message.track, message.level_key

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            if not reason.strip():
                self.notify("Say in a few words why: it goes on your timeline.", severity="warning")
                return
            self._offer(track, level, reason)

        self.app.push_screen(
            TextPrompt(
                f"Why switch to {track.name}, {track.level(level).name}?",
                placeholder="e.g. I enjoy growing people more than writing code",
            ),
            reason_given,
        )

    @work(thread=True, exit_on_error=False, group="choose")
    def _offer(self, track: Track, level: str, reason: str) -> None:
        from careerlog.services.career.carry import carry_offer

        self.post_message(self.OfferFound(track, level, reason, carry_offer(self.store, track)))

    @on(OfferFound)
    def _offered(self, message: OfferFound) -> None:
        """Before recording a switch to a track sharing rated competencies, show what
        could be carried over and let the person decide."""
        offers = message.offers
        if not offers:
            self._record(message.track.key, message.level, message.reason, [])
            return
        lines = "\n".join(f"  {offer.describe()}" for offer in offers)
        question = (
            f"{message.track.name} shares {len(offers)} competenc"
            f"{'y' if len(offers) == 1 else 'ies'} you rated on your current track:\n"
            f"{lines}\n\nCarry these ratings over? Each stays marked with where it came "
            "from; otherwise they start unrated."
        )

        def answered(carry: bool | None) -> None:
            keys = [offer.key for offer in offers] if carry else []
            self._record(message.track.key, message.level, message.reason, keys)

        self.app.push_screen(ConfirmDialog(question, yes="Carry over", no="Start afresh"), answered)

    @work(thread=True, exit_on_error=False, group="choose")
    def _record(self, key: str, level: str, reason: str, carry: list[str]) -> None:
        from careerlog.services.tracks import choose_track

        choice = choose_track(self.store, key, level, reason=reason, carry=carry)
        self.post_message(self.Recorded(choice, len(carry)))

    @on(Recorded)
    def _recorded(self, message: Recorded) -> None:
        choice = message.choice
        self.post_message(TrackChosen(choice))
        carried = f" {message.carried} rating(s) carried over." if message.carried else ""
        self.notify(f"Now on {choice.track.name}, at {choice.level.name}.{carried}", markup=False)
        self.dismiss(choice)
