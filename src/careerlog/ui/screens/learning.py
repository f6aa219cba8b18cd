"""Learning: one year's activities (newest first) and that year's time by competency
and by kind. Years page with [ and ], so the list never holds everything."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from careerlog.assets import asset
from careerlog.domain.model import Activity, ActivityKind, Competency, Goal
from careerlog.domain.text import duration, one_line, printable
from careerlog.ui.base import CareerlogScreen, app_of, when_shown_async
from careerlog.ui.dialogs.confirm import ConfirmDialog
from careerlog.ui.formats import day_text
from careerlog.ui.forms.activity_form import ActivityFields, ActivityForm
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar


def time_table(spent: Counter[str], names: dict[str, str], width: int = 8) -> Table:
    """Time per name, most first, with a bar: the names are cut with "…" to leave the
    bar and the time whole at any width."""
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 0), expand=True)
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(width=width, no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    most = max(spent.values(), default=0) or 1
    for key, minutes in spent.most_common():
        filled = max(1, round(width * minutes / most)) if minutes else 0
        table.add_row(
            Text(one_line(printable(names.get(key, key)), 80)),
            Text("█" * filled, style="cyan"),
            Text(duration(minutes)),
        )
    if not spent:
        table.add_row(Text("nothing logged", style="dim"), "", "")
    return table


def activity_row(activity: Activity) -> Text:
    row = Text()
    row.append(f"{day_text(activity.day)}  ", style="dim")
    row.append(one_line(activity.title, 200))
    row.append(f" · {activity.kind.label}", style="dim italic")
    if activity.minutes:
        row.append(f" · {duration(activity.minutes)}", style="cyan")
    return row


class ActivityItem(ListItem):
    def __init__(self, activity: Activity) -> None:
        super().__init__(Label(activity_row(activity), markup=False))
        self.activity = activity


class LearningScreen(CareerlogScreen[None]):
    CSS_PATH = asset("styles", "learning.tcss")
    help_title = "Learning"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_activity", "Log activity", id="new-activity"),
        Binding("e", "edit_activity", "Edit", id="edit-activity"),
        Binding("D,delete", "delete_activity", "Delete", id="delete-activity"),
        Binding("left_square_bracket", "year(-1)", "Year before", id="year-before"),
        Binding("right_square_bracket", "year(1)", "Year after", id="year-after"),
    ]

    class Loaded(Message):
        def __init__(
            self,
            year: int,
            activities: list[Activity],
            goals: list[Goal],
            competencies: tuple[Competency, ...],
            spent: tuple[Counter[str], Counter[str]],
            track_key: str | None,
        ) -> None:
            super().__init__()
            self.year, self.activities = year, activities
            self.goals, self.competencies = goals, competencies
            self.spent = spent
            self.track_key = track_key

    class Written(Message):
        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def __init__(self) -> None:
        super().__init__()
        self.year = 0
        self.goals: list[Goal] = []
        self.competencies: tuple[Competency, ...] = ()
        self.track_key: str | None = None

    def compose(self) -> ComposeResult:
        yield TrackBar("Learning")
        with Horizontal():
            with Vertical(id="activity-side"):
                yield Static(
                    Text("Activities", style="bold"), id="activity-title", classes="side-title"
                )
                yield ListView(id="activity-list")
            with VerticalScroll(id="time-side"):
                yield Static(Text("Loading…", style="dim"), id="time-title", classes="lines")
                yield Static(Text(""), id="time-by-competency")
                yield Static(Text(""), id="time-kind-title", classes="lines")
                yield Static(Text(""), id="time-by-kind")
                yield Static(Text(""), id="time-note")
        yield KeyFooter()

    @property
    def activity_list(self) -> ListView:
        return self.query_one("#activity-list", ListView)

    @property
    def activity(self) -> Activity | None:
        item = self.activity_list.highlighted_child
        return item.activity if isinstance(item, ActivityItem) else None

    def on_mount(self) -> None:
        self.year = app_of(self).now().year
        self.activity_list.focus()
        self.follow_store(lambda: self._load(self.year))

    def action_year(self, step: int) -> None:
        self.year += step
        self._load(self.year)

    @work(thread=True, exclusive=True, exit_on_error=False, group="learning-load")
    def _load(self, year: int) -> None:
        from careerlog.domain.career.learning import time_spent
        from careerlog.domain.model import GoalStatus
        from careerlog.services import goals, learning, tracks

        activities = learning.list_activities(self.store, year=year)
        active = goals.list_goals(self.store, [GoalStatus.ACTIVE, GoalStatus.PAUSED])
        choice = tracks.current_choice(self.store)
        comps = choice.track.competencies if choice else ()
        track_key = choice.track.key if choice else None
        by_link, by_kind = time_spent(activities)
        by_name: Counter[str] = Counter()
        for link, minutes in by_link.items():
            by_name[link.label(track_key) if link else "(no competency)"] += minutes
        self.post_message(
            self.Loaded(year, activities, active, comps, (by_name, by_kind), track_key)
        )

    @on(Loaded)
    @when_shown_async
    async def _show(self, message: Loaded) -> None:
        if message.year != self.year:
            return
        self.goals, self.competencies = message.goals, message.competencies
        self.track_key = message.track_key
        keep = self.activity.id if self.activity else None
        listing = self.activity_list
        await listing.clear()  # mounted before the cursor is placed (see Goals)
        await listing.extend(ActivityItem(a) for a in message.activities)
        ids = [activity.id for activity in message.activities]
        listing.index = ids.index(keep) if keep in ids else (0 if ids else None)
        total = sum(a.minutes for a in message.activities)
        self.query_one("#activity-title", Static).update(
            Text(
                f"Activities in {message.year}: {len(message.activities)}, {duration(total)}",
                style="bold",
            )
        )
        by_competency, by_kind = message.spent
        kinds = {kind.value: kind.label for kind in ActivityKind}
        self.query_one("#time-title", Static).update(
            Text(f"Time in {message.year} by competency", style="bold")
        )
        bar = 4 if self.has_class("-narrow") else 8
        self.query_one("#time-by-competency", Static).update(time_table(by_competency, {}, bar))
        self.query_one("#time-kind-title", Static).update(
            Text(f"Time in {message.year} by kind", style="bold")
        )
        self.query_one("#time-by-kind", Static).update(time_table(by_kind, kinds, bar))
        note = "An activity counts under each of its competencies."
        if not message.activities:
            note = "Press n to log a course, a book, mentoring…"
        self.query_one("#time-note", Static).update(Text(note, style="dim"))

    @work(thread=True, exit_on_error=False, group="learning-write")
    def _write(self, fields: ActivityFields, activity_id: int | None) -> None:
        from careerlog.services import learning

        args: dict[str, Any] = {
            "day": fields.day,
            "minutes": fields.minutes,
            "competencies": fields.competencies,
            "goal_id": fields.goal_id,
            "notes": fields.notes,
            "link": fields.link,
        }
        if activity_id is None:
            learning.log_activity(self.store, fields.title, fields.kind, **args)
            note = f"Logged: {one_line(fields.title, 50)}"
        else:
            learning.update_activity(self.store, activity_id, fields.title, fields.kind, **args)
            note = "Activity saved."
        self.post_message(self.Written(note))

    @work(thread=True, exit_on_error=False, group="learning-write")
    def _delete(self, activity_id: int) -> None:
        from careerlog.services import learning

        gone = learning.delete_activity(self.store, activity_id)
        self.post_message(self.Written(f"Deleted: {one_line(gone.title, 50)}"))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.notify(message.note, markup=False)
        self.wrote()

    def action_new_activity(self) -> None:
        def chosen(fields: ActivityFields | None) -> None:
            if fields is not None:
                if fields.day.year != self.year:
                    self.year = fields.day.year
                self._write(fields, None)

        self.app.push_screen(
            ActivityForm(self.competencies, self.goals, track_key=self.track_key), chosen
        )

    def action_edit_activity(self) -> None:
        activity = self.activity
        if activity is None:
            return

        def chosen(fields: ActivityFields | None) -> None:
            if fields is not None:
                self._write(fields, activity.id)

        self.app.push_screen(
            ActivityForm(self.competencies, self.goals, activity, track_key=self.track_key),
            chosen,
        )

    @on(ListView.Selected, "#activity-list")
    def _selected(self) -> None:
        self.action_edit_activity()

    def action_delete_activity(self) -> None:
        activity = self.activity
        if activity is None:
            return

        def answered(delete: bool | None) -> None:
            if delete:
                self._delete(activity.id)

        self.app.push_screen(
            ConfirmDialog(f"Delete the activity “{one_line(activity.title, 50)}”?", yes="Delete"),
            answered,
        )
