"""F1: every key that works on the screen underneath, with what it does."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from careerlog.ui.base import CareerlogModal

ALWAYS = (
    ("ctrl+p", "Command palette: new entry, goal, activity, reflection, timeline…"),
    ("tab", "Move to the next part of the screen (shift+tab: back)"),
)


def binding_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, description) for the bindings active on ``screen``, the app's included."""
    rows: dict[str, str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in ("command_palette",):
            continue
        # Textual's own scrolling and clipboard keys are left out unless shown in the Footer.
        if not binding.show and not type(active.node).__module__.startswith("careerlog"):
            continue
        shown = screen.app.get_key_display(binding)
        rows.setdefault(binding.description, shown if shown else key)
    listed = [(key, description) for description, key in rows.items()]
    return sorted(listed, key=lambda row: (not row[0].startswith("f"), row[0]))


class HelpScreen(CareerlogModal[None]):
    """Lists the keys; escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", priority=True),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.rows = binding_rows(under)
        name = getattr(under, "help_title", "") or type(under).__name__.removesuffix("Screen")
        self.title_text = f"Keys on {name}"

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, description in [*ALWAYS, *self.rows]:
            table.add_row(Text(key), Text(description))
        with Vertical(classes="dialog wide", id="help"):
            yield Static(Text(self.title_text, style="bold"), classes="question")
            with VerticalScroll():
                yield Static(table)
            yield Static(Text("escape closes"), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
