"""User text is shown as typed: markup does nothing, control characters are dropped."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from careerlog.domain.model import ActivityKind
from careerlog.services import connect, goals, journal, learning, tracks

from .conftest import SIZE, make_app, screen_text, settle

HOSTILE = "[bold]x[/bold] [@click=app.quit]q[/] [/ \x1b[2Jdone"


async def test_markup_and_escapes_in_entries_goals_and_activities_show_as_typed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hostile.db"
    store = connect(str(path))
    tracks.choose_track(store, "technical")
    journal.add_entry(store, HOSTILE, when=datetime(2026, 3, 16, 9, 0))
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
