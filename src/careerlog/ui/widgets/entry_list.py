"""Journal entries, newest first, fetched a page at a time as the cursor nears the end.

A list over ten years of entries must never load them all: the list asks for the next
page (``LoadMore``) and the screen fetches it with ``recent_entries(before=…)``. Rows
are drawn with Textual's line API, not a widget each: the first page of entries is on
screen one paint after it is read (forty list items took ~0.2 s to mount), and a line
too long for the terminal ends in "…" rather than being cut.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from careerlog.domain.text import one_line
from careerlog.ui.formats import moment_label
from careerlog.ui.startup import PAGE

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import Entry

NEAR_END = 5
"""The next page is asked for when the cursor is this close to the last row."""
WHEN_WIDTH = 11


def entry_text(entry: Entry, today: date, width: int = 200) -> Text:
    """One line for an entry: star, when, first line, tags; user text is never markup."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("★ " if entry.starred else "  ", style="bold yellow")
    line.append(f"{moment_label(entry.written_at, today):<{WHEN_WIDTH}} ", style="dim")
    first = one_line(entry.text, width)
    line.append(first)
    # Tags given with --tag are not in the text; show those that the line does not.
    extra = [tag for tag in entry.tags if f"@{tag}" not in first.lower()]
    if extra:
        line.append("  " + " ".join(f"@{one_line(tag, 40)}" for tag in extra), style="italic")
    return line


class Row(NamedTuple):
    """A divider (``entry`` is ``None``) or an entry."""

    title: str
    entry: Entry | None = None


def _is(row: Row, entry_id: int) -> bool:
    return row.entry is not None and row.entry.id == entry_id


