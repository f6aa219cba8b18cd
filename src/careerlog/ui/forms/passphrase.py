"""Asked when the journal opens on an encrypted store this session holds no key for:
the passphrase, checked in a worker (deriving the key takes ~0.3 s), then kept for the
default lifetime as ``careerlog unlock`` would. Returns ``True`` once unlocked,
``None`` when the person leaves instead."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from careerlog.domain.errors import CareerlogError
from careerlog.ui.base import CareerlogModal


class PassphrasePrompt(CareerlogModal[bool]):
    """The journal is locked: ask for its passphrase until it opens or escape is pressed."""

    class Checked(Message):
        def __init__(self, problem: str | None) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, db: str | None) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("The journal is encrypted. Passphrase:"), classes="question")
            yield Input(password=True, id="passphrase")
            yield Static(Text("enter to unlock · escape to leave"), classes="hint", id="problem")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#problem", Static).update(Text("checking…"))
        self._check(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unlock")
    def _check(self, passphrase: str) -> None:
        from careerlog.services import encryption

        try:
            encryption.unlock(encryption.store_path(self.db), passphrase)
        except CareerlogError as error:
            self.post_message(self.Checked(str(error)))
            return
        self.post_message(self.Checked(None))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        if message.problem is None:
            self.dismiss(True)
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        shown = "wrong passphrase; try again" if "wrong" in message.problem else message.problem
        self.query_one("#problem", Static).update(Text(shown, style="bold"))
