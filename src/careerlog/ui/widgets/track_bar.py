"""The line at the top of every screen: which track and target level the person pursues."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from careerlog.domain.text import printable


class TrackBar(Horizontal):
    """Shows ``app.track_line`` (kept current by the app) and the screen's name."""

    def __init__(self, section: str) -> None:
        super().__init__(classes="track-bar")
        self.section = section

    def compose(self) -> ComposeResult:
        yield Static(Text("careerlog", style="bold"), classes="brand")
        yield Static(Text(""), id="track-line", classes="track-line")
        yield Static(Text(self.section), classes="section")

    def on_mount(self) -> None:
        self.watch(self.app, "track_line", self._show, init=True)

    def _show(self, line: str) -> None:
        # Track and level names can come from the person's own TOML file: literal text.
        self.query_one("#track-line", Static).update(Text(printable(line)))
