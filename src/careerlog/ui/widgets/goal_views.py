"""How goals look: one-line rows for the list, the detail text, and the milestone list
(whose keys tick and reorder milestones)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from careerlog.domain.model import Activity, Goal, GoalStatus, Milestone
from careerlog.domain.text import one_line, printable
from careerlog.ui.formats import day_text

GLYPH = {
    GoalStatus.ACTIVE: "●",
    GoalStatus.ACHIEVED: "✔",
    GoalStatus.PAUSED: "‖",
    GoalStatus.DROPPED: "✗",
}


def bar(percent: int, width: int = 8) -> str:
    filled = round(width * max(0, min(percent, 100)) / 100)
    return "█" * filled + "░" * (width - filled)


STATUS_NAMES = {
    GoalStatus.ACTIVE: "Active",
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.PAUSED: "Paused",
    GoalStatus.DROPPED: "Dropped",
}


def due_text(due: date | None, today: date, status: GoalStatus) -> Text:
    if due is None:
        return Text("no due date", style="dim")
    late = due < today and status is GoalStatus.ACTIVE
    return Text(f"{'overdue' if late else 'due'} {day_text(due)}", style="bold red" if late else "")


def goal_row(goal: Goal, today: date) -> Text:
    """Two lines: the title, then progress, status (unless active) and due date; each
    line is cut with "…" at the list's width (see the Goals sheet)."""
    row = Text()
    row.append(f"{GLYPH[goal.status]} ", style="bold")
    row.append(one_line(goal.title, 200) + "\n  ")
    row.append(f"{bar(goal.progress, 6)} {goal.progress:>3}% ", style="green")
    if goal.status is not GoalStatus.ACTIVE:
        row.append(STATUS_NAMES[goal.status].lower(), style="bold")
    elif goal.due is not None:
        late = goal.due < today
        row.append(
            f"{'late' if late else 'due'} {day_text(goal.due)}", style="bold red" if late else ""
        )
    return row


def goal_head(goal: Goal, today: date, track_key: str | None) -> Text:
    """Title, status, progress, dates, why and competencies (named as the track they
    were linked on names them; another track's name is added to its links)."""
    text = Text()
    text.append(printable(goal.title), style="bold")
    text.append(f"\n{STATUS_NAMES[goal.status]} · {goal.progress}% · ")
    text.append_text(due_text(goal.due, today, goal.status))
    text.append(f" · set {day_text(goal.created_at.date())}\n", style="dim")
    if goal.why:
        text.append("\nWhy: ", style="italic")
        text.append(printable(goal.why))
        text.append("\n")
    text.append("\nCompetencies: ", style="bold")
    text.append(", ".join(printable(link.label(track_key)) for link in goal.competencies) or "none")
    return text


def goal_links(activities: Sequence[Activity], entries: Sequence[tuple[date, str]]) -> Text:
    """The newest learning and entries linked to a goal."""
    text = Text("Learning for this goal\n", style="bold")
    for activity in activities:
        text.append(f"  {day_text(activity.day)}  ", style="dim")
        text.append(one_line(activity.title, 40))
        text.append(f" · {activity.kind.label}\n", style="dim")
    if not activities:
        text.append("  none yet\n", style="dim")
    text.append("\nEntries about this goal\n", style="bold")
    for day, title in entries:
        text.append(f"  {day_text(day)}  ", style="dim")
        text.append(one_line(title, 50) + "\n")
    if not entries:
        text.append("  none yet (link an entry with ctrl+l in Today)\n", style="dim")
    text.rstrip()
    return text


class GoalItem(ListItem):
    def __init__(self, goal: Goal, today: date) -> None:
        super().__init__(Label(goal_row(goal, today), markup=False))
        self.goal = goal


class MilestoneItem(ListItem):
    def __init__(self, milestone: Milestone) -> None:
        line = Text("[x] " if milestone.done else "[ ] ", style="bold green")
        line.append(one_line(milestone.title, 60), style="dim" if milestone.done else "")
        super().__init__(Label(line, markup=False))
        self.milestone = milestone


class MilestoneList(ListView):
    """A goal's milestones, in order; keys ask the screen to change them."""

    help_group: ClassVar[str] = "Milestones"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "request('toggle')", "Tick", id="tick"),
        Binding("shift+up,K", "request('up')", "Move up", id="move-up"),
        Binding("shift+down,J", "request('down')", "Move down", id="move-down"),
        Binding("d,delete", "request('delete')", "Delete milestone", id="delete-milestone"),
    ]

    class Requested(Message):
        def __init__(self, milestones: MilestoneList, what: str, milestone: Milestone) -> None:
            super().__init__()
            self.milestones = milestones
            self.what = what
            self.milestone = milestone

        @property
        def control(self) -> MilestoneList:
            return self.milestones

    async def show(self, milestones: Sequence[Milestone]) -> None:
        """Replace the milestones, keeping the cursor on the same one if it is still there
        (placed once the new rows are mounted, or it would be lost)."""
        current = self.highlighted_child
        keep = current.milestone.id if isinstance(current, MilestoneItem) else None
        await self.clear()
        await self.extend(MilestoneItem(m) for m in milestones)
        ids = [milestone.id for milestone in milestones]
        self.index = ids.index(keep) if keep in ids else (0 if ids else None)

    def action_request(self, what: str) -> None:
        item = self.highlighted_child
        if isinstance(item, MilestoneItem):
            self.post_message(self.Requested(self, what, item.milestone))
