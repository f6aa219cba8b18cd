"""The two lines at the top of every screen: the track and level the person is on, the
screen's name, and the main screens as tabs with their keys; and a third, on a store
careerlog may only read, saying that nothing changed there is saved.

Drawn to the terminal's width: a long track name is shortened (with "…") before the
level is, and tabs that do not fit are left out from the end, whole, with "…" in their
place (F1 lists them all). Below 100 columns the Switch track key moves from the tabs
to the top line, beside the track it changes.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from careerlog.domain.text import printable
from careerlog.ui.navigation import SECTIONS, SWITCH_TRACK_KEY

if TYPE_CHECKING:
    from textual.app import RenderResult

TrackNames = tuple[str, str]
"""(track, level); an empty track means the second part is a note ("no track yet")."""


def track_text(names: TrackNames, width: int) -> Text:
    """``Track → Level`` in at most ``width`` cells, the track shortened first."""
    track, level = (printable(part) for part in names)
    text = Text(no_wrap=True, overflow="ellipsis")
    if not track:
        text.append(level, style="italic")
        text.truncate(width, overflow="ellipsis")
        return text
    arrow = " → "
    room = width - cell_len(arrow) - cell_len(level)
    if room >= min(cell_len(track), 8):
        shown = Text(track)
        shown.truncate(room, overflow="ellipsis")
        text.append_text(shown)
        text.append(arrow, style="dim")
        text.append(level, style="bold")
    else:
        text.append(level, style="bold")
    text.truncate(width, overflow="ellipsis")
    return text


WIDE = 100
"""From this width the tabs have their long names and Switch track among them."""
SWITCH_TRACK = "Switch track"


def tabs_text(current: str, width: int) -> Text:
    """The main screens with their keys, the current one highlighted; as many as fit."""
    wide = width >= WIDE
    items = [(s.key.upper(), s.name if wide else s.short, s.mode == current) for s in SECTIONS]
    if wide:
        items.append((SWITCH_TRACK_KEY.upper(), SWITCH_TRACK, False))
    text = Text(" ", no_wrap=True)
    for index, (key, name, chosen) in enumerate(items):
        # Room for this tab, and for the "…" that says more follow unless it is the last.
        more = 0 if index == len(items) - 1 else cell_len("…")
        if cell_len(text.plain) + cell_len(f"{key} {name} ") + more > width:
            text.append("…", style="dim")
            break
        text.append(key, style="reverse bold" if chosen else "bold")
        text.append(f" {name}", style="reverse bold" if chosen else "")
        text.append(" ")
    return text


def read_only_text(file: str, width: int) -> Text:
    """The read-only banner: what it means first, then the file (only its name when the
    whole path does not fit)."""
    text = Text(no_wrap=True, overflow="ellipsis", style="bold")
    text.append(" Read-only: nothing you change is saved ", style="reverse")
    why = f" ({printable(file)} can't be written here)"
    if cell_len(text.plain) + cell_len(why) > width:
        why = f" ({printable(PurePath(file).name)} can't be written here)"
    text.append(why)
    text.truncate(width, overflow="ellipsis")
    return text


class TrackBar(Widget):
    """Shows ``app.track`` (kept current by the app), the screen's ``title`` and the tabs,
    with the app's current mode (see :mod:`careerlog.ui.navigation`) highlighted."""

    DEFAULT_CSS = """
    TrackBar {
        dock: top;
        height: 2;
        background: $primary-background;
        color: $text;
    }
    TrackBar.-read-only {
        height: 3;
    }
    """

    def __init__(self, title: str) -> None:
        super().__init__(classes="track-bar")
        self.title = title
        self._names: TrackNames = ("", "opening your journal…")
        self._file = ""

    def on_mount(self) -> None:
        # A reference to the app's reactive, not a query: the app may change the track
        # while this bar's screen is being taken down.
        self.watch(self.app, "track", self._show, init=True)
        self.watch(self.app, "read_only", self._read_only, init=True)

    def _show(self, names: TrackNames) -> None:
        self._names = names
        self.refresh()

    def _read_only(self, file: str) -> None:
        self._file = file
        self.set_class(bool(file), "-read-only")
        self.refresh()

    def render(self) -> RenderResult:
        width = max(self.size.width, 20)
        top = Text(no_wrap=True)
        top.append(" careerlog ", style="bold reverse")
        top.append(" ")
        title = f"  {self.title} " if self.title else ""
        room = width - cell_len(top.plain) - cell_len(title)
        switch = Text()
        if width < WIDE:
            # "Switch track" when the track still shows whole beside it, else "Switch".
            whole = cell_len(track_text(self._names, width).plain)
            label = SWITCH_TRACK if whole + cell_len(SWITCH_TRACK) + 6 <= room else "Switch"
            switch.append(f"  {SWITCH_TRACK_KEY.upper()}", style="bold")
            switch.append(f" {label}")
            room -= switch.cell_len
        top.append_text(track_text(self._names, max(room, 8)))
        top.append_text(switch)
        top.pad_right(max(width - cell_len(top.plain) - cell_len(title), 0))
        top.append(title, style="bold")
        top.truncate(width, overflow="ellipsis")
        text = Text(no_wrap=True)
        text.append_text(top)
        text.append("\n")
        text.append_text(tabs_text(self.app.current_mode, width))
        if self._file:
            text.append("\n")
            text.append_text(read_only_text(self._file, width))
        return text
