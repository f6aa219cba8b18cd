"""Journal entries, newest first, fetched a page at a time as the cursor nears the end.

A list over ten years of entries must never load them all: the list asks for the next
page (``LoadMore``) and the screen fetches it with ``journal.recent_entries(before=…)``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from careerlog.domain.text import one_line

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import Entry

PAGE = 40


def when_label(moment: datetime, today: date) -> str:
    if moment.date() == today:
        return moment.strftime("%H:%M")
    if moment.year == today.year:
        return moment.strftime("%a %d %b")
    return moment.strftime("%d %b %Y")


def entry_text(entry: Entry, today: date, width: int = 70) -> Text:
    """One line for an entry: star, when, first line, tags; user text is never markup."""
    line = Text()
    line.append("★ " if entry.starred else "  ", style="bold yellow")
    line.append(f"{when_label(entry.written_at, today):<11} ", style="dim")
    first = one_line(entry.text, width)
    line.append(first)
    # Tags given with --tag are not in the text; show those that the line does not.
    extra = [tag for tag in entry.tags if f"@{tag}" not in first.lower()]
    if extra:
        line.append("  " + " ".join(f"@{tag}" for tag in extra), style="italic")
    return line


class EntryItem(ListItem):
    def __init__(self, entry: Entry, today: date) -> None:
        super().__init__(Label(entry_text(entry, today), markup=False), classes="entry")
        self.entry = entry


class Divider(ListItem):
    def __init__(self, title: str) -> None:
        super().__init__(Label(Text(title, style="bold")), classes="divider", disabled=True)


class EntryList(ListView):
    """Pages of entries under "Today" and "Earlier" dividers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Edit", id="edit-entry"),
        Binding("s", "request('star')", "Star", id="star-entry"),
        Binding("d,delete", "request('delete')", "Delete", id="delete-entry"),
        Binding("u", "request('undo')", "Undo delete", id="undo-delete"),
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
        self._ids: set[int] = set()
        self._earlier_shown = False
        self._today_shown = False

    @property
    def entries(self) -> list[Entry]:
        return [child.entry for child in self.children if isinstance(child, EntryItem)]

    @property
    def selected_entry(self) -> Entry | None:
        item = self.highlighted_child
        return item.entry if isinstance(item, EntryItem) else None

    def show_first_page(self, entries: list[Entry], today: date) -> None:
        """Replace everything with the newest page, keeping the cursor's entry if it is there."""
        keep = self.selected_entry
        self.clear()
        self.today = today
        self._ids.clear()
        self._earlier_shown = self._today_shown = False
        self.add_page(entries)
        items = [(i, c) for i, c in enumerate(self.children) if isinstance(c, EntryItem)]
        if items:
            kept = [i for i, c in items if keep is not None and c.entry.id == keep.id]
            self.index = kept[0] if kept else items[0][0]

    def add_page(self, entries: list[Entry]) -> None:
        self._loading = False
        fresh = [entry for entry in entries if entry.id not in self._ids]
        self.more = len(entries) >= PAGE and bool(fresh)
        items: list[ListItem] = []
        for entry in fresh:
            self._ids.add(entry.id)
            if entry.written_at.date() == self.today and not self._today_shown:
                self._today_shown = True
                items.append(Divider("Today"))
            if entry.written_at.date() != self.today and not self._earlier_shown:
                self._earlier_shown = True
                items.append(Divider("Earlier"))
            items.append(EntryItem(entry, self.today))
        if not self.children and not items:
            items.append(Divider("No entries yet: write one above and press ctrl+s"))
        if items:
            self.extend(items)

    def replace_entry(self, entry: Entry) -> None:
        for child in self.children:
            if isinstance(child, EntryItem) and child.entry.id == entry.id:
                child.entry = entry
                child.query_one(Label).update(entry_text(entry, self.today))

    def remove_entry(self, entry_id: int) -> None:
        for child in list(self.children):
            if isinstance(child, EntryItem) and child.entry.id == entry_id:
                child.remove()
                self._ids.discard(entry_id)

    def action_first(self) -> None:
        self.index = 0 if self.children else None
        if self.children and self.children[0].disabled:
            self.action_cursor_down()

    def action_last(self) -> None:
        if self.children:
            self.index = len(self.children) - 1

    def action_request(self, what: str) -> None:
        entry = self.selected_entry
        if entry is not None or what == "undo":
            self.post_message(self.Requested(self, what, entry))

    @on(ListView.Highlighted)
    def _near_end(self, event: ListView.Highlighted) -> None:
        if event.list_view is not self or self.index is None:
            return
        if self.more and not self._loading and self.index >= len(self.children) - 5:
            entries = self.entries
            if entries:
                self._loading = True
                self.post_message(self.LoadMore(self, entries[-1].written_at))

    @on(ListView.Selected)
    def _chosen(self, event: ListView.Selected) -> None:
        if event.list_view is self and isinstance(event.item, EntryItem):
            event.stop()
            self.post_message(self.EntryChosen(self, event.item.entry))
