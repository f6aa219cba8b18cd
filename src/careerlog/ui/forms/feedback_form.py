"""Log feedback: who said it (and their role), when, their words, and the competencies
of the chosen track it speaks to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Competency
from careerlog.domain.text import printable
from careerlog.domain.when import parse_when
from careerlog.ui.base import CareerlogModal, app_of
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.ticks import TickList


@dataclass(frozen=True, slots=True)
class FeedbackFields:
    giver: str
    role: str
    given_at: datetime
    text: str
    competencies: tuple[str, ...]


class FeedbackForm(CareerlogModal[FeedbackFields]):
    """Returns the fields as typed and checked; the Feedback screen writes them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", id="save")]

    def __init__(self, competencies: tuple[Competency, ...]) -> None:
        super().__init__()
        self.competencies = competencies

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Static(Text("Log feedback", style="bold"), classes="question")
            yield Label("From (who said it)")
            yield Input(id="giver", placeholder="a name", compact=True)
            yield Label("Their role (optional)")
            yield Input(id="role", placeholder="e.g. manager, peer, client", compact=True)
            yield Label("When (YYYY-MM-DD or words like 'last friday')")
            yield Input(f"{app_of(self).now():%Y-%m-%d}", id="when", compact=True)
            yield Label("What they said, in their words")
            area = TextArea(id="text", soft_wrap=True)
            area.show_line_numbers = False
            yield area
            yield Label("Competencies it speaks to (space ticks)")
            yield TickList(
                *(
                    Selection(Text(printable(f"{c.name} ({c.group})")), c.key)
                    for c in self.competencies
                ),
                id="competencies",
                compact=True,
            )
            if not self.competencies:
                yield Static(Text("Choose a track to link feedback to its competencies."))
            yield Static(Text("ctrl+s saves · escape cancels"), classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#giver", Input).focus()

    def action_save(self) -> None:
        try:
            giver = " ".join(self.query_one("#giver", Input).value.split())
            if not giver:
                raise CareerlogError("say who gave the feedback")
            text = self.query_one("#text", TextArea).text.strip()
            if not text:
                raise CareerlogError("the feedback is empty: write what was said")
            when_text = self.query_one("#when", Input).value.strip()
            now = app_of(self).now()
            fields = FeedbackFields(
                giver=giver,
                role=" ".join(self.query_one("#role", Input).value.split()),
                given_at=parse_when(when_text, now) if when_text else now,
                text=text,
                competencies=tuple(self.query_one("#competencies", SelectionList).selected),
            )
        except CareerlogError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return
        self.dismiss(fields)
