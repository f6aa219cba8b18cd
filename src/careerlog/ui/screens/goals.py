"""Goals: the list with status, progress and due date; the highlighted goal's detail
with its milestones, competencies, learning and entries; create, edit, achieve,
pause, drop and delete (the last two ask first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ListView, Static

from careerlog.assets import asset
from careerlog.domain.model import Activity, Competency, Goal, GoalStatus
from careerlog.domain.text import one_line
from careerlog.ui.base import CareerlogScreen, app_of, when_shown_async
from careerlog.ui.dialogs.confirm import ConfirmDialog, TextPrompt
from careerlog.ui.forms.goal_form import GoalFields, GoalForm
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.goal_views import GoalItem, MilestoneList, goal_head, goal_links
from careerlog.ui.widgets.track_bar import TrackBar

DETAIL_ROWS = 10


class GoalsScreen(CareerlogScreen[None]):
    CSS_PATH = asset("styles", "goals.tcss")
    help_title = "Goals"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_goal", "New", id="new-goal"),
        Binding("e", "edit_goal", "Edit", id="edit-goal"),
        Binding("m", "add_milestone", "Milestone", id="add-milestone"),
        Binding("a", "set_status('achieved')", "Achieved", id="achieve"),
        Binding("p", "pause", "Pause/resume", id="pause"),
        Binding("x", "drop", "Drop", id="drop"),
        Binding("D", "delete_goal", "Delete", id="delete-goal"),
    ]

    class Loaded(Message):
        def __init__(
            self, goals: list[Goal], competencies: tuple[Competency, ...], track_key: str | None
        ) -> None:
            super().__init__()
            self.goals, self.competencies, self.track_key = goals, competencies, track_key

    class DetailLoaded(Message):
        def __init__(
            self, goal: Goal, activities: list[Activity], entries: list[tuple[date, str]]
        ) -> None:
            super().__init__()
            self.goal, self.activities, self.entries = goal, activities, entries

    class Written(Message):
        def __init__(self, goal_id: int | None, note: str) -> None:
            super().__init__()
            self.goal_id, self.note = goal_id, note

    def __init__(self) -> None:
        super().__init__()
        self.goals: list[Goal] = []
        self.competencies: tuple[Competency, ...] = ()
        self.track_key: str | None = None
        self._select_id: int | None = None
        self._detail_id: int | None = None
        """The goal whose detail was last asked for (and so may be shown)."""

    def compose(self) -> ComposeResult:
        yield TrackBar("Goals")
        with Horizontal():
            with Vertical(id="goal-side"):
                yield Static(Text("Goals", style="bold"), classes="side-title")
                yield ListView(id="goal-list")
            with VerticalScroll(id="goal-main"):
                yield Static(Text("Loading…", style="dim"), id="goal-detail")
                yield Static(
                    Text("Milestones · enter to open, space ticks", style="bold"),
                    classes="side-title lines",
                )
                yield MilestoneList(id="milestones")
                yield Static(Text(""), id="goal-links", classes="lines")
        yield KeyFooter()

    @property
    def goal_list(self) -> ListView:
        return self.query_one("#goal-list", ListView)

    @property
    def goal(self) -> Goal | None:
        item = self.goal_list.highlighted_child
        return item.goal if isinstance(item, GoalItem) else None

    def on_mount(self) -> None:
        self.goal_list.focus()
        self.follow_store(self._load)

    # -- loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="goals-load")
    def _load(self) -> None:
        from careerlog.services import goals, tracks

        found = goals.list_goals(self.store)
        choice = tracks.current_choice(self.store)
        self.post_message(
            self.Loaded(
                found,
                choice.track.competencies if choice else (),
                choice.track.key if choice else None,
            )
        )

    @on(Loaded)
    @when_shown_async
    async def _show(self, message: Loaded) -> None:
        self.goals, self.competencies = message.goals, message.competencies
        self.track_key = message.track_key
        keep = self._select_id if self._select_id is not None else (self.goal and self.goal.id)
        self._select_id = None
        today = app_of(self).now().date()
        listing = self.goal_list
        # Mounted before the cursor is placed: an index set on items still mounting is
        # lost, and the detail then showed whichever goal came first.
        await listing.clear()
        await listing.extend(GoalItem(goal, today) for goal in message.goals)
        index = next((i for i, g in enumerate(message.goals) if g.id == keep), 0)
        if message.goals:
            listing.index = index
            self._ask_detail(message.goals[index].id)
        else:
            self.query_one("#goal-detail", Static).update(
                Text("No goals yet. Press n to set one.", style="dim")
            )
            await self.query_one(MilestoneList).clear()
            self.query_one("#goal-links", Static).update(Text(""))

    @on(ListView.Highlighted, "#goal-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if isinstance(event.item, GoalItem):
            self._ask_detail(event.item.goal.id)

    @on(ListView.Selected, "#goal-list")
    def _selected(self) -> None:
        self.query_one(MilestoneList).focus()

    def _ask_detail(self, goal_id: int) -> None:
        self._detail_id = goal_id
        self._load_detail(goal_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="goals-detail")
    def _load_detail(self, goal_id: int) -> None:
        from careerlog.services import goals, learning

        goal = goals.get_goal(self.store, goal_id)
        activities = learning.list_activities(self.store, goal_id=goal_id, limit=DETAIL_ROWS)
        self.post_message(self.DetailLoaded(goal, activities, self._entries(goal_id)))

    def _entries(self, goal_id: int) -> list[tuple[date, str]]:
        """The newest entries linked to the goal, a page from the timeline (no full scan)."""
        from careerlog.domain.timeline import TimelineFilter
        from careerlog.services import timeline

        flt = TimelineFilter(kinds=("entry",), goal_id=goal_id)
        found = timeline.page(self.store, flt, limit=DETAIL_ROWS)
        return [(item.when.date(), item.title) for item in found.items]

    @on(DetailLoaded)
    @when_shown_async
    async def _show_detail(self, message: DetailLoaded) -> None:
        if message.goal.id != self._detail_id:
            return  # the cursor has moved on since this was asked for
        today = app_of(self).now().date()
        self.query_one("#goal-detail", Static).update(
            goal_head(message.goal, today, self.track_key)
        )
        self.query_one("#goal-links", Static).update(
            goal_links(message.activities, message.entries)
        )
        await self.query_one(MilestoneList).show(message.goal.milestones)

    # -- changes -----------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="goals-write")
    def _write(self, change: Callable[[Any], Goal | None], note: str) -> None:
        goal = change(self.store)
        self.post_message(self.Written(goal.id if goal else None, note))

    @on(Written)
    def _written(self, message: Written) -> None:
        self._select_id = message.goal_id
        self.notify(message.note, markup=False)
        self.wrote()

    def action_new_goal(self) -> None:
        def chosen(fields: GoalFields | None) -> None:
            if fields is None:
                return

            def add(store: Any) -> Goal:
                from careerlog.services import goals

                goal = goals.add_goal(
                    store,
                    fields.title,
                    why=fields.why,
                    due=fields.due,
                    competencies=fields.competencies,
                )
                if fields.progress_manual is not None:
                    goal = goals.edit_goal(store, goal.id, progress_manual=fields.progress_manual)
                return goal

            self._write(add, f"Goal set: {one_line(fields.title, 50)}")

        self.app.push_screen(GoalForm(self.competencies, track_key=self.track_key), chosen)

    def action_edit_goal(self) -> None:
        goal = self.goal
        if goal is None:
            return

        def chosen(fields: GoalFields | None) -> None:
            if fields is None:
                return

            def edit(store: Any) -> Goal:
                from careerlog.services import goals

                return goals.edit_goal(
                    store,
                    goal.id,
                    version=goal.version,
                    title=fields.title,
                    why=fields.why,
                    due=fields.due,
                    competencies=fields.competencies,
                    progress_manual=fields.progress_manual,
                )

            self._write(edit, "Goal saved.")

        self.app.push_screen(GoalForm(self.competencies, goal, track_key=self.track_key), chosen)

    def _set(self, goal: Goal, status: GoalStatus) -> None:
        def change(store: Any) -> Goal:
            from careerlog.services import goals

            return goals.set_status(store, goal.id, status, goal.version)

        self._write(change, f"{one_line(goal.title, 40)}: {status.value}")

    def action_set_status(self, status: str) -> None:
        goal = self.goal
        if goal is None:
            return
        open_ones = [m for m in goal.milestones if not m.done]
        if GoalStatus(status) is not GoalStatus.ACHIEVED or not open_ones:
            self._set(goal, GoalStatus(status))
            return

        def answered(achieved: bool | None) -> None:
            if achieved:
                self._set(goal, GoalStatus.ACHIEVED)

        count = len(open_ones)
        self.app.push_screen(
            ConfirmDialog(
                f"“{one_line(goal.title, 50)}” still has {count} open milestone"
                f"{'s' if count != 1 else ''}. Mark the goal achieved anyway?",
                yes="Achieved",
                no="Not yet",
            ),
            answered,
        )

    async def action_close(self) -> None:
        """Escape leaves the milestones for the goal list, and the list for the screen."""
        if self.query_one(MilestoneList).has_focus:
            self.goal_list.focus()
        else:
            await super().action_close()

    def action_pause(self) -> None:
        goal = self.goal
        if goal is not None:
            paused = goal.status is GoalStatus.PAUSED
            self._set(goal, GoalStatus.ACTIVE if paused else GoalStatus.PAUSED)

    def action_drop(self) -> None:
        goal = self.goal
        if goal is None:
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self._set(goal, GoalStatus.DROPPED)

        self.app.push_screen(
            ConfirmDialog(f"Drop the goal “{one_line(goal.title, 50)}”?", yes="Drop"), answered
        )

    def action_delete_goal(self) -> None:
        goal = self.goal
        if goal is None:
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return

            def remove(store: Any) -> None:
                from careerlog.services import goals

                goals.delete_goal(store, goal.id)

            self._write(remove, f"Goal deleted: {one_line(goal.title, 50)}")

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the goal “{one_line(goal.title, 50)}” and its milestones for good? "
                "Linked entries and activities stay.",
                yes="Delete",
            ),
            answered,
        )

    def action_add_milestone(self) -> None:
        goal = self.goal
        if goal is None:
            self.notify("Set a goal first (n).", severity="warning")
            return

        def named(title: str | None) -> None:
            if not title or not title.strip():
                return

            def add(store: Any) -> Goal:
                from careerlog.services import goals

                return goals.add_milestone(store, goal.id, title)

            self._write(add, "Milestone added.")

        self.app.push_screen(TextPrompt(f"A milestone for “{one_line(goal.title, 40)}”"), named)

    @on(MilestoneList.Requested)
    def _milestone(self, message: MilestoneList.Requested) -> None:
        goal = self.goal
        if goal is None:
            return
        milestone = message.milestone
        if message.what == "delete":

            def answered(delete: bool | None) -> None:
                if delete:
                    self._milestone_change(goal.id, milestone.id, "delete")

            self.app.push_screen(
                ConfirmDialog(
                    f"Delete the milestone “{one_line(milestone.title, 50)}”?", yes="Delete"
                ),
                answered,
            )
            return
        self._milestone_change(goal.id, milestone.id, message.what)

    def _milestone_change(self, goal_id: int, milestone_id: int, what: str) -> None:
        def change(store: Any) -> Goal:
            from careerlog.services import goals

            if what == "toggle":
                return goals.toggle_milestone(store, goal_id, milestone_id)
            if what in ("up", "down"):
                return goals.move_milestone(store, goal_id, milestone_id, -1 if what == "up" else 1)
            return goals.delete_milestone(store, goal_id, milestone_id)

        notes = {"toggle": "Milestone updated.", "delete": "Milestone deleted."}
        self._write(change, notes.get(what, "Milestone moved."))
