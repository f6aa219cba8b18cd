"""The key bar at the bottom of every screen.

Unlike Textual's Footer (which scrolls sideways and cuts the last key mid-word), it
shows whole keys only, as many as the terminal's width has room for: the focused
part's keys first, then the screen's, then the app's, with "f1 Help" always last so
the rest are one key away. It is one line of text, redrawn when the bindings change,
so it costs the first frame almost nothing. A click on a key runs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import RenderResult
    from textual.dom import DOMNode
    from textual.screen import Screen

HELP_ACTION = "help"


class Shown(NamedTuple):
    key: str
    description: str
    action: str
    node: DOMNode
    enabled: bool


def shown_keys(screen: Screen[Any]) -> list[Shown]:
    """The keys a footer on ``screen`` offers, in order, one per key and per name."""
    app = screen.app
    mine: list[Shown] = []
    apps: list[Shown] = []
    seen: set[str] = set()
    for _key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if not binding.show or not binding.description:
            continue
        shown = Shown(_display(app, binding), binding.description, binding.action, node, enabled)
        if shown.key in seen or shown.description in seen:
            continue
        seen.update((shown.key, shown.description))
        (apps if isinstance(node, App) else mine).append(shown)
    helps = [s for s in apps if s.action == HELP_ACTION]
    others = [s for s in apps if s.action != HELP_ACTION]
    return mine + others + helps


def _display(app: App[Any], binding: Binding) -> str:
    return app.get_key_display(binding) or binding.key


class KeyFooter(Widget):
    """Whole keys that fit, the help key always among them."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    KeyFooter > .key-footer--off { color: $text-disabled; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--off"}

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, Shown]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def fitting(self, width: int) -> list[Shown]:
        """The keys shown at ``width`` cells: from the start, as many as fit, and the
        help key whatever the width."""
        keys = shown_keys(self.screen)
        helps = [s for s in keys if s.action == HELP_ACTION]
        room = width - sum(cell_len(_piece(s)) for s in helps)
        chosen: list[Shown] = []
        for shown in keys:
            if shown in helps:
                continue
            if cell_len(_piece(shown)) <= room:
                chosen.append(shown)
                room -= cell_len(_piece(shown))
            else:
                room = 0  # keep the order: nothing after a key that did not fit
        return chosen + helps

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        off_style = self.get_component_rich_style("key-footer--off", partial=True)
        text = Text(no_wrap=True)
        self._spans = []
        for shown in self.fitting(self.size.width):
            start = len(text)
            text.append(f" {shown.key}", style=key_style if shown.enabled else off_style)
            text.append(f" {shown.description} ", style="" if shown.enabled else off_style)
            self._spans.append((start, len(text), shown))
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, shown in self._spans:
            if start <= event.x < end and shown.enabled:
                await self.app.run_action(shown.action, shown.node)
                return


def _piece(shown: Shown) -> str:
    return f" {shown.key} {shown.description} "
