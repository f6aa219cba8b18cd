"""Track fit: agree or disagree with short statements about interests, abilities and
plans; see a score per track with a paragraph on the best one. Every taking is kept
with its date, and the last one is shown beside the chosen track."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.career.fit import SCALE, FitResult, Questionnaire, explain
from careerlog.domain.text import printable
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.formats import day_text
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.scale import ScaleInput
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.domain.model import TrackChoice

BAR_WIDTH = 24
AREA_TITLES = {
    "interests": "What draws you",
    "abilities": "What you do well",
    "plans": "Where you are heading",
}


@dataclass(frozen=True, slots=True)
class FitData:
    form: Questionnaire
    latest: FitResult | None
    names: dict[str, str]
    choice: TrackChoice | None


def result_text(form: Questionnaire, result: FitResult, data: FitData) -> Text:
    """Scores as bars, best first, then the explanation paragraph."""
    text = Text(f"Taken {day_text(result.taken_at.date())}", style="bold")
    answered = len(result.answers)
    if answered < len(form.statements):
        text.append(f" (on {answered} of {len(form.statements)} statements)", style="dim")
    text.append("\n\n")
    for key, value in result.ranked():
        name = printable(data.names.get(key, key))
        filled = round(BAR_WIDTH * value / 100)
        style = "bold" if key == result.best else ""
        text.append(f"{name}\n", style=style)
        text.append("█" * filled + "░" * (BAR_WIDTH - filled), style="cyan")
        text.append(f" {value:>3}\n", style=style)
    if data.choice is not None:
        chosen = printable(data.choice.track.name)
        same = "fits your answers best" if data.choice.track.key == result.best else "is your pick"
        text.append(f"\nYour chosen track, {chosen}, {same}.\n", style="italic")
    text.append("\n")
    text.append(printable(explain(form, result.scores, data.names)))
    return text


class FitScreen(CareerlogScreen[None]):
    """Answers start from the last taking, so a retake only changes what changed."""

    help_title = "Track fit"
    CSS_PATH = asset("styles", "fit.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "score", "See my fit", id="fit-score"),
        Binding("ctrl+r", "clear", "Start over", id="fit-clear"),
    ]

    class Loaded(Message):
        def __init__(self, data: FitData) -> None:
            super().__init__()
            self.data = data

    class Scored(Message):
        def __init__(self, result: FitResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self) -> None:
        super().__init__()
        self.data: FitData | None = None
        self.result: FitResult | None = None

    def compose(self) -> ComposeResult:
        yield TrackBar("Track fit")
        with Horizontal(id="fit-body"):
            yield VerticalScroll(id="fit-form")
            with VerticalScroll(id="fit-side"):
                yield Static(Text("Loading…", style="dim"), id="fit-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fit-load")
    def _load(self) -> None:
        from careerlog.services.fit import latest_fit, questionnaire
        from careerlog.services.tracks import current_choice, load_catalogue

        names = {t.key: t.name for t in load_catalogue().tracks}
        data = FitData(questionnaire(), latest_fit(self.store), names, current_choice(self.store))
        self.post_message(self.Loaded(data))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        data = self.data = message.data
        self.result = data.latest
        previous = data.latest.answers if data.latest else {}
        words = dict(SCALE)
        blocks: list[Widget] = [
            Static(
                Text(
                    "How much do you agree? ←/→ or 1-5 on each line, then ctrl+s.",
                    style="dim",
                ),
                classes="fit-intro",
            )
        ]
        area = ""
        for number, statement in enumerate(data.form.statements, 1):
            if statement.area != area:
                area = statement.area
                title = AREA_TITLES.get(area, area.title())
                blocks.append(Static(Text(title, style="bold"), classes="fit-area"))
            blocks.append(
                Vertical(
                    Static(Text(f"{number:>2}. {printable(statement.text)}")),
                    ScaleInput(
                        1,
                        5,
                        value=previous.get(statement.id),
                        left="disagree",
                        right="agree",
                        words=words,
                        empty="not answered",
                        id=f"fit-{statement.id}",
                    ),
                    classes="statement",
                )
            )
        form = self.query_one("#fit-form", VerticalScroll)
        await form.remove_children()
        await form.mount_all(blocks)
        self.query(ScaleInput).first().focus()
        self._show_result()

    def _show_result(self) -> None:
        assert self.data is not None
        panel = self.query_one("#fit-result", Static)
        if self.result is None:
            panel.update(
                Text(
                    "Not taken yet. Answer the statements on the left, then press ctrl+s "
                    "to see which track fits your interests, abilities and plans.",
                    style="dim",
                )
            )
            return
        panel.update(result_text(self.data.form, self.result, self.data))

    def _answers(self) -> dict[str, int]:
        answers: dict[str, int] = {}
        for scale in self.query(ScaleInput):
            if scale.id and scale.id.startswith("fit-") and scale.value is not None:
                answers[scale.id.removeprefix("fit-")] = scale.value
        return answers

    def action_score(self) -> None:
        if self.data is None:
            return
        answers = self._answers()
        if not answers:
            self.notify("Answer at least one statement first.", markup=False)
            return
        self._score(answers)

    @work(thread=True, exit_on_error=False, group="fit-save")
    def _score(self, answers: dict[str, int]) -> None:
        from careerlog.services.fit import take_fit

        result = take_fit(self.store, answers, when=app_of(self).now())
        self.post_message(self.Scored(result))

    @on(Scored)
    def _scored(self, message: Scored) -> None:
        self.result = message.result
        self._show_result()
        self.wrote()
        name = self.data.names.get(message.result.best, message.result.best) if self.data else ""
        self.notify(f"Best fit: {printable(name)}. Kept with today's date.", markup=False)

    def action_clear(self) -> None:
        for scale in self.query(ScaleInput):
            scale.value = None
        first = self.query(ScaleInput).first()
        first.focus()
        first.scroll_visible()
