"""Create or edit a goal: title, why, due date, linked competencies, manual progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Competency, Goal, keys_on
from careerlog.domain.text import printable
from careerlog.domain.when import parse_due
from careerlog.ui.base import CareerlogModal, app_of
from careerlog.ui.forms.fields import kept, shown
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.links import earlier_links
from careerlog.ui.widgets.ticks import TickList


@dataclass(frozen=True, slots=True)
class GoalFields:
    title: str
    why: str
    due: date | None
    competencies: tuple[str, ...]
    progress_manual: int | None


def parse_percent(text: str) -> int | None:
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise CareerlogError(f"progress {text!r} is not a whole number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise CareerlogError("progress is a percentage from 0 to 100")
    return value


class GoalForm(CareerlogModal[GoalFields]):
    """Returns the fields as typed and checked; the Goals screen writes them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", id="save")]

    def __init__(
        self,
        competencies: tuple[Competency, ...],
        goal: Goal | None = None,
        *,
        track_key: str | None = None,
    ) -> None:
        super().__init__()
        self.competencies = competencies
        self.track_key = track_key
        self.goal = goal

    def compose(self) -> ComposeResult:
        goal = self.goal
        with VerticalScroll(classes="dialog form"):
            heading = f"Edit goal #{goal.id}" if goal else "New goal"
            yield Static(Text(heading, style="bold"), classes="question")
            yield Label("Title")
            yield Input(
                shown(goal.title) if goal else "",
                id="title",
                placeholder="What you want",
                compact=True,
                classes="field",
            )
            yield Label("Why it matters")
            yield Input(
                shown(goal.why) if goal else "",
                id="why",
                placeholder="optional",
                compact=True,
                classes="field",
            )
            yield Label(
                "Due (YYYY-MM-DD or words like 'next friday', 'end of quarter'; empty for none)"
            )
            yield Input(
                goal.due.isoformat() if goal and goal.due else "",
                id="due",
                compact=True,
                classes="field",
            )
            yield Label("Progress % (only for goals without milestones; empty: from milestones)")
            manual = goal.progress_manual if goal else None
            yield Input(
                "" if manual is None else str(manual), id="progress", compact=True, classes="field"
            )
            yield Label("Competencies it grows (space ticks)")
            chosen = set(keys_on(goal.competencies, self.track_key)) if goal else set()
            yield TickList(
                *(
                    Selection(Text(printable(f"{c.name} ({c.group})")), c.key, c.key in chosen)
                    for c in self.competencies
                ),
                id="competencies",
                compact=True,
                classes="field",
            )
            if goal is not None:
                yield from earlier_links(goal.competencies, self.track_key)
            yield Static(Text("ctrl+s saves · escape cancels"), classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _value(self, name: str) -> str:
        typed = self.query_one(f"#{name}", Input).value
        stored = getattr(self.goal, name, None) if name in ("title", "why") else None
        return typed if stored is None else kept(stored, typed)

    def action_save(self) -> None:
        try:
            title = " ".join(self._value("title").split())
            if not title:
                raise CareerlogError("a goal needs a title")
            due_text = self._value("due").strip()
            due = parse_due(due_text, app_of(self).now()) if due_text else None
            fields = GoalFields(
                title=title,
                why=self._value("why").strip(),
                due=due,
                competencies=tuple(self.query_one("#competencies", SelectionList).selected),
                progress_manual=parse_percent(self._value("progress")),
            )
        except CareerlogError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return
        self.dismiss(fields)
