"""A value picked on a short discrete scale: the 1-5 self-ratings, the 0-100
leadership stance and the agree/disagree answers of the track-fit check."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from careerlog.domain.text import printable


class ScaleInput(Widget, can_focus=True):
    """A value on a small discrete scale (ratings 1-5, the stance 0-100), moved with
    the arrow keys, a digit (on 1-5 scales) or a click on a mark."""

    help_group: ClassVar[str] = "Scales"

    DEFAULT_CSS = """
    ScaleInput { height: 1; width: auto; padding: 0 1; }
    ScaleInput:focus { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Less", show=False),
        Binding("right", "move(1)", "More", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: ScaleInput, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> ScaleInput:
            return self.scale

    def __init__(
        self,
        low: int,
        high: int,
        step: int = 1,
        value: int | None = None,
        *,
        left: str = "",
        right: str = "",
        words: dict[int, str] | None = None,
        empty: str = "not rated",
        id: str | None = None,  # noqa: A002 - Textual's name for it
    ) -> None:
        super().__init__(id=id)
        self.low, self.high, self.step = low, high, step
        self.left, self.right = printable(left), printable(right)
        self.words = words or {}
        self.empty = empty
        self.set_reactive(ScaleInput.value, value)

    @property
    def marks(self) -> list[int]:
        return list(range(self.low, self.high + 1, self.step))

    def render(self) -> Text:
        text = Text()
        if self.left:
            text.append(self.left + " ", style="dim")
        for mark in self.marks:
            text.append(
                "●" if mark == self.value else "○", style="bold" if mark == self.value else ""
            )
            text.append(" ")
        if self.right:
            text.append(self.right, style="dim")
        shown = self.empty if self.value is None else self.words.get(self.value, str(self.value))
        text.append(f"  {shown}", style="italic")
        return text

    def action_move(self, direction: int) -> None:
        marks = self.marks
        if self.value is None:
            self.value = marks[len(marks) // 2]
            return
        index = marks.index(self.value) + direction
        self.value = marks[max(0, min(len(marks) - 1, index))]

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and self.high <= 9:
            number = int(event.character)
            if number in self.marks:
                self.value = number
                event.stop()

    def on_click(self, event: events.Click) -> None:
        start = 1 + (len(self.left) + 1 if self.left else 0)  # padding, then the label
        index = (event.x - start) // 2
        if 0 <= index < len(self.marks):
            self.value = self.marks[index]

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))
