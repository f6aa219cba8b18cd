"""The line at the top of every screen: which track the person is on and at which level."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from careerlog.domain.text import printable

SECTIONS = (("F2", "Today"), ("F3", "Goals"), ("F4", "Learning"))


class TrackBar(Horizontal):
    """Shows ``app.track_line`` (kept current by the app) and the screen's name."""

    def __init__(self, section: str) -> None:
        super().__init__(classes="track-bar")
        self.section = section
        self._line = Static(Text(""), id="track-line", classes="track-line")

    def compose(self) -> ComposeResult:
        yield Static(Text("careerlog", style="bold"), classes="brand")
        yield self._line
        yield Static(self._sections(), classes="section")

    def _sections(self) -> Text:
        """The three main screens with their keys; the one showing is highlighted."""
        text = Text()
        names = [name for _, name in SECTIONS]
        if self.section not in names:
            text.append(f" {self.section} ", style="reverse")
        for key, name in SECTIONS:
            style = "reverse bold" if name == self.section else ""
            text.append(f" {key} {name} ", style=style)
        return text

    def on_mount(self) -> None:
        self.watch(self.app, "track_line", self._show, init=True)

    def _show(self, line: str) -> None:
        # Track and level names can come from the person's own TOML file: literal text.
        # A reference, not a query: the app may change the line while this bar's screen
        # is being taken down.
        self._line.update(Text(printable(line)))
