"""Today's side panel: the reflections that are due and the active goals, each line cut
with "…" at the panel's width rather than wrapped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from careerlog.domain.text import one_line, printable
from careerlog.ui.formats import day_text, near_day_text

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import Goal


@dataclass(frozen=True, slots=True)
class Due:
    """What the side panel needs of a due reflection."""

    name: str
    due_since: date
    overdue: bool


def progress_bar(percent: int, width: int = 8) -> str:
    filled = round(width * max(0, min(percent, 100)) / 100)
    return "█" * filled + "░" * (width - filled)


def lines() -> Text:
    """A block of lines that are each cut with "…" at the panel's width, never wrapped."""
    return Text(no_wrap=True, overflow="ellipsis")


def goal_lines(goals: list[Goal], today: date) -> Text:
    if not goals:
        text = lines()
        text.append("No active goals.\nF3 Goals, then n", style="dim")
        return text
    text = lines()
    for goal in goals:
        text.append(one_line(goal.title, 200) + "\n")
        text.append(f"{progress_bar(goal.progress, 6)} {goal.progress:>3}%", style="green")
        if goal.due is not None:
            late = goal.due < today
            day = near_day_text(goal.due, today)
            # The panel is 27 cells at 80 columns: a date with its year goes on a line
            # of its own, so it is never cut.
            where = " · " if goal.due.year == today.year else "\n  "
            text.append(
                f"{where}{'late' if late else 'due'} {day}", style="bold red" if late else "dim"
            )
        text.append("\n")
    text.rstrip()
    return text


def due_lines(due: list[Due]) -> Text:
    text = lines()
    if not due:
        text.append("Nothing is due.", style="dim")
        return text
    for item in due:
        text.append(printable(item.name), style="bold")
        text.append(f"\n  since {day_text(item.due_since)}", style="dim")
        if item.overdue:
            text.append(" · overdue", style="bold red")
        text.append("\n")
    text.append("ctrl+p: Start reflection", style="dim")
    return text


class TodaySide(Vertical):
    """Due reflections above active goals; :meth:`show` fills both."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Due reflections", style="bold"), classes="side-title")
        yield Static(Text("Nothing is due.", style="dim"), id="due", classes="lines")
        yield Static(Text("Active goals", style="bold"), classes="side-title")
        yield Static(Text("…", style="dim"), id="goals", classes="lines")

    def show(self, goals: list[Goal], due: list[Due], today: date) -> None:
        self.query_one("#goals", Static).update(goal_lines(goals, today))
        self.query_one("#due", Static).update(due_lines(due))
