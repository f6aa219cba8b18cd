"""Log or edit a learning activity: kind, title, date, minutes, competencies, goal,
notes and link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Activity, ActivityKind, Competency, Goal, keys_on
from careerlog.domain.text import one_line, printable
from careerlog.domain.when import parse_day
from careerlog.ui.base import CareerlogModal, app_of
from careerlog.ui.forms.fields import kept, shown
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.links import earlier_links
from careerlog.ui.widgets.ticks import TickList


@dataclass(frozen=True, slots=True)
class ActivityFields:
    title: str
    kind: ActivityKind
    day: date
    minutes: int
    competencies: tuple[str, ...]
    goal_id: int | None
    notes: str
    link: str


def parse_minutes(text: str) -> int:
    """``90``, ``1h30``, ``2h`` or ``45m``: people think in hours for courses."""
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        return 0
    try:
        if "h" in raw:
            hours, _, rest = raw.partition("h")
            minutes = int(hours or 0) * 60 + int(rest.rstrip("m") or 0)
        else:
            minutes = int(raw.rstrip("m"))
    except ValueError:
        raise CareerlogError(f"{text.strip()!r} is not a time: use 90, 1h30 or 45m") from None
    if minutes < 0:
        raise CareerlogError("minutes cannot be negative")
    return minutes


_STORED = frozenset({"title", "notes", "link"})
"""Fields that show stored text (the others show dates and numbers careerlog wrote)."""


class ActivityForm(CareerlogModal[ActivityFields]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", id="save")]

    def __init__(
        self,
        competencies: tuple[Competency, ...],
        goals: list[Goal],
        activity: Activity | None = None,
        *,
        track_key: str | None = None,
    ) -> None:
        super().__init__()
        self.competencies, self.goals, self.activity = competencies, goals, activity
        self.track_key = track_key

    def compose(self) -> ComposeResult:
        act = self.activity
        today = app_of(self).now().date()
        with VerticalScroll(classes="dialog form"):
            heading = f"Edit activity #{act.id}" if act else "Log a learning activity"
            yield Static(Text(heading, style="bold"), classes="question")
            yield Label("Kind")
            yield Select[str](
                [(Text(kind.value), kind.value) for kind in ActivityKind],
                value=act.kind.value if act else ActivityKind.COURSE.value,
                allow_blank=False,
                compact=True,
                classes="field",
                id="kind",
            )
            yield Label("Title")
            yield Input(
                shown(act.title) if act else "",
                id="title",
                placeholder="What you did",
                compact=True,
                classes="field",
            )
            yield Label("Date (YYYY-MM-DD or words like 'yesterday')")
            yield Input(
                (act.day if act else today).isoformat(), id="day", compact=True, classes="field"
            )
            yield Label("Time spent (90, 1h30, 45m)")
            yield Input(
                str(act.minutes) if act and act.minutes else "",
                id="minutes",
                compact=True,
                classes="field",
            )
            yield Label("For goal")
            goal_options = [(Text(one_line(g.title, 50)), g.id) for g in self.goals]
            if act and act.goal_id and act.goal_id not in {g.id for g in self.goals}:
                goal_options.append((Text(f"goal #{act.goal_id}"), act.goal_id))
            yield Select[int](
                goal_options,
                value=act.goal_id if act and act.goal_id else Select.NULL,
                prompt="no goal",
                id="goal",
                compact=True,
                classes="field",
            )
            yield Label("Competencies it grows (space ticks)")
            chosen = set(keys_on(act.competencies, self.track_key)) if act else set()
            yield TickList(
                *(
                    Selection(Text(printable(f"{c.name} ({c.group})")), c.key, c.key in chosen)
                    for c in self.competencies
                ),
                id="competencies",
                compact=True,
                classes="field",
            )
            if act is not None:
                yield from earlier_links(act.competencies, self.track_key)
            yield Label("Notes")
            yield Input(shown(act.notes) if act else "", id="notes", compact=True, classes="field")
            yield Label("Link (https://…)")
            yield Input(shown(act.link) if act else "", id="link", compact=True, classes="field")
            yield Static(Text("ctrl+s saves · escape cancels"), classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _value(self, name: str) -> str:
        typed = self.query_one(f"#{name}", Input).value
        stored = getattr(self.activity, name, None) if name in _STORED else None
        return typed if stored is None else kept(stored, typed)

    def action_save(self) -> None:
        try:
            title = " ".join(self._value("title").split())
            if not title:
                raise CareerlogError("an activity needs a title")
            day_text = self._value("day").strip()
            day = parse_day(day_text, app_of(self).now()) if day_text else app_of(self).now().date()
            link = self._value("link").strip()
            if link and not link.startswith(("http://", "https://")):
                raise CareerlogError("a link must start with http:// or https://")
            goal = self.query_one("#goal", Select).value
            fields = ActivityFields(
                title=title,
                kind=ActivityKind(str(self.query_one("#kind", Select).value)),
                day=day,
                minutes=parse_minutes(self._value("minutes")),
                competencies=tuple(self.query_one("#competencies", SelectionList).selected),
                goal_id=goal if isinstance(goal, int) else None,
                notes=self._value("notes"),
                link=link,
            )
        except CareerlogError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return
        self.dismiss(fields)
