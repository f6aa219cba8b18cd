"""Tick boxes that read the same in every theme, and without colour: ``[✓]`` ticked and
``[ ]`` not (Textual's own draw ``▐X▌`` in both states and tell them apart by colour
alone, so every row looked ticked)."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList

TICKED = "✓"


class TickBox(Checkbox):
    """A checkbox drawn ``[✓]`` or ``[ ]``."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"
    BUTTON_INNER = " "

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._show_tick()

    def watch_value(self) -> None:
        super().watch_value()
        self._show_tick()

    def _show_tick(self) -> None:
        # An instance attribute over the class's: Checkbox draws whatever BUTTON_INNER is.
        self.BUTTON_INNER = TICKED if self.value else " "
        self.refresh()


class TickList(SelectionList[Any]):
    """A selection list whose rows start ``[✓]`` or ``[ ]``."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = int(self.scroll_offset.y) + y
        if index >= self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        style = self.get_component_rich_style(
            "selection-list--button-selected" if ticked else "selection-list--button"
        )
        # As wide as Textual's own gutter ("▐X▌ "), which the list keeps room for.
        return Strip([Segment(f"[{TICKED if ticked else ' '}]", style), Segment(" "), *line])
