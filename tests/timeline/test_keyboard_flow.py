"""The timeline from the keyboard: enter in the search or jump field hands the keys back
to the stream (so single-key commands work at once), escape leaves a field without
changing it, tab moves forward through the fields, and a search cleared again goes back
to the date the reader had jumped to."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from careerlog.ui.widgets.timeline_view import TimelineView
from tests.timeline.test_timeline_ui import open_timeline, timeline_db  # noqa: F401 - fixture
from tests.ui.conftest import SIZE, make_app, screen_text, settle, type_text, until


async def _jump(pilot: Pilot[int], day: str) -> None:
    """j, the day typed, enter; back once the stream says it jumped."""
    await pilot.press("j")
    await type_text(pilot, day)
    await pilot.press("enter")
    await until(pilot, lambda: "Jumped" in screen_text(pilot.app))  # type: ignore[arg-type]


async def test_enter_in_the_search_field_goes_back_to_the_stream(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and app.focused.id == "search"
        await type_text(pilot, "delegation")
        await pilot.press("enter")
        await until(pilot, lambda: view.total == 4)
        assert app.focused is view
        await pilot.press("g")  # a command, not a letter typed into the search
        await settle(pilot)
        assert "grouped by week" in screen_text(app)
        assert screen.query_one("#search", Input).value == "delegation"


async def test_enter_in_the_jump_field_jumps_and_goes_back_to_the_stream(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        await _jump(pilot, "2024-02-20")
        assert app.focused is view
        assert view.current is not None and view.current.kind == "goal-created"


async def test_escape_leaves_a_field_as_it_was_and_tab_moves_forward(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        await pilot.press("j")
        await pilot.press("tab")  # from the jump field on to the kind, not back to search
        assert isinstance(app.focused, Select) and app.focused.id == "kind"
        await pilot.press("slash")
        await type_text(pilot, "quiet")
        await until(pilot, lambda: view.total == 1)
        await pilot.press("escape")
        assert app.focused is view
        assert screen.query_one("#search", Input).value == "quiet"
        assert view.total == 1
        assert type(app.screen).__name__ == "TimelineScreen"  # esc left the field only


async def test_clearing_a_search_goes_back_to_the_jumped_to_date(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        await _jump(pilot, "2024-02-20")
        assert view.current is not None
        jumped = (view.current.kind, view.current.id)
        await pilot.press("slash")
        await type_text(pilot, "delegation")
        await until(pilot, lambda: view.total == 4)
        for _ in "delegation":
            await pilot.press("backspace")
        await pilot.press("enter")
        await until(pilot, lambda: view.total == 15)
        await settle(pilot)
        assert view.current is not None and (view.current.kind, view.current.id) == jumped
        assert view.cursor > 0


async def test_a_jump_while_searching_is_where_clearing_the_search_goes(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        await pilot.press("slash")
        await type_text(pilot, "delegation")
        await until(pilot, lambda: view.total == 4)
        await pilot.press("enter")
        await _jump(pilot, "2024-02-20")
        await pilot.press("slash")  # back into the search, to clear it
        for _ in "delegation":
            await pilot.press("backspace")
        await pilot.press("enter")
        await until(pilot, lambda: view.total == 15)
        await settle(pilot)
        assert view.current is not None and view.current.kind == "goal-created"
        assert view.cursor > 0


async def test_f_shows_and_hides_the_second_row_of_filters(
    timeline_db: Path,  # noqa: F811
) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timeline(pilot)
        row = screen.query_one("#timeline-filters")
        assert not row.display  # 24 rows: the stream gets the room
        await pilot.press("f")
        assert row.display and isinstance(app.focused, Input) and app.focused.id == "tag"
        await type_text(pilot, "@work")
        await pilot.press("enter")
        view = screen.query_one(TimelineView)
        await until(pilot, lambda: view.total == 3)
        await pilot.press("f")
        assert row.display  # a filter of that row is set: it stays in view
