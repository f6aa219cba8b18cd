"""A calendar heatmap of one year: a column per week (Monday on top), a cell per day,
drawn with the line API. Arrow keys move a cursor day; enter picks it.

A small widget of our own rather than textual-timepiece's heatmap: that one (0.7)
installs fine but brings the ``whenever`` date library and its own date types, for
what is here nine lines of text.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

LEVELS = ("#0e4429", "#006d32", "#26a641", "#39d353")
"""Four greens, faint to bright, for 1-25 %, -50 %, -75 % and above of the busiest day."""
DAY_NAMES = ("Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun")
LABEL = 4


def level(count: int, busiest: int) -> int:
    """0 for no activity, else 1-4 by share of the busiest day (rounded up)."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, -(-count * 4 // busiest))


class Heatmap(Widget, can_focus=True):
    help_group: ClassVar[str] = "Calendar"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"heatmap--empty", "heatmap--label"}
    DEFAULT_CSS = """
    Heatmap { height: 10; width: auto; min-width: 60; }
    Heatmap > .heatmap--empty { color: $text-disabled; }
    Heatmap > .heatmap--label { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-7)", "Week before", show=False),
        Binding("right", "move(7)", "Week after", show=False),
        Binding("up", "move(-1)", "Day before", show=False),
        Binding("down", "move(1)", "Day after", show=False),
        Binding("enter", "pick", "Open day", id="heatmap-pick"),
    ]

    class DayPicked(Message):
        def __init__(self, heatmap: Heatmap, day: date, count: int) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.day = day
            self.count = count

        @property
        def control(self) -> Heatmap:
            return self.heatmap

    class CursorMoved(Message):
        def __init__(self, heatmap: Heatmap, day: date, count: int) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.day = day
            self.count = count

        @property
        def control(self) -> Heatmap:
            return self.heatmap

    def __init__(self, year: int, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.year = year
        self.counts: dict[date, int] = {}
        self.cursor = date(year, 1, 1)

    def show(self, year: int, counts: dict[date, int], cursor: date | None = None) -> None:
        self.year = year
        self.counts = counts
        self.cursor = cursor if cursor and cursor.year == year else date(year, 1, 1)
        self.refresh()

    @property
    def first_monday(self) -> date:
        first = date(self.year, 1, 1)
        return first - timedelta(days=first.weekday())

    def cell(self, week: int, weekday: int) -> date | None:
        day = self.first_monday + timedelta(weeks=week, days=weekday)
        return day if day.year == self.year else None

    @property
    def weeks(self) -> int:
        return (date(self.year, 12, 31) - self.first_monday).days // 7 + 1

    def get_content_width(self, container: object, viewport: object) -> int:
        return LABEL + self.weeks

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        text = Text()
        label = self.get_component_rich_style("heatmap--label")
        if y == 0:
            text.append(" " * LABEL)
            column = 0
            for month in range(1, 13):
                first = date(self.year, month, 1)
                week = (first - self.first_monday).days // 7
                name = first.strftime("%b")
                if week >= column:
                    text.append(" " * (week - column))
                    text.append(name, label)
                    column = week + len(name)
        elif 1 <= y <= 7:
            weekday = y - 1
            text.append(f"{DAY_NAMES[weekday]} ", label)
            busiest = max(self.counts.values(), default=0)
            empty = self.get_component_rich_style("heatmap--empty")
            for week in range(self.weeks):
                day = self.cell(week, weekday)
                if day is None:
                    text.append(" ")
                    continue
                lvl = level(self.counts.get(day, 0), busiest)
                style = empty if lvl == 0 else Style(color=LEVELS[lvl - 1])
                if day == self.cursor and self.has_focus:
                    style = style + Style(reverse=True, bold=True)
                text.append("■" if lvl else "·", style)
        elif y == 9:
            text.append(" " * LABEL + "less ", label)
            text.append("·", self.get_component_rich_style("heatmap--empty"))
            for colour in LEVELS:
                text.append("■", Style(color=colour))
            text.append(" more", label)
        strip = Strip(list(text.render(self.app.console, end="")))
        return strip.adjust_cell_length(width, self.rich_style).apply_style(self.rich_style)

    def action_move(self, days: int) -> None:
        moved = self.cursor + timedelta(days=days)
        if moved.year == self.year:
            self.cursor = moved
            self.refresh()
            self.post_message(self.CursorMoved(self, moved, self.counts.get(moved, 0)))

    def action_pick(self) -> None:
        self.post_message(self.DayPicked(self, self.cursor, self.counts.get(self.cursor, 0)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 1 <= offset.y <= 7 or offset.x < LABEL:
            return
        day = self.cell(offset.x - LABEL, offset.y - 1)
        if day is not None:
            self.cursor = day
            self.refresh()
            self.action_pick()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
