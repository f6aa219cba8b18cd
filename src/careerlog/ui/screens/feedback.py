"""Feedback: what others said about the person's work, newest first, with the words in
full beside the list; n logs new feedback, D deletes the highlighted one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from careerlog.assets import asset
from careerlog.domain.model import Competency, Feedback
from careerlog.domain.text import one_line, printable
from careerlog.ui.base import CareerlogScreen, when_shown
from careerlog.ui.dialogs.confirm import ConfirmDialog
from careerlog.ui.formats import day_text
from careerlog.ui.forms.feedback_form import FeedbackFields, FeedbackForm
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar


def feedback_row(item: Feedback) -> Text:
    row = Text()
    row.append(f"{day_text(item.given_at.date())}  ", style="dim")
    row.append(one_line(item.giver, 30), style="bold")
    if item.role:
        row.append(f" ({one_line(item.role, 20)})", style="dim")
    row.append(f"  {one_line(item.text, 60)}")
    return row


def feedback_detail(item: Feedback, track_key: str | None) -> Text:
    text = Text(printable(item.giver), style="bold")
    if item.role:
        text.append(f", {printable(item.role)}")
    text.append(f"\n{day_text(item.given_at.date(), weekday=True)}\n\n", style="dim")
    text.append(printable(item.text))
    names = [printable(c.label(track_key)) for c in item.competencies]
    text.append("\n\nSpeaks to: ", style="bold")
    text.append(", ".join(names) if names else "no competency linked", style="" if names else "dim")
    return text


class FeedbackItem(ListItem):
    def __init__(self, item: Feedback) -> None:
        super().__init__(Label(feedback_row(item), markup=False))
        self.item = item


class FeedbackScreen(CareerlogScreen[None]):
    """``new``: open the form at once (the palette's "Log feedback")."""

    CSS_PATH = asset("styles", "learning.tcss")
    help_title = "Feedback"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_feedback", "Log feedback", id="new-feedback"),
        Binding("D,delete", "delete_feedback", "Delete", id="delete-feedback"),
        Binding("escape", "close", "Back", id="close-feedback"),
    ]

    class Loaded(Message):
        def __init__(
            self,
            items: list[Feedback],
            competencies: tuple[Competency, ...],
            track_key: str | None,
        ) -> None:
            super().__init__()
            self.items, self.competencies, self.track_key = items, competencies, track_key

    class Saved(Message):
        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def __init__(self, *, new: bool = False) -> None:
        super().__init__()
        self.new = new
        self.competencies: tuple[Competency, ...] = ()
        self.track_key: str | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield TrackBar("Feedback")
        with Horizontal():
            with Vertical(id="activity-side"):
                yield Static(Text("What others said", style="bold"), classes="side-title")
                yield ListView(id="feedback-list")
            with VerticalScroll(id="time-side"):
                yield Static(Text("Loading…", style="dim"), id="feedback-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#feedback-list", ListView).focus()
        self.follow_store(self._load)

    @work(thread=True, exclusive=True, exit_on_error=False, group="feedback-load")
    def _load(self) -> None:
        from careerlog.services import tracks
        from careerlog.services.career.feedback import list_feedback

        items = list_feedback(self.store, limit=500)
        choice = tracks.current_choice(self.store)
        self.post_message(
            self.Loaded(
                items,
                choice.track.competencies if choice else (),
                choice.track.key if choice else None,
            )
        )

    @on(Loaded)
    @when_shown
    def _show(self, message: Loaded) -> None:
        self.competencies, self.track_key = message.competencies, message.track_key
        listing = self.query_one("#feedback-list", ListView)
        listing.clear()
        listing.extend(FeedbackItem(item) for item in message.items)
        if message.items:
            listing.index = 0
        else:
            self.query_one("#feedback-detail", Static).update(
                Text("No feedback yet. Press n to keep what someone said about your work.")
            )
        if self.new and not self.loaded:
            self.action_new_feedback()
        self.loaded = True

    @on(ListView.Highlighted, "#feedback-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if isinstance(event.item, FeedbackItem):
            detail = feedback_detail(event.item.item, self.track_key)
            self.query_one("#feedback-detail", Static).update(detail)

    def action_new_feedback(self) -> None:
        def given(fields: FeedbackFields | None) -> None:
            if fields is not None:
                self._write(fields)

        self.app.push_screen(FeedbackForm(self.competencies), given)

    @work(thread=True, exit_on_error=False, group="feedback-write")
    def _write(self, fields: FeedbackFields) -> None:
        from careerlog.services.career.feedback import add_feedback

        add_feedback(
            self.store,
            fields.text,
            giver=fields.giver,
            role=fields.role,
            given_at=fields.given_at,
            competencies=fields.competencies,
        )
        self.post_message(self.Saved(f"Kept: feedback from {one_line(fields.giver, 40)}"))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(message.note, markup=False)
        self.wrote()

    def action_delete_feedback(self) -> None:
        item = self.query_one("#feedback-list", ListView).highlighted_child
        if not isinstance(item, FeedbackItem):
            return
        chosen = item.item

        def answered(delete: bool | None) -> None:
            if delete:
                self._delete(chosen.id, chosen.giver)

        self.app.push_screen(
            ConfirmDialog(f"Delete the feedback from {one_line(chosen.giver, 40)}?", yes="Delete"),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="feedback-write")
    def _delete(self, feedback_id: int, giver: str) -> None:
        from careerlog.services.career.feedback import delete_feedback

        delete_feedback(self.store, feedback_id)
        self.post_message(self.Saved(f"Deleted the feedback from {one_line(giver, 40)}"))
