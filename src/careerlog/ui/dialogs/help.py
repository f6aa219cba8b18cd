"""F1: careerlog's keys for the screen underneath, grouped: the screen's own, those of
each of its parts (the entry list, the milestones…), where to go, and what works
everywhere. Only keys careerlog declares are listed, each once: none of Textual's
inner workings (its clipboard and scrolling keys)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from careerlog.ui.base import CareerlogModal
from careerlog.ui.navigation import SECTIONS, SWITCH_TRACK_KEY

MOVES = ("move", "move_to", "page", "first", "last")
"""Actions that only move a cursor: summed up in one line instead of one each."""

EVERYWHERE = (
    ("ctrl+p", "Command palette: every command by name"),
    ("f1", "These keys (again to close)"),
    ("tab shift+tab", "Next and previous part of the screen"),
    ("esc", "Leave the field, the dialog or the screen"),
    ("↑ ↓", "Move in lists (PgUp, PgDn, Home and End too)"),
    ("ctrl+q", "Quit"),
)

Group = tuple[str, list[tuple[str, str]]]


def declared(cls: type[Any]) -> list[Binding]:
    """The bindings careerlog's own classes in ``cls``'s ancestry declare (not Textual's)."""
    found: list[Binding] = []
    actions: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("careerlog"):
            continue
        for item in klass.__dict__.get("BINDINGS", ()):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if binding.action not in actions:
                actions.add(binding.action)
                found.append(binding)
    return found


def keys_shown(app: App[Any], binding: Binding) -> str:
    keys = [key.strip() for key in binding.key.split(",") if key.strip()]
    return " ".join(app.get_key_display(Binding(key, binding.action)) or key for key in keys)


def rows(app: App[Any], bindings: Iterable[Binding], taken: set[str]) -> list[tuple[str, str]]:
    """(keys, description) for each binding not already listed under the same keys."""
    found = []
    for binding in bindings:
        if not binding.description or binding.action.split("(")[0] in MOVES:
            continue
        shown = keys_shown(app, binding)
        if shown in taken:
            continue
        taken.add(shown)
        found.append((shown, binding.description))
    return found


def groups(screen: Screen[Any]) -> list[Group]:
    app = screen.app
    taken: set[str] = set()
    name = getattr(screen, "help_title", "") or type(screen).__name__.removesuffix("Screen")
    result: list[Group] = [(name, rows(app, declared(type(screen)), taken))]
    seen_parts: set[type[Any]] = set()
    for widget in screen.query("*"):
        part = type(widget)
        if part in seen_parts or not getattr(widget, "display", True):
            continue
        seen_parts.add(part)
        title = getattr(part, "help_group", "")
        if title:
            result.append((title, rows(app, declared(part), taken)))
    go = [(s.key, s.name) for s in SECTIONS] + [(SWITCH_TRACK_KEY, "Switch track")]
    result.append(("Go to", [(k, n) for k, n in go if k not in taken]))
    result.append(("Everywhere", [(k, d) for k, d in EVERYWHERE if k not in taken]))
    return [(title, found) for title, found in result if found]


def _table(found: list[Group]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for index, (title, keys) in enumerate(found):
        if index:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for shown, description in keys:
            table.add_row(Text(shown), Text(description))
    return table


class HelpScreen(CareerlogModal[None]):
    """Lists the keys; escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", priority=True),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.groups = groups(under)
        name = getattr(under, "help_title", "") or type(under).__name__.removesuffix("Screen")
        self.title_text = f"Keys on {name}"

    def compose(self) -> ComposeResult:
        where = [g for g in self.groups if g[0] in ("Go to", "Everywhere")]
        here = [g for g in self.groups if g not in where]
        with Vertical(classes="dialog wide", id="help"):
            yield Static(Text(self.title_text, style="bold"), classes="question")
            with VerticalScroll(id="help-body"):
                with Horizontal(id="help-columns"):
                    yield Static(_table(here), classes="help-column")
                    yield Static(_table(where), classes="help-column")
            yield Static(Text("esc, q or f1 closes"), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
