"""Today's side panel: the reflections that are due and the active goals, each line cut
with "…" at the panel's width rather than wrapped."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual.widget import Widget

from careerlog.domain.text import one_line, printable
from careerlog.ui.formats import day_text, near_day_text

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from textual.app import RenderResult

    from careerlog.domain.model import Goal


class Due(NamedTuple):
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


class TodaySide(Widget):
    """Due reflections above active goals; :meth:`show` fills both.

    One widget that draws its lines itself, not a container of four Statics: each
    widget on the first frame costs Textual ~1-2 ms to mount, style, lay out and draw.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"today-side--title"}
    DEFAULT_CSS = """
    TodaySide { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    TodaySide > .today-side--title { color: $text-accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.due = Text("Nothing is due.", style="dim")
        self.goals = Text("…", style="dim")

    def show(self, goals: list[Goal], due: list[Due], today: date) -> None:
        self.goals = goal_lines(goals, today)
        self.due = due_lines(due)
        self.refresh()

    def render(self) -> RenderResult:
        title = self.get_component_rich_style("today-side--title", partial=True)
        text = lines()
        # A blank line above each title, as the other screens' side titles have.
        for name, part in (("Due reflections", self.due), ("Active goals", self.goals)):
            text.append("\n")
            text.append(name, style=title)
            text.append("\n")
            text.append_text(part)
            text.append("\n")
        text.rstrip()
        return text
