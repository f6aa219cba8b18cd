"""The timeline's search and filters, in two one-line rows that fit 80 columns: search,
jump to a date, kind and starred always; tag, competency, goal and the date range on a
second row that ``f`` shows and hides (it shows itself while one of them is set).

Typing waits a moment before it filters; enter filters at once, and enter or escape
hands the keyboard back to the stream (:class:`Done`), so single-key commands work
again straight away. The competency and goal choices are read in a thread worker once
the rows are mounted. :class:`SearchPlace` says where the stream goes when the filter
changes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select
from textual.worker import Worker

from careerlog.domain.text import printable
from careerlog.domain.timeline import KINDS, TimelineFilter
from careerlog.domain.when import parse_day
from careerlog.ui.base import app_of, report_failed_worker, when_shown
from careerlog.ui.widgets.ticks import TickBox

DEBOUNCE = 0.3
KIND_NAMES = {
    "entry": "Entries",
    "activity": "Learning",
    "reflection": "Reflections",
    "track-change": "Track changes",
    "goal-created": "Goals set",
    "goal-achieved": "Goals achieved",
    "goal-dropped": "Goals dropped",
    "milestone": "Milestones",
    "feedback": "Feedback",
}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind.replace("-", " ").capitalize())


class SearchPlace:
    """Where the stream goes when its filter changes. Filters keep the reader's day; a
    search starts from its newest (or best) match, and clearing it goes back to where
    the reader was before it began, or to the day jumped to while searching."""

    def __init__(self) -> None:
        self._before: date | None = None

    def after_change(self, was_searching: bool, searching: bool, here: date | None) -> date | None:
        """The day to show after the change (``None``: the top), ``here`` being the
        day under the cursor (``None`` at the top)."""
        if searching and not was_searching:
            self._before = here
        if searching:
            return None
        place = self._before if was_searching else here
        self._before = None
        return place

    def jumped(self, day: date, searching: bool) -> None:
        if searching:
            self._before = day


class TimelineFilters(Vertical):
    """Posts :class:`Changed` when the filters change, :class:`Jump` with the text of the
    jump field, and :class:`Done` when the keyboard should go back to the stream."""

    help_group: ClassVar[str] = "Search and filters"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Back to the list", id="filters-done"),
    ]

    class Changed(Message):
        pass

    class Jump(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Done(Message):
        pass

    class Choices(Message):
        def __init__(
            self,
            competencies: list[tuple[Text, str]],
            goals: list[tuple[Text, int]],
            track_key: str | None,
        ) -> None:
            super().__init__()
            self.competencies = competencies
            self.goals = goals
            self.track_key = track_key

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._debounce: Timer | None = None
        self.track_key: str | None = None
        """The chosen track: the competency filter offers (and means) its competencies."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="timeline-bar"):
            yield Input(
                placeholder="/ search (all words)",
                id="search",
                compact=True,
                classes="field",
            )
            yield Input(placeholder="j jump to a date", id="jump", compact=True, classes="field")
            yield Select[str](
                [(Text(kind_name(kind)), kind) for kind in KINDS],
                prompt="Any kind",
                id="kind",
                compact=True,
                classes="field",
            )
            yield TickBox("★ only", id="starred", compact=True, classes="field")
        with Horizontal(id="timeline-filters"):
            yield Input(placeholder="@tag", id="tag", compact=True, classes="field")
            yield Select[str](
                [], prompt="Any competency", id="competency", compact=True, classes="field"
            )
            yield Select[int]([], prompt="Any goal", id="goal", compact=True, classes="field")
            yield Input(placeholder="from", id="start", compact=True, classes="field")
            yield Input(placeholder="to", id="end", compact=True, classes="field")

    def on_mount(self) -> None:
        self._load_choices()

    @work(thread=True, exit_on_error=False, group="timeline-choices")
    def _load_choices(self) -> None:
        from careerlog.domain.model import GoalStatus
        from careerlog.services.goals import list_goals
        from careerlog.services.tracks import current_choice

        store = app_of(self).store
        choice = current_choice(store)
        competencies = [
            (Text(printable(c.name)), c.key) for c in (choice.track.competencies if choice else ())
        ]
        statuses = tuple(GoalStatus)
        # Option prompts are Text: a plain str would be read as markup.
        goals = [(Text(printable(g.title)[:40]), g.id) for g in list_goals(store, statuses)]
        self.post_message(self.Choices(competencies, goals, choice.track.key if choice else None))

    @on(Choices)
    @when_shown
    def _choices(self, message: Choices) -> None:
        self.track_key = message.track_key
        self.query_one("#competency", Select).set_options(message.competencies)
        self.query_one("#goal", Select).set_options(message.goals)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    @property
    def more_shown(self) -> bool:
        return bool(self.query_one("#timeline-filters").display)

    def show_more(self, shown: bool, *, focus: bool = False) -> None:
        """Show or hide the second row (it stays while one of its filters is set);
        ``focus`` puts the cursor in its first field."""
        row = self.query_one("#timeline-filters")
        row.display = shown or self._second_row_set()
        if row.display and focus:
            self.query_one("#tag", Input).focus()

    def _second_row_set(self) -> bool:
        return bool(
            self._text("#tag")
            or self._text("#start")
            or self._text("#end")
            or isinstance(self.query_one("#competency", Select).value, str)
            or isinstance(self.query_one("#goal", Select).value, int)
        )

    def focus_field(self, name: str) -> None:
        self.query_one(f"#{name}", Input).focus()

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def current(self, now: datetime) -> TimelineFilter:
        """The filter as set now; a date or a search that cannot be read raises
        CareerlogError."""
        from careerlog.services.search import check_query  # with the first search only

        kind: Any = self.query_one("#kind", Select).value
        competency: Any = self.query_one("#competency", Select).value
        goal: Any = self.query_one("#goal", Select).value
        tag = self._text("#tag")
        query = self._text("#search")
        if query:
            check_query(query)
        return TimelineFilter(
            kinds=(str(kind),) if isinstance(kind, str) else (),
            tags=(tag,) if tag.lstrip("@") else (),
            competencies=(str(competency),) if isinstance(competency, str) else (),
            track=self.track_key if isinstance(competency, str) else None,
            goal_id=goal if isinstance(goal, int) else None,
            starred=self.query_one("#starred", TickBox).value,
            start=parse_day(self._text("#start"), now) if self._text("#start") else None,
            end=parse_day(self._text("#end"), now) if self._text("#end") else None,
            query=query,
        )

    @on(Input.Changed, "#search, #tag, #start, #end")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self.post_message(self.Changed()))

    @on(Input.Submitted, "#search, #tag, #start, #end")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self.post_message(self.Changed())
        self.post_message(self.Done())

    @on(Input.Submitted, "#jump")
    def _jump(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Jump(event.value))

    @on(Select.Changed)
    @on(TickBox.Changed)
    def _picked(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())

    def action_done(self) -> None:
        self.post_message(self.Done())
