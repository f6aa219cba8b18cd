"""Another program saved the entry being edited: ask what to do with the text typed
here. Every answer keeps it; only "apply mine again" overwrites the other save."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from careerlog.domain.model import Entry
from careerlog.domain.text import one_line
from careerlog.ui.base import CareerlogModal


class Resolution(StrEnum):
    """What the person chose; escape (``None``) goes back to their text unsaved."""

    COPY = "copy"
    """Put my text on the clipboard and keep editing it."""
    APPLY = "apply"
    """Save my text over the other program's, knowingly."""
    THEIRS = "theirs"
    """Keep the other program's text; mine goes to the draft on Today."""


class EditConflictDialog(CareerlogModal[Resolution]):
    """Shows what the entry says now; returns a :class:`Resolution`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('copy')", "Copy mine", id="conflict-copy"),
        Binding("a", "choose('apply')", "Apply mine again", id="conflict-apply"),
        Binding("k", "choose('theirs')", "Keep theirs", id="conflict-theirs"),
    ]

    def __init__(self, current: Entry) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        question = Text(
            f"Another program changed entry #{self.current.id} while you were editing it, "
            "and your text is not saved yet. It now reads:\n"
        )
        question.append(f"“{one_line(self.current.text, 120)}”", style="italic")
        with Vertical(classes="dialog wide", id="edit-conflict"):
            yield Static(question, classes="question")
            yield Static(
                Text(
                    "c copies your text and goes back to it · a saves yours over theirs · "
                    "k keeps theirs and puts yours in the editor on Today, as a draft · "
                    "escape goes back to your text",
                    style="dim",
                ),
                classes="question",
            )
            with Horizontal(classes="buttons"):
                yield Button("Copy mine", variant="primary", id="copy")
                yield Button("Apply mine again", variant="error", id="apply")
                yield Button("Keep theirs", id="theirs")

    def on_mount(self) -> None:
        # Enter never overwrites the other save by accident.
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(Resolution(str(event.button.id)))

    def action_choose(self, choice: str) -> None:
        self.dismiss(Resolution(choice))
