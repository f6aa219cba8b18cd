"""Choose which goals and competencies an entry is about."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from careerlog.domain.model import CompetencyLink, Goal, TrackChoice, keys_on
from careerlog.domain.text import one_line, printable
from careerlog.ui.base import CareerlogModal, when_shown
from careerlog.ui.widgets.links import Links, earlier_links
from careerlog.ui.widgets.ticks import TickList


class LinkPicker(CareerlogModal[Links]):
    """Active goals and the chosen track's competencies, ticked with space."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "done", "Done")]

    class Loaded(Message):
        def __init__(self, goals: list[Goal], choice: TrackChoice | None) -> None:
            super().__init__()
            self.goals, self.choice = goals, choice

    def __init__(self, current: Links) -> None:
        super().__init__()
        self.current = current
        self.choice: TrackChoice | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text("Link this entry to goals and competencies"), classes="question")
            yield TickList(id="links")
            yield Static(Text("space ticks · ctrl+s done · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="links")
    def _load(self) -> None:
        from careerlog.domain.model import GoalStatus
        from careerlog.services import goals, tracks

        active = goals.list_goals(self.store, [GoalStatus.ACTIVE])
        choice = tracks.current_choice(self.store)
        self.post_message(self.Loaded(active, choice))

    @on(Loaded)
    @when_shown
    def _show(self, message: Loaded) -> None:
        self.choice = choice = message.choice
        chooser = self.query_one("#links", SelectionList)
        for goal in message.goals:
            chooser.add_option(
                Selection(
                    Text(f"goal  {one_line(goal.title, 60)}"),
                    f"goal:{goal.id}",
                    goal.id in self.current.goal_ids,
                )
            )
        ticked = keys_on(self.current.competencies, choice.track.key if choice else None)
        for comp in choice.track.competencies if choice else ():
            chooser.add_option(
                Selection(
                    Text(printable(f"skill {comp.name} ({comp.group})")),
                    f"comp:{comp.key}",
                    comp.key in ticked,
                )
            )
        track_key = choice.track.key if choice else None
        for line in earlier_links(self.current.competencies, track_key):
            self.query_one(".dialog", Vertical).mount(line, before=chooser)
        chooser.highlighted = 0 if chooser.option_count else None
        chooser.focus()

    def action_done(self) -> None:
        chosen = self.query_one("#links", SelectionList).selected
        choice = self.choice
        track_key = choice.track.key if choice else None
        kept = tuple(link for link in self.current.competencies if link.track_key != track_key)
        picked = tuple(
            CompetencyLink(
                choice.track.key,
                v[5:],
                choice.track.competency(v[5:]).name,
                choice.track.name,
                choice.snapshot_id,
            )
            for v in chosen
            if v.startswith("comp:") and choice is not None
        )
        self.dismiss(
            Links(tuple(int(v[5:]) for v in chosen if v.startswith("goal:")), kept + picked)
        )
