"""Today, the default screen: write an entry, see today's and recent ones, the active
goals and what reflection is due. The editor's text is kept in a draft file."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from careerlog.domain.text import one_line, printable
from careerlog.ui.base import CareerlogScreen, app_of, when_shown
from careerlog.ui.startup import PAGE
from careerlog.ui.widgets.entry_list import EntryList
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.journal_editor import JournalEditor, meta_line
from careerlog.ui.widgets.links import Links
from careerlog.ui.widgets.today_side import Due, TodaySide
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import Entry, Goal
    from careerlog.ui.forms.entry_editor import EntryEdit

AUTOSAVE_SECONDS = 3.0


class TodayScreen(CareerlogScreen[None]):
    """The editor on top, entries below, goals and due reflections at the side."""

    help_title = "Today"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save entry", id="save"),
        Binding("escape", "close", "Entries/editor", id="today-switch-focus", show=False),
    ]

    class Loaded(Message):
        def __init__(self, entries: list[Entry], goals: list[Goal], due: list[Due]) -> None:
            super().__init__()
            self.entries, self.goals, self.due = entries, goals, due

    class PageLoaded(Message):
        def __init__(self, entries: list[Entry]) -> None:
            super().__init__()
            self.entries = entries

    class Saved(Message):
        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class Changed(Message):
        def __init__(self, what: str, entry: Entry) -> None:
            super().__init__()
            self.what, self.entry = what, entry

    class EditRefused(Message):
        """An edit could not be saved; the editor opens again with it."""

        def __init__(self, entry: Entry, edit: EntryEdit, reason: str) -> None:
            super().__init__()
            self.entry, self.edit, self.reason = entry, edit, reason

    class EditConflicted(Message):
        """Another program saved the entry after the editor read it (``entry``); it
        now holds ``current``. The edit is not saved."""

        def __init__(self, entry: Entry, current: Entry, edit: EntryEdit) -> None:
            super().__init__()
            self.entry, self.current, self.edit = entry, current, edit

    def __init__(self) -> None:
        super().__init__()
        self._deleted: Entry | None = None
        self.starred = False
        self.links = Links()
        self._draft_checked = False
        self._loaded = False
        self._first_look_shown = False

    def compose(self) -> ComposeResult:
        yield TrackBar("Today")
        with Vertical(id="write"):
            yield Static(Text("What happened today?"), id="prompt")
            yield JournalEditor(soft_wrap=True, id="editor")
            yield Static(Text(""), id="entry-meta")
            yield EntryList(id="entries")
        yield TodaySide(id="side")
        yield KeyFooter()

    @property
    def editor(self) -> TextArea:
        return self.query_one("#editor", TextArea)

    @property
    def entry_list(self) -> EntryList:
        return self.query_one("#entries", EntryList)

    def on_mount(self) -> None:
        self.editor.focus()
        self._show_meta()
        app_of(self).after_first_frame(self._after_first_frame)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        # Read while Textual loaded (see FirstPage): today's entries in the first frame.
        early = app_of(self).first_page.entries
        if early is not None:
            self._show_first_look(early)
        app_of(self).first_look.subscribe(self, self._show_first_look, immediate=True)
        self.follow_store(self._load)

    def _after_first_frame(self) -> None:
        # Markdown highlighting loads a tree-sitter grammar: after the first paint too.
        self.editor.language = "markdown"
        self._offer_draft()

    def focus_editor(self) -> None:
        self.editor.focus()

    # -- loading ---------------------------------------------------------------------

    def _show_first_look(self, entries: list[Entry]) -> None:
        if not self._loaded and not self._first_look_shown:
            self._first_look_shown = True
            self.entry_list.show_first_page(entries, app_of(self).now().date())

    @work(thread=True, exclusive=True, exit_on_error=False, group="today-load")
    def _load(self) -> None:
        from careerlog.domain.model import GoalStatus
        from careerlog.services import goals, journal

        entries = journal.recent_entries(self.store, PAGE)
        active = goals.list_goals(self.store, [GoalStatus.ACTIVE])
        self.post_message(self.Loaded(entries, active, self._due()))

    def _due(self) -> list[Due]:
        from careerlog.services.reflections import due_reflections

        today = app_of(self).now().date()
        return [Due(d.name, d.due_since, d.overdue) for d in due_reflections(self.store, today)]

    @on(Loaded)
    @when_shown
    def _show(self, message: Loaded) -> None:
        today = app_of(self).now().date()
        self._loaded = True
        self.entry_list.show_first_page(message.entries, today)
        self.query_one(TodaySide).show(message.goals, message.due, today)

    @on(EntryList.LoadMore)
    def _more(self, message: EntryList.LoadMore) -> None:
        # A microsecond later than the last shown entry, so entries that share its
        # timestamp are not skipped; the list drops the ones it already has.
        self._load_page(message.before + timedelta(microseconds=1))

    @work(thread=True, exit_on_error=False, group="today-page")
    def _load_page(self, before: datetime) -> None:
        from careerlog.services import journal

        self.post_message(self.PageLoaded(journal.recent_entries(self.store, PAGE, before)))

    @on(PageLoaded)
    @when_shown
    def _show_page(self, message: PageLoaded) -> None:
        self.entry_list.add_page(message.entries)

    # -- writing -----------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _edited(self) -> None:
        self._show_meta()

    def _show_meta(self) -> None:
        meta = meta_line(self.editor.text, self.starred, self.links)
        self.query_one("#entry-meta", Static).update(meta)

    def action_star(self) -> None:
        self.starred = not self.starred
        self._show_meta()

    def action_links(self) -> None:
        from careerlog.ui.dialogs.link_picker import LinkPicker  # not on the first frame

        def chosen(links: Links | None) -> None:
            if links is not None:
                self.links = links
                self._show_meta()

        self.app.push_screen(LinkPicker(self.links), chosen)

    async def action_close(self) -> None:
        """Escape moves between the editor and the entries (Today is home: no "back").
        The list takes it on its newest entry, most likely the one just written, so the
        row that s, d and enter act on is the one in view at the top."""
        if self.editor.has_focus:
            self.entry_list.action_first()
            self.entry_list.focus()
        else:
            self.editor.focus()

    def action_save(self) -> None:
        text = self.editor.text
        if not text.strip():
            self.notify("Nothing to save yet: write something first.", severity="warning")
            return
        self._save(text, self.starred, self.links)

    @work(thread=True, exit_on_error=False, group="today-save")
    def _save(self, text: str, starred: bool, links: Links) -> None:
        from careerlog.services import journal

        entry = journal.add_entry(
            self.store,
            text,
            starred=starred,
            goal_ids=links.goal_ids,
            competencies=links.competencies,
        )
        self.post_message(self.Saved(entry))

    @on(Saved)
    @when_shown
    def _saved(self, message: Saved) -> None:
        # Only clear what was saved: text typed while the save ran stays.
        if self.editor.text == message.entry.text:
            self.editor.text = ""
            app_of(self).drafts.clear()
        self.starred = False
        self.links = Links()
        self._show_meta()
        self.notify(f"Saved entry #{message.entry.id}.", markup=False)
        self.wrote()

    # -- editing the list ---------------------------------------------------------------

    @on(EntryList.EntryChosen)
    def _edit(self, message: EntryList.EntryChosen) -> None:
        self._open_editor(message.entry)

    def _open_editor(self, entry: Entry, edit: EntryEdit | None = None) -> None:
        from careerlog.ui.forms.entry_editor import EntryEditor  # not on the first frame

        def edited(done: EntryEdit | None) -> None:
            if done is not None:
                self._save_edit(entry, done)

        self.app.push_screen(EntryEditor(entry, edit), edited)

    @work(thread=True, exit_on_error=False, group="today-change")
    def _save_edit(self, entry: Entry, edit: EntryEdit) -> None:
        """Save only over the version the editor read (``entry.updated_at``)."""
        from careerlog.domain.errors import CareerlogError, ConflictError
        from careerlog.services import journal

        try:
            try:
                saved = journal.update_entry(
                    self.store,
                    entry.id,
                    edit.text,
                    starred=edit.starred,
                    goal_ids=edit.links.goal_ids,
                    competencies=edit.links.competencies,
                    unchanged_since=entry.updated_at,
                )
            except ConflictError:
                current = journal.get_entry(self.store, entry.id)
                self.post_message(self.EditConflicted(entry, current, edit))
                return
        except CareerlogError as error:
            self.post_message(self.EditRefused(entry, edit, str(error)))
            return
        self.post_message(self.Changed("edit", saved))

    @on(EditRefused)
    def _edit_refused(self, message: EditRefused) -> None:
        self.notify(f"Not saved: {printable(message.reason)}", severity="error", markup=False)
        self._open_editor(message.entry, message.edit)

    @on(EditConflicted)
    def _edit_conflicted(self, message: EditConflicted) -> None:
        from careerlog.ui.dialogs.conflict import EditConflictDialog, Resolution

        current, edit = message.current, message.edit

        def resolved(choice: Resolution | None) -> None:
            if choice is Resolution.APPLY:
                self._save_edit(current, edit)
                return
            if choice is Resolution.THEIRS:
                self.entry_list.replace_entry(current)
                self._keep_as_draft(edit.text)
                return
            if choice is Resolution.COPY:
                self.app.copy_to_clipboard(edit.text)
                self.notify("Your text is on the clipboard.")
            # Still over the version first read: saving asks again, never overwrites.
            self._open_editor(message.entry, edit)

        self.app.push_screen(EditConflictDialog(current), resolved)

    def _keep_as_draft(self, text: str) -> None:
        """The text of an edit not saved goes into Today's editor, which is the draft."""
        self._put_in_editor(text)
        app_of(self).save_draft()
        self.notify(
            "Kept the other program's text. Yours is in the editor above, kept as a draft: "
            "ctrl+s saves it as a new entry.",
            markup=False,
        )

    @on(EntryList.Requested)
    def _requested(self, message: EntryList.Requested) -> None:
        entry = message.entry
        if message.what == "undo":
            if self._deleted is None:
                self.notify("Nothing to undo.", severity="warning")
            else:
                self._change("restore", self._deleted)
                self._deleted = None
        elif entry is not None and message.what == "star":
            self._change("star", entry)
        elif entry is not None and message.what == "delete":
            from careerlog.ui.dialogs.confirm import ConfirmDialog

            def answered(delete: bool | None) -> None:
                if delete:
                    self._change("delete", entry)

            first = one_line(entry.text, 50)
            self.app.push_screen(
                ConfirmDialog(f"Delete entry #{entry.id} “{first}”? (u undoes it)", yes="Delete"),
                answered,
            )

    @work(thread=True, exit_on_error=False, group="today-change")
    def _change(self, what: str, entry: Entry) -> None:
        from careerlog.services import journal

        if what == "star":
            journal.set_starred(self.store, entry.id, not entry.starred)
        elif what == "delete":
            self.post_message(self.Changed("delete", journal.delete_entry(self.store, entry.id)))
            return
        elif what == "restore":
            self.post_message(self.Changed("restore", journal.restore_entry(self.store, entry)))
            return
        self.post_message(self.Changed(what, journal.get_entry(self.store, entry.id)))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.what == "delete":
            self._deleted = message.entry
            self.notify(f"Entry #{message.entry.id} deleted. Press u in the list to undo.")
        elif message.what == "restore":
            self.notify(f"Entry restored as #{message.entry.id}.", markup=False)
        elif message.what == "edit":
            self.entry_list.replace_entry(message.entry)
            self.notify(f"Entry #{message.entry.id} updated.", markup=False)
        self.wrote()

    # -- drafts ------------------------------------------------------------------------

    def _offer_draft(self) -> None:
        from careerlog.ui.dialogs.confirm import DraftOffer  # not on the first frame

        app = app_of(self)
        draft = app.drafts.load()
        if draft is None:
            self._start_drafts()
            return

        def answered(restore: bool | None) -> None:
            if restore:
                self._put_in_editor(draft.text)
                self.editor.move_cursor(self.editor.document.end)
            else:
                app.drafts.clear()
            self._start_drafts()
            self.editor.focus()

        app.push_screen(DraftOffer(draft), answered)

    def _put_in_editor(self, text: str) -> None:
        """``text`` above what the editor holds (a blank line between), none of it lost."""
        current = self.editor.text
        self.editor.text = text + ("\n\n" + current if current.strip() else "")

    def _start_drafts(self) -> None:
        self._draft_checked = True
        app_of(self).draft_source = lambda: self.editor.text

    def _autosave(self) -> None:
        if self._draft_checked:
            app_of(self).save_draft()
