"""User text is shown as typed: markup does nothing, control characters are dropped."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from careerlog.domain.model import ActivityKind, Entry
from careerlog.services import connect, goals, journal, learning, tracks

from .conftest import SIZE, make_app, screen_text, settle, until

HOSTILE = "[bold]x[/bold] [@click=app.quit]q[/] [/ \x1b[2Jdone"


def _journal(path: Path, text: str) -> Entry:
    """A store on the technical track with one entry of ``text``, closed again."""
    store = connect(str(path))
    try:
        tracks.choose_track(store, "technical")
        return journal.add_entry(store, text, when=datetime(2026, 3, 16, 9, 0))
    finally:
        store.close()


def _stored(path: Path, entry_id: int) -> Entry:
    store = connect(str(path))
    try:
        return journal.get_entry(store, entry_id)
    finally:
        store.close()


async def test_markup_and_escapes_in_entries_goals_and_activities_show_as_typed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hostile.db"
    _journal(path, HOSTILE)
    store = connect(str(path))
    goals.add_goal(store, HOSTILE, due=date(2026, 9, 1))
    learning.log_activity(store, HOSTILE, ActivityKind.BOOK, day=date(2026, 3, 1), minutes=30)
    store.close()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = "[bold]x[/bold] [@click=app.quit]q[/] [/ [2Jdone"
        assert expected in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        assert expected in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        assert "[bold]x[/bold] [@click=app.quit]" in screen_text(app)
        assert "\x1b" not in screen_text(app)
        # Clicking where the fake link is drawn does not quit: nothing was a link.
        await pilot.press("f2")
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None


async def test_editing_an_entry_keeps_control_characters_unless_its_text_changes(
    tmp_path: Path,
) -> None:
    from careerlog.ui.forms.entry_editor import EntryEditor

    path = tmp_path / "controls.db"
    stored = "bell\x07 and escape \x1b[2J kept"
    entry = _journal(path, stored)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")  # the entry list, then open the entry
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor)
        assert "2 control characters not shown" in screen_text(app)
        # Starring alone saves the text exactly as it was.
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EntryEditor))
        await settle(pilot)
        saved = _stored(path, entry.id)
        assert (saved.text, saved.starred) == (stored, True)

        # Editing the text asks first; "keep editing" writes nothing.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("end", "!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saving your edit drops them" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor)
        assert _stored(path, entry.id).text == stored
        # Saving anyway stores what the editor showed, with the edit.
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: not isinstance(app.screen, EntryEditor))
        await settle(pilot)
        assert _stored(path, entry.id).text == "bell and escape [2J kept!"
