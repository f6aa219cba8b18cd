"""The timeline and heatmap screens, driven like a person would (pilot)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from careerlog.services import connect
from careerlog.ui.screens.heatmap import HeatmapScreen
from careerlog.ui.screens.timeline import TimelineScreen
from careerlog.ui.widgets.heatmap import Heatmap
from careerlog.ui.widgets.timeline_view import TimelineView
from tests.timeline.conftest import EXPECTED_ORDER, build_journal
from tests.ui.conftest import SIZE, make_app, screen_text, settle, type_text, until


@pytest.fixture
def timeline_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "timeline.db"
    store = connect(str(path))
    try:
        build_journal(store)
    finally:
        store.close()
    yield path


async def open_timeline(pilot: Pilot[int]) -> TimelineScreen:
    await settle(pilot)
    screen = TimelineScreen()
    pilot.app.push_screen(screen)
    await until(pilot, lambda: bool(screen.query(TimelineView)))
    await until(pilot, lambda: screen.query_one(TimelineView).total > 0)
    await settle(pilot)
    return screen


def shown(screen: TimelineScreen) -> list[tuple[str, int]]:
    view = screen.query_one(TimelineView)
    return [(view.rows[r].kind, view.rows[r].id) for r in sorted(view.rows)]


async def test_timeline_opens_with_everything_and_filters(timeline_db: Path) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        assert shown(screen) == EXPECTED_ORDER
        assert "15 items" in screen_text(app)
        screen.query_one("#starred").focus()
        await pilot.press("space")
        await until(pilot, lambda: screen.query_one(TimelineView).total == 3)
        assert shown(screen) == [("entry", 5), ("entry", 3), ("entry", 2)]
        screen.query_one("#tag").focus()
        await type_text(pilot, "work")
        await until(pilot, lambda: screen.query_one(TimelineView).total == 2)
        assert shown(screen) == [("entry", 5), ("entry", 3)]


async def test_search_highlights_and_opens_in_place(timeline_db: Path) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("slash")
        await type_text(pilot, "delegation")
        await until(pilot, lambda: screen.query_one(TimelineView).total == 4)
        view = screen.query_one(TimelineView)
        # Row 2 (entry 2, not under the cursor): the match is drawn with the highlight
        # style, the text around it plain; nothing is read as markup.
        match = view.get_component_rich_style("timeline-view--match")
        strip = view.render_line(2)
        styled = [seg.text for seg in strip if seg.style and seg.style.bgcolor == match.bgcolor]
        assert styled == ["delegation"]
        view.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Entry #3" in text and "Coffee with mentor" in text
        await pilot.press("escape")
        assert not screen.query_one("#timeline-detail").display


async def test_jump_to_a_typed_date_and_group_by_week(timeline_db: Path) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("j")
        await type_text(pilot, "2024-02-20")
        await pilot.press("enter")
        await until(pilot, lambda: "Jumped" in screen_text(app))
        view = screen.query_one(TimelineView)
        assert view.current is not None and (view.current.kind, view.current.id) == (
            "goal-created",
            3,
        )
        await pilot.press("g")
        await pilot.pause()
        assert "grouped by week" in screen_text(app) and "From 05 Feb 2024" in screen_text(app)


async def test_heatmap_picks_a_day_for_the_timeline(timeline_db: Path) -> None:
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        picked: list[date | None] = []
        heat = HeatmapScreen(2024)
        app.push_screen(heat, picked.append)
        await until(
            pilot, lambda: bool(heat.query(Heatmap)) and bool(heat.query_one(Heatmap).counts)
        )
        heatmap = heat.query_one(Heatmap)
        assert heatmap.counts[date(2024, 3, 5)] == 3
        heatmap.cursor = date(2024, 3, 5)
        await pilot.press("right", "enter")  # a week later: Tuesday 12 March
        await until(pilot, lambda: bool(picked))
        assert picked == [date(2024, 3, 12)]
        assert app.screen is screen


@pytest.fixture
def long_db(tmp_path: Path) -> Iterator[Path]:
    """400 entries, one every 6 hours back from 2024-06-01 (several pages' worth)."""
    from datetime import datetime, timedelta

    from sqlalchemy import insert

    from careerlog.store import tables as t

    path = tmp_path / "long.db"
    store = connect(str(path))
    start = datetime(2024, 6, 1, 12)
    rows = [
        {
            "written_at": start - timedelta(hours=6 * i),
            "text": f"Entry number {400 - i}",
            "starred": False,
            "created_at": start,
            "updated_at": start,
        }
        for i in range(400)
    ]
    try:
        with store.write() as conn:
            conn.execute(insert(t.entry), rows)
    finally:
        store.close()
    yield path


async def test_scrolling_reads_pages_as_needed(long_db: Path) -> None:
    app = make_app(long_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        assert view.total == 400 and len(view.rows) == 60  # only the first page is read
        await pilot.press("end")  # far away: read around the end, not everything between
        await until(pilot, lambda: 399 in view.rows)
        assert view.rows[399].title == "Entry number 1"
        assert len(view.rows) < 200
        for _ in range(6):  # page back up through rows that are not loaded yet
            await pilot.press("pageup")
            await until(pilot, lambda: view.cursor in view.rows)
        assert view.rows[view.cursor].title == f"Entry number {400 - view.cursor}"
        titles = [view.rows[r].title for r in sorted(view.rows)]
        assert len(titles) == len(set(titles))  # no row read twice into two places


async def test_on_this_day_and_the_grace_setting(timeline_db: Path) -> None:
    from datetime import datetime

    from careerlog import config
    from careerlog.services.journal import add_entry

    store = connect(str(timeline_db))
    try:  # the app's "now" is Monday 16 March 2026
        add_entry(store, "A year ago today: first talk", when=datetime(2025, 3, 16, 9))
        add_entry(store, "The day after, a year ago", when=datetime(2025, 3, 17, 9))
    finally:
        store.close()
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("o")
        await until(pilot, lambda: "On this day" in screen_text(app))
        panel = screen.query_one("#detail-text", Static).content
        text = panel.plain if isinstance(panel, Text) else str(panel)
        assert "2025" in text and "A year ago today" in text and "The day after" not in text
        heat = HeatmapScreen(2025)
        app.push_screen(heat)
        await until(pilot, lambda: "Grace: none" in screen_text(app))
        await pilot.press("w")
        await until(pilot, lambda: "weekends never break" in screen_text(app))
        assert config.load()["streak"]["grace"] == "weekends"


async def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    from datetime import datetime

    from careerlog.services.goals import add_goal
    from careerlog.services.journal import add_entry
    from careerlog.services.tracks import choose_track

    path = tmp_path / "literal.db"
    store = connect(str(path))
    try:
        choose_track(store, "management", "junior")
        add_goal(store, "[red]Not red[/red]")
        add_entry(store, "Plain [bold]not bold[/bold] \x1b[31mno escape", when=datetime(2026, 3, 1))
    finally:
        store.close()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        text = screen_text(app)
        assert "[bold]not bold[/bold]" in text and "[31mno escape" in text
        assert "\x1b" not in text and "[red]Not red[/red]" in text
        view = screen.query_one(TimelineView)
        view.focus()
        view.set_cursor(next(r for r, item in view.rows.items() if item.kind == "entry"))
        await pilot.press("enter")
        await until(pilot, lambda: "Entry #1" in screen_text(app))
        assert "[bold]not bold[/bold]" in screen_text(app)


async def test_search_can_be_ordered_by_relevance(timeline_db: Path) -> None:
    from careerlog.domain.timeline import TimelineFilter
    from careerlog.services.timeline import best_matches

    store = connect(str(timeline_db))
    try:
        best = [(i.kind, i.id) for i in best_matches(store, TimelineFilter(query="delegation"))]
    finally:
        store.close()
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("slash")
        await type_text(pilot, "delegation")
        await until(pilot, lambda: screen.query_one(TimelineView).total == 4)
        by_date = shown(screen)
        screen.query_one(TimelineView).focus()
        await pilot.press("s")
        await until(pilot, lambda: "best matches first" in screen_text(app))
        assert shown(screen) == best and sorted(best) == sorted(by_date)
        # The course has the word in its title (weighted x4): it comes first.
        assert best[0] == ("activity", 1)
        await pilot.press("s")
        await until(pilot, lambda: "newest first" in screen_text(app))
        assert shown(screen) == by_date


async def test_rows_gone_underneath_are_not_asked_for_forever(long_db: Path) -> None:
    from sqlalchemy import delete

    from careerlog.store import tables as t

    app = make_app(long_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        view = screen.query_one(TimelineView)
        store = connect(str(long_db))
        try:  # another careerlog deletes 100 entries (the newest) while the view is open
            with store.write() as conn:
                conn.execute(delete(t.entry).where(t.entry.c.id <= 100))
        finally:
            store.close()
        wanted: list[int] = []
        read_rows = screen._load_rows

        def counting(*args: object) -> object:
            wanted.append(args[2])  # type: ignore[arg-type]
            return read_rows(*args)  # type: ignore[arg-type]

        screen._load_rows = counting  # type: ignore[method-assign]
        await pilot.press("end")
        # Reading around the old end finds the stream shorter: the view's height follows
        # and it settles on the oldest entry left, after a few reads, not one per row.
        try:
            await until(pilot, lambda: view.total == 300 and 299 in view.rows)
        except AssertionError:
            raise AssertionError(
                f"total={view.total} cursor={view.cursor} rows={sorted(view.rows)[:3]}..."
                f"{sorted(view.rows)[-3:]} loading={view.loading} wanted={wanted}"
                f" unavailable={sorted(view.unavailable)[:5]}"
            ) from None
        await settle(pilot)
        assert view.rows[299].title == "Entry number 1"
        assert 1 <= len(wanted) <= 6 and not view.loading
