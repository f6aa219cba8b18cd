"""Small dialogs with typed results: yes/no for destructive actions, one line of text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from careerlog.domain.text import count_text, printable
from careerlog.ui.base import CareerlogModal
from careerlog.ui.formats import moment_text

if TYPE_CHECKING:
    from careerlog.ui.drafts import Draft


class ConfirmDialog(CareerlogModal[bool]):
    """Ask before doing something that cannot be taken back; escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", escape: bool = False
    ) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.escape = escape
        """What escape answers: no (the default), or yes when "yes" is the safe choice."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(printable(self.question)), classes="question")
            with Horizontal(classes="buttons"):
                # The destructive answer is the red one, whichever it is.
                yield Button(
                    f"{self.yes} (y)", variant="primary" if self.escape else "error", id="yes"
                )
                yield Button(
                    f"{self.no} (n)", variant="error" if self.escape else "primary", id="no"
                )

    def on_mount(self) -> None:
        # The safe answer has the focus, so enter never destroys anything by accident.
        self.query_one("#yes" if self.escape else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(self.escape)


class DraftOffer(ConfirmDialog):
    """At start, when an entry that was never saved was kept: put it back (yes, and what
    escape answers) or discard it."""

    def __init__(self, draft: Draft) -> None:
        words = count_text(len(draft.text.split()), "word")
        super().__init__(
            f"An entry you had not saved was kept on "
            f"{moment_text(draft.saved_at, weekday=True)} ({words}). Put it back in the editor?",
            yes="Put it back",
            no="Discard it",
            escape=True,
        )


class TextPrompt(CareerlogModal[str]):
    """Ask for one line of text (a milestone title, a reason); ``None`` if cancelled."""

    def __init__(self, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(printable(self.question)), classes="question")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static(Text("enter to save · escape to cancel"), classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
