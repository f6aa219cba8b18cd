"""Edit one journal entry: its text, star and links; ctrl+s returns them to the screen
that opened the editor, which saves them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from careerlog.domain.model import Entry
from careerlog.domain.text import printable
from careerlog.ui.base import CareerlogModal
from careerlog.ui.dialogs.confirm import ConfirmDialog
from careerlog.ui.dialogs.link_picker import LinkPicker
from careerlog.ui.formats import moment_text
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.links import Links

MAX_EDIT_CHARS = 200_000
"""The longest text the editor loads into its text area (~0.7 s to lay out on a small
machine; an 8 MB entry took 18 s). Longer ones are previewed and edited in $EDITOR."""
PREVIEW_CHARS = 4_000


@dataclass(frozen=True, slots=True)
class EntryEdit:
    """What the editor returns: the entry's new text, star and links."""

    text: str
    starred: bool
    links: Links


class EntryEditor(CareerlogModal[EntryEdit]):
    """Returns the edit, or ``None`` when the person leaves without saving. ``edit``
    reopens an edit that could not be saved, so nothing typed is lost."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+t", "star", "Star", id="star"),
        Binding("ctrl+l", "links", "Link", id="link"),
        Binding(
            "ctrl+o",  # ctrl+e is the text area's end of line
            "external_editor",
            "$EDITOR",
            id="external-editor",
            tooltip="Edit the text in $VISUAL or $EDITOR; the journal waits meanwhile",
        ),
    ]

    def __init__(self, entry: Entry, edit: EntryEdit | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.starred = entry.starred if edit is None else edit.starred
        self.links = Links(entry.goal_ids, entry.competencies) if edit is None else edit.links
        # Shown without control characters: an entry never drives the terminal. They are
        # kept when the text is saved unedited, and dropped only after asking.
        self.original = printable(entry.text)
        self.hidden = len(entry.text) - len(self.original)
        self.shown = self.original if edit is None else printable(edit.text)
        # Too long for the text area: the text is kept here and changed only in $EDITOR.
        self.too_long = len(self.shown) > MAX_EDIT_CHARS

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor-dialog"):
            yield Static(
                Text(
                    f"Entry #{self.entry.id} · {moment_text(self.entry.written_at, weekday=True)}"
                ),
                classes="question",
            )
            if self.too_long:
                yield Static(Text(""), id="edit-preview")
            else:
                yield TextArea(self.shown, language="markdown", soft_wrap=True, id="edit-text")
            yield Static(Text(""), id="edit-meta")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.too_long:
            self._show_preview()
        else:
            self.query_one("#edit-text", TextArea).focus()
        self._show_meta()

    def _text(self) -> str:
        """The text as edited so far (shown: without control characters)."""
        return self.shown if self.too_long else self.query_one("#edit-text", TextArea).text

    def _show_preview(self) -> None:
        size = len(self.shown.encode("utf-8", "surrogatepass"))
        text = Text(
            f"This entry is {size / 1_048_576:.1f} MB, too long to edit here: "
            "ctrl+o opens it in $VISUAL or $EDITOR, ctrl+s saves the star and links.\n\n",
            style="bold",
        )
        text.append(self.shown[:PREVIEW_CHARS])
        if len(self.shown) > PREVIEW_CHARS:
            text.append(f"\n… {len(self.shown) - PREVIEW_CHARS:,} more characters", style="dim")
        self.query_one("#edit-preview", Static).update(text)

    def _show_meta(self) -> None:
        count = len(self.links.goal_ids) + len(self.links.competencies)
        hidden = (
            f"\n{self.hidden} control character{'s' if self.hidden > 1 else ''} not shown: "
            "kept unless you edit the text"
            if self.hidden
            else ""
        )
        self.query_one("#edit-meta", Static).update(
            Text(
                f"{'★ starred' if self.starred else '☆ not starred'}  ·  links: {count}  ·  "
                f"ctrl+s save · escape cancel{hidden}"
            )
        )

    def action_star(self) -> None:
        self.starred = not self.starred
        self._show_meta()

    def action_links(self) -> None:
        def chosen(links: Links | None) -> None:
            if links is not None:
                self.links = links
                self._show_meta()

        self.app.push_screen(LinkPicker(self.links), chosen)

    def action_external_editor(self) -> None:
        """Hand the text to the person's own editor, the app suspended until it exits;
        what they save comes back into the text area, to be saved with ctrl+s."""
        from textual.app import SuspendNotSupported

        from careerlog.domain.errors import CareerlogError
        from careerlog.editor import edit_text

        before = self._text()
        try:
            with self.app.suspend():
                after = edit_text(before if before.endswith("\n") else before + "\n")
        except SuspendNotSupported:
            self.notify("An outside editor needs a terminal; this journal runs in a browser.")
            return
        except CareerlogError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return
        if not after.strip():
            self.notify("The editor saved an empty text; the entry is left as it was.")
        elif after.strip() != before.strip() and self.too_long:
            self.shown = after.rstrip().lstrip("\n")
            self._show_preview()
        elif after.strip() != before.strip():
            self.query_one("#edit-text", TextArea).load_text(after.rstrip().lstrip("\n"))
        if not self.too_long:
            self.query_one("#edit-text", TextArea).focus()

    def action_save(self) -> None:
        text = self._text()
        if text == self.original:
            # Unedited: store the text exactly as it was, control characters and all.
            self.dismiss(EntryEdit(self.entry.text, self.starred, self.links))
            return
        if not self.hidden:
            self.dismiss(EntryEdit(text, self.starred, self.links))
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(EntryEdit(text, self.starred, self.links))

        self.app.push_screen(
            ConfirmDialog(
                f"This entry holds {self.hidden} control character(s) the editor cannot "
                "show. Saving your edit drops them. Save anyway?",
                yes="Save",
                no="Keep editing",
            ),
            answered,
        )

    def action_cancel(self) -> None:
        changed = (
            self._text() != self.original
            or self.starred != self.entry.starred
            or self.links != Links(self.entry.goal_ids, self.entry.competencies)
        )
        if not changed:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Leave without saving your changes?", yes="Leave", no="Keep editing"),
            answered,
        )
