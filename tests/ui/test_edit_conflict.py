"""Another program saves an entry while it is open in the editor: saving here shows the
conflict instead of overwriting, and each choice keeps the text typed here."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from careerlog.services import connect, journal
from careerlog.ui.app import CareerlogApp
from careerlog.ui.dialogs.conflict import EditConflictDialog
from careerlog.ui.forms.entry_editor import EntryEditor
from careerlog.ui.screens.today import TodayScreen

from .conftest import SIZE, Journal, make_app, screen_text, settle, type_text, until

MINE = " and wrote up the retry rules"
THEIRS = "Paired with Ana: saved from the other window @mentoring"


def stored_text(path: Path, entry_id: int) -> str:
    store = connect(str(path))
    try:
        return journal.get_entry(store, entry_id).text
    finally:
        store.close()


def save_elsewhere(path: Path, entry_id: int) -> None:
    """A save by a second TUI (or ``careerlog edit``) on the same file."""
    store = connect(str(path))
    try:
        journal.update_entry(store, entry_id, THEIRS)
    finally:
        store.close()


async def open_conflict(pilot: Pilot[int], app: CareerlogApp, journal_db: Journal) -> str:
    """Open the entry, type, let another program save it, press ctrl+s: the dialog shows.
    Returns the text typed here, as the editor had it."""
    await settle(pilot)
    await pilot.press("tab", "enter")
    await settle(pilot)
    assert isinstance(app.screen, EntryEditor)
    await pilot.press("end")
    await type_text(pilot, MINE)
    mine = app.screen._text()
    save_elsewhere(journal_db.path, journal_db.entry_id)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, EditConflictDialog))
    text = screen_text(app)
    assert "Another program changed entry" in text and "saved from the other window" in text
    assert stored_text(journal_db.path, journal_db.entry_id) == THEIRS
    return mine


async def test_copy_mine_puts_it_on_the_clipboard_and_keeps_editing_it(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        mine = await open_conflict(pilot, app, journal_db)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == mine
        assert isinstance(app.screen, EntryEditor) and app.screen._text() == mine
        # Still against the version first read: saving asks again, it never overwrites.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EditConflictDialog))
    assert stored_text(journal_db.path, journal_db.entry_id) == THEIRS


async def test_apply_mine_again_saves_it_over_the_other_version(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        mine = await open_conflict(pilot, app, journal_db)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert any("updated" in n.message for n in app._notifications)
    assert stored_text(journal_db.path, journal_db.entry_id) == mine


async def test_keep_theirs_keeps_mine_as_the_draft(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        mine = await open_conflict(pilot, app, journal_db)
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.editor.text == mine
        draft = app.drafts.load()
        assert draft is not None and draft.text == mine
        assert "saved from the other window" in screen_text(app)
    assert stored_text(journal_db.path, journal_db.entry_id) == THEIRS


async def test_escape_goes_back_to_the_text_typed(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        mine = await open_conflict(pilot, app, journal_db)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor) and app.screen._text() == mine
    assert stored_text(journal_db.path, journal_db.entry_id) == THEIRS
