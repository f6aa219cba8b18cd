"""The timeline's stream: one line per item, drawn with Textual's line API.

The view knows how many items there are (its virtual height) and holds only the rows
it has been given, keyed by their place in the stream. A line that is not loaded
yet is drawn as "…" and the view asks its screen for rows with :class:`RowsWanted`;
the screen reads a page in a worker and hands the rows back with :meth:`add_rows`.
So 100,000 items cost one page of memory per screenful, never a widget per row.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from careerlog.domain.text import printable
from careerlog.domain.timeline import Grouping, Key, TimelineItem, group_of
from careerlog.ui.formats import day_text, moment_text, month_text

if TYPE_CHECKING:
    from careerlog.services.timeline.detail import ItemDetail

MAX_CACHED = 3000
"""Rows kept around the view; farther ones are dropped and read again if needed."""

BADGES = {
    "entry": ("entry", "bold"),
    "activity": ("learned", "green"),
    "reflection": ("reflected", "magenta"),
    "track-change": ("track", "cyan"),
    "goal-created": ("goal set", "yellow"),
    "goal-achieved": ("achieved", "bold green"),
    "goal-dropped": ("dropped", "red"),
    "milestone": ("milestone", "yellow"),
    "feedback": ("feedback", "bold cyan"),
}
GUTTER = 16
DETAIL_CHARS = 20_000
"""The most of an opened item's text the detail pane draws (a huge entry would take
seconds to lay out, on every resize)."""


def group_title(first: date, grouping: Grouping) -> str:
    """The stream's group labels, in the screens' one date format (15 cells at most)."""
    if grouping is Grouping.WEEK:
        return f"From {day_text(first)}"
    if grouping is Grouping.MONTH:
        return month_text(first)
    return day_text(first, weekday=True)


def _clean(text: str) -> str:
    return printable(text).replace("\n", " ").replace("\t", " ")


def snippet_text(snippet: str, match_style: Style) -> Text:
    """A search snippet with its matches styled: the text is never read as markup."""
    from careerlog.domain.hits import split_snippet  # pure string helper

    text = Text()
    for piece, is_match in split_snippet(snippet):
        text.append(_clean(piece), style=match_style if is_match else "")
    return text


def detail_text(detail: ItemDetail) -> Text:
    """The opened item, built from plain strings (never markup)."""
    item = detail.item
    text = Text(printable(detail.heading), style="bold")
    text.append(f"\n{moment_text(item.when, weekday=True)}\n", style="dim")
    for label, value in detail.facts:
        text.append(f"{label}: ", style="dim")
        text.append(f"{printable(value)}\n")
    if detail.body.strip():
        text.append("\n")
        text.append(printable(detail.body[:DETAIL_CHARS]))
        if len(detail.body) > DETAIL_CHARS:
            more = len(detail.body) - DETAIL_CHARS
            text.append(f"\n… {more:,} more characters: open it in the editor", style="dim")
    return text


def on_this_day_text(day: date, found: list[tuple[int, tuple[TimelineItem, ...]]]) -> Text:
    text = Text(f"On this day, {day.day:02d} {day:%b}", style="bold")
    if not found:
        text.append("\nNothing from earlier years yet.", style="dim")
    for year, items in found:
        text.append(f"\n\n{year}", style="bold")
        for item in items:
            badge, style = BADGES[item.kind]
            text.append(f"\n{badge:<10}", style)
            text.append(printable(item.title))
    return text


class TimelineView(ScrollView, can_focus=True):
    """The stream. ↑↓ PgUp PgDn Home End move, enter opens the item under the cursor."""

    help_group: ClassVar[str] = "The stream"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-view--cursor",
        "timeline-view--group",
        "timeline-view--match",
        "timeline-view--dim",
    }
    DEFAULT_CSS = """
    TimelineView { height: 1fr; }
    TimelineView > .timeline-view--cursor { background: $accent 35%; }
    TimelineView > .timeline-view--group { color: $text-accent; text-style: bold; }
    TimelineView > .timeline-view--match { background: $warning 45%; text-style: bold; }
    TimelineView > .timeline-view--dim { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-20)", "Page up", show=False),
        Binding("pagedown", "move(20)", "Page down", show=False),
        Binding("home", "move_to(0)", "Newest", show=False),
        Binding("end", "move_to(-1)", "Oldest", show=False),
        Binding("enter", "open", "Open", id="timeline-open"),
    ]

    class RowsWanted(Message):
        """Rows are missing around ``row``; load from the neighbour the view knows."""

        def __init__(
            self, view: TimelineView, row: int, before: Key | None, after: Key | None
        ) -> None:
            super().__init__()
            self.view = view
            self.row = row
            self.before = before
            """Key of the loaded row just above ``row`` (load older items after it)."""
            self.after = after
            """Key of the loaded row just below ``row`` (load newer items before it)."""

        @property
        def control(self) -> TimelineView:
            return self.view

    class ItemChosen(Message):
        def __init__(self, view: TimelineView, item: TimelineItem) -> None:
            super().__init__()
            self.view = view
            self.item = item

        @property
        def control(self) -> TimelineView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.total = 0
        self.rows: dict[int, TimelineItem] = {}
        self.cursor = 0
        self.grouping = Grouping.DAY
        self.unavailable: set[int] = set()
        self.loading = False
        """One request at a time; when it lands the view asks again for what is missing."""

    # -- data in -----------------------------------------------------------------------

    def reset(
        self,
        total: int,
        offset: int,
        items: tuple[TimelineItem, ...],
        cursor: int | None = None,
    ) -> None:
        """A new stream (filters changed, or a jump): ``items`` start at ``offset``, the
        cursor on ``offset`` unless ``cursor`` says where."""
        self.total = total
        self.rows = {}
        self.unavailable = set()
        self.loading = False
        self._put(offset, items)
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        self.cursor = min(offset if cursor is None else cursor, max(total - 1, 0))
        self.scroll_to(y=offset, animate=False, immediate=True)
        if cursor is not None:
            self.set_cursor(self.cursor)
        self.refresh()

    def add_rows(
        self,
        offset: int,
        items: tuple[TimelineItem, ...],
        requested: int | None = None,
        last: bool = False,
    ) -> None:
        """Rows read for a :class:`RowsWanted`. ``last``: nothing is older than these, so
        the stream ends here even if the journal shrank underneath (the height follows).
        A ``requested`` row that still did not come back is drawn empty, not asked again."""
        self.loading = False
        if last and offset + len(items) < self.total:
            self.total = offset + len(items)
            self.rows = {row: item for row, item in self.rows.items() if row < self.total}
            self.virtual_size = Size(self.scrollable_content_region.width, self.total)
            self.cursor = min(self.cursor, max(self.total - 1, 0))
        if requested is not None and not offset <= requested < offset + len(items):
            self.unavailable.add(requested)
        self._put(offset, items)
        self._trim()
        self.refresh()

    def _put(self, offset: int, items: tuple[TimelineItem, ...]) -> None:
        for index, item in enumerate(items):
            if 0 <= offset + index < self.total:
                self.rows[offset + index] = item

    def _trim(self) -> None:
        if len(self.rows) <= MAX_CACHED:
            return
        middle = int(self.scroll_offset.y)
        for row in sorted(self.rows, key=lambda r: -abs(r - middle))[: len(self.rows) - MAX_CACHED]:
            del self.rows[row]

    @property
    def current(self) -> TimelineItem | None:
        return self.rows.get(self.cursor)

    # -- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= self.total:
            return Strip.blank(width, base)
        item = self.rows.get(row)
        if item is None:
            self._want(row)
            line = Text(
                " " * GUTTER + "│ …", style=self.get_component_rich_style("timeline-view--dim")
            )
        else:
            line = self._line(row, y, item)
        line.truncate(max(width - 1, 1), overflow="ellipsis")
        segments = list(line.render(self.app.console, end=""))
        strip = Strip(segments).adjust_cell_length(width, base)
        strip = strip.apply_style(base)
        if row == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("timeline-view--cursor"))
        return strip

    def _line(self, row: int, y: int, item: TimelineItem) -> Text:
        dim = self.get_component_rich_style("timeline-view--dim")
        group = group_of(item.when, self.grouping)
        above = self.rows.get(row - 1)
        text = Text()
        if y == 0 or above is None or group_of(above.when, self.grouping) != group:
            label = group_title(group, self.grouping)
            text.append(f"{label:<{GUTTER}}", self.get_component_rich_style("timeline-view--group"))
        else:
            text.append(" " * GUTTER)
        text.append("│ ", dim)
        dated = item.when.time() != time.min or item.kind not in ("activity", "reflection")
        clock = f"{item.when:%H:%M}" if dated else "     "
        if self.grouping is not Grouping.DAY:
            # A week or month holds many days: each row keeps its own.
            clock = f"{item.when:%a} {item.when.day:02d} {clock}"
        text.append(f"{clock} ", dim)
        badge, style = BADGES[item.kind]
        text.append(f"{badge:<10}", style)
        text.append("★ " if item.starred else "  ", "yellow")
        if item.snippet:
            text.append_text(
                snippet_text(item.snippet, self.get_component_rich_style("timeline-view--match"))
            )
        else:
            text.append(_clean(item.title))
        if item.detail and item.kind in ("milestone", "track-change", "activity", "feedback"):
            text.append(f"  {_clean(item.detail)}", dim)
        shown = item.title.lower()
        extra = [tag for tag in item.tags if f"@{tag}" not in shown]  # inline tags show already
        if extra:
            text.append("  " + " ".join(f"@{_clean(tag)}" for tag in extra), dim)
        return text

    def _want(self, row: int) -> None:
        if self.loading or row in self.unavailable:
            return
        self.loading = True
        above, below = self.rows.get(row - 1), self.rows.get(row + 1)
        self.post_message(
            self.RowsWanted(
                self,
                row,
                above.key if above is not None else None,
                below.key if below is not None and above is None else None,
            )
        )

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    # -- moving ------------------------------------------------------------------------

    def set_cursor(self, row: int) -> None:
        if not self.total:
            return
        self.cursor = max(0, min(row, self.total - 1))
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.set_cursor(self.cursor + step)

    def action_move_to(self, row: int) -> None:
        self.set_cursor(row if row >= 0 else self.total - 1)

    def action_open(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.ItemChosen(self, item))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.set_cursor(int(self.scroll_offset.y) + offset.y)
        self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
