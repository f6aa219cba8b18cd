"""The escape battery on the TUI, through Pilot: hostile tags, titles and notes on every
screen that shows them (Today's list, the entry editor, the timeline and its search
snippets, goals, learning and its edit form, the delete dialog) never put a control
character into what the app draws, and markup in them is shown as the characters it is.

Tags with control characters can no longer be stored (the tag door), but a store from
before the door can hold them: they are written here straight into the file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.app import App
from textual.widgets import Input

from careerlog.domain.model import ActivityKind
from careerlog.services import connect, goals, journal, learning, tracks
from careerlog.ui.textual_private import screen_segments
from tests.reliability._support import CONTROL_CHARS, connect_raw
from tests.ui.conftest import make_app, settle, until

TITLE = "\x1b]0;pwned\x07"
CSI8 = "\x9b31m"
BOLD = "[bold]x[/]"
CLICK = "[@click=app.quit]q[/]"
HOSTILE = f"probe {TITLE} {CSI8} {BOLD} {CLICK} end"


def _world(path: Path) -> None:
    store = connect(str(path))
    try:
        tracks.choose_track(store, "technical")
        entry = journal.add_entry(store, HOSTILE, when=datetime(2026, 3, 16, 9, 0))
        goals.add_goal(store, HOSTILE, why=HOSTILE, due=date(2026, 9, 1), milestones=[HOSTILE])
        learning.log_activity(
            store, HOSTILE, ActivityKind.BOOK, day=date(2026, 3, 1), minutes=30, notes=HOSTILE
        )
    finally:
        store.close()
    con = connect_raw(path)
    try:
        with con:
            for tag in (TITLE, CSI8, BOLD, CLICK):
                con.execute("INSERT INTO entry_tag VALUES (?, ?)", (entry.id, tag))
    finally:
        con.close()


def _leaks(app: App[object]) -> list[str]:
    """Control characters in the text of what the active screen draws (Textual's own
    escapes come later, when segments become bytes; these are the user's)."""
    found = set()
    for strip in screen_segments(app.screen):
        for segment in strip:
            found |= {repr(ch) for ch in segment.text if ch in CONTROL_CHARS}
    return sorted(found)


def _shown(app: App[object]) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in screen_segments(app.screen))


def _check(app: App[object], where: str, *literal: str) -> None:
    assert _leaks(app) == [], (where, _shown(app))
    shown = _shown(app)
    for text in literal:
        assert text in shown, (where, text, shown)
    assert app.is_running and app.return_code is None, where


async def test_no_screen_draws_a_control_character_or_markup_of_user_origin(
    tmp_path: Path,
) -> None:
    from careerlog.ui.forms.activity_form import ActivityForm
    from careerlog.ui.forms.entry_editor import EntryEditor
    from careerlog.ui.forms.goal_form import GoalForm

    path = tmp_path / "hostile.db"
    _world(path)
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        _check(app, "today", BOLD, CLICK, "@]0;pwned")
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor)
        _check(app, "entry editor", BOLD, CLICK)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f5")  # the timeline
        await settle(pilot)
        _check(app, "timeline", BOLD)
        await pilot.press("slash")
        await pilot.press(*"probe", "enter")
        await settle(pilot)
        _check(app, "timeline search", BOLD)

        await pilot.press("f3")  # goals
        await settle(pilot)
        _check(app, "goals", BOLD)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        _check(app, "goal form", BOLD)
        await pilot.press("ctrl+s")  # saved unedited: the stored text stays exactly
        await settle(pilot)

        await pilot.press("f4")  # learning
        await settle(pilot)
        _check(app, "learning", BOLD)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ActivityForm)
        _check(app, "activity form", BOLD)
        values = [field.value for field in app.screen.query(Input)]
        assert not [v for v in values if any(ch in CONTROL_CHARS for ch in v)], values
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ActivityForm)
        await pilot.press("D")
        await settle(pilot)
        _check(app, "delete dialog", BOLD)
        await pilot.press("n")
        await settle(pilot)
        await until(pilot, lambda: app.is_running)
    con = connect_raw(path)
    try:
        stored = con.execute(
            "SELECT a.title, a.notes, g.title, g.why FROM activity a, goal g"
        ).fetchall()
    finally:
        con.close()
    assert stored == [(HOSTILE,) * 4], "saving a form unedited changed what it could not show"