class EntryList(ScrollView, can_focus=True):
    """Pages of entries under "Today" and "Earlier" dividers."""

    help_group: ClassVar[str] = "Entries"

    COMPONENT_CLASSES: ClassVar[set[str]] = {"entry-list--cursor", "entry-list--divider"}
    DEFAULT_CSS = """
    EntryList { height: 1fr; }
    EntryList > .entry-list--cursor { background: $accent 20%; }
    EntryList:focus > .entry-list--cursor { background: $accent 45%; text-style: bold; }
    EntryList > .entry-list--divider { color: $text-accent; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Edit", id="edit-entry"),
        Binding("s", "request('star')", "Star", id="star-entry"),
        Binding("d,delete", "request('delete')", "Delete", id="delete-entry"),
        Binding("u", "request('undo')", "Undo delete", id="undo-delete"),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last (loads more)", show=False),
    ]

    class Requested(Message):
        """The person asked to ``star``, ``delete`` or ``undo`` (entry is ``None`` for undo)."""

        def __init__(self, entry_list: EntryList, what: str, entry: Entry | None) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.what = what
            self.entry = entry

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class LoadMore(Message):
        """The cursor is near the end: entries older than ``before`` are wanted."""

        def __init__(self, entry_list: EntryList, before: datetime) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.before = before

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class EntryChosen(Message):
        def __init__(self, entry_list: EntryList, entry: Entry) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.today = date.today()
        self.more = False
        self._loading = False
        self.rows: list[Row] = []
        self.cursor = 0
        self.loaded = False
        """A page has arrived (until then the list is blank, not "no entries yet")."""

    # -- data in -----------------------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        return [row.entry for row in self.rows if row.entry is not None]

    @property
    def selected_entry(self) -> Entry | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].entry
        return None

    def show_first_page(self, entries: list[Entry], today: date) -> None:
        """Replace everything with the newest page, keeping the cursor's entry if it is there."""
        keep = self.selected_entry
        self.today = today
        self.rows = []
        self.add_page(entries)
        kept = [
            i for i, row in enumerate(self.rows) if keep and row.entry and row.entry.id == keep.id
        ]
        self.cursor = kept[0] if kept else self._entry_at_or_after(0)
        self._cursor_in_view()

    def add_page(self, entries: list[Entry]) -> None:
        self._loading = False
        self.loaded = True
        have = {entry.id for entry in self.entries}
        fresh = [entry for entry in entries if entry.id not in have]
        self.more = len(entries) >= PAGE and bool(fresh)
        today_shown = any(row.entry is None and row.title == "Today" for row in self.rows)
        earlier_shown = any(row.entry is None and row.title == "Earlier" for row in self.rows)
        self.rows = [
            row for row in self.rows if row.entry is not None or row.title in ("Today", "Earlier")
        ]
        for entry in fresh:
            if entry.written_at.date() == self.today and not today_shown:
                today_shown = True
                self.rows.append(Row("Today"))
            if entry.written_at.date() != self.today and not earlier_shown:
                earlier_shown = True
                self.rows.append(Row("Earlier"))
            self.rows.append(Row("", entry))
        if not self.entries:
            self.rows = [Row("No entries yet: write one above and press ctrl+s")]
        self._resized()

    def replace_entry(self, entry: Entry) -> None:
        self.rows = [Row(row.title, entry) if _is(row, entry.id) else row for row in self.rows]
        self.refresh()

    def remove_entry(self, entry_id: int) -> None:
        self.rows = [row for row in self.rows if not _is(row, entry_id)]
        self.cursor = self._entry_at_or_after(min(self.cursor, len(self.rows) - 1))
        self._resized()

    def _entry_at_or_after(self, index: int) -> int:
        for i in range(max(index, 0), len(self.rows)):
            if self.rows[i].entry is not None:
                return i
        for i in range(min(index, len(self.rows) - 1), -1, -1):
            if self.rows[i].entry is not None:
                return i
        return 0

    def _resized(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.refresh()

    # -- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if row.entry is None:
            line = Text(row.title, no_wrap=True, overflow="ellipsis")
            line.stylize(self.get_component_rich_style("entry-list--divider"))
        else:
            line = entry_text(row.entry, self.today)
        line.truncate(max(width - 1, 1), overflow="ellipsis")
        strip = Strip(list(line.render(self.app.console, end=""))).adjust_cell_length(width, base)
        strip = strip.apply_style(base)
        if index == self.cursor and row.entry is not None:
            strip = strip.apply_style(self.get_component_rich_style("entry-list--cursor"))
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self._resized()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    # -- moving ------------------------------------------------------------------------

    def _set_cursor(self, index: int, step: int) -> None:
        if not self.entries:
            return
        index = max(0, min(index, len(self.rows) - 1))
        while 0 <= index < len(self.rows) and self.rows[index].entry is None:
            index += step
        if not 0 <= index < len(self.rows):
            index = self._entry_at_or_after(index - step)
        self.cursor = index
        self._cursor_in_view()
        self.refresh()
        self._maybe_more()

    def _cursor_in_view(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            # A divider just above the first entry stays in view with it.
            wanted = (
                self.cursor - 1
                if self.cursor and self.rows[self.cursor - 1].entry is None
                else self.cursor
            )
            self.scroll_to(y=wanted, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _maybe_more(self) -> None:
        if self.more and not self._loading and self.cursor >= len(self.rows) - NEAR_END:
            entries = self.entries
            if entries:
                self._loading = True
                self.post_message(self.LoadMore(self, entries[-1].written_at))

    def action_move(self, step: int) -> None:
        self._set_cursor(self.cursor + step, 1 if step > 0 else -1)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self._set_cursor(self.cursor + direction * height, direction)

    def action_first(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self._set_cursor(0, 1)

    def action_last(self) -> None:
        self._set_cursor(len(self.rows) - 1, -1)

    def action_open(self) -> None:
        entry = self.selected_entry
        if entry is not None:
            self.post_message(self.EntryChosen(self, entry))

    def action_request(self, what: str) -> None:
        entry = self.selected_entry
        if entry is not None or what == "undo":
            self.post_message(self.Requested(self, what, entry))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self.rows) and self.rows[index].entry is not None:
            if index == self.cursor:
                self.action_open()
            else:
                self._set_cursor(index, 1)
