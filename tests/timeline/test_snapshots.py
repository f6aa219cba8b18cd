"""How the timeline, the heatmap and a review session look, on the known journal of
``conftest.py`` at 80x24 and 120x40, once every worker has finished."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from careerlog.ui.screens.heatmap import HeatmapScreen
from careerlog.ui.screens.review import ReviewScreen
from careerlog.ui.screens.timeline import TimelineScreen
from careerlog.ui.widgets.heatmap import Heatmap
from careerlog.ui.widgets.timeline_view import TimelineView
from tests.timeline.test_timeline_ui import timeline_db  # noqa: F401 - fixture
from tests.ui.conftest import SNAP_SIZES, make_app, settle, type_text, until


def _open(screen: Screen[object], ready: type, then: list[str] | None = None):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        pilot.app.push_screen(screen)
        await until(pilot, lambda: bool(screen.query(ready)))
        await settle(pilot)
        for key in then or []:
            await pilot.press(key)
        await settle(pilot)
        await pilot.pause(0.2)

    return run_before


@SNAP_SIZES
def test_timeline_stream(
    snap_compare: Any,
    size: tuple[int, int],
    timeline_db: Path,  # noqa: F811
) -> None:
    """All 15 items newest first, each day's label in the gutter once, kinds as coloured
    badges, stars on entries 5, 3 and 2, tags dimmed; the cursor on the first row."""
    assert snap_compare(
        make_app(timeline_db),
        terminal_size=size,
        run_before=_open(TimelineScreen(), TimelineView),
    )


@SNAP_SIZES
def test_timeline_search_with_item_open(
    snap_compare: Any,
    size: tuple[int, int],
    timeline_db: Path,  # noqa: F811
) -> None:
    """Searching "delegation": four hits with the word highlighted in each snippet,
    grouped by week; entry 3 opened in the panel on the right with its tags."""

    async def run_before(pilot: Pilot[int]) -> None:
        screen = TimelineScreen()
        await _open(screen, TimelineView)(pilot)
        await pilot.press("slash")
        await type_text(pilot, "delegation")
        await until(pilot, lambda: screen.query_one(TimelineView).total == 4)
        screen.query_one(TimelineView).focus()
        await pilot.press("g", "down", "enter")
        await settle(pilot)
        await pilot.pause(0.2)

    assert snap_compare(make_app(timeline_db), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_heatmap_of_2024(
    snap_compare: Any,
    size: tuple[int, int],
    timeline_db: Path,  # noqa: F811
) -> None:
    """2024, 15 items on 10 days. The busiest days (5 and 8 March, 3 items) brightest,
    6 March (2) a step fainter, the one-item days (2 and 5 January, 1 and 10 February,
    1, 4 and 7 March) fainter still; the cursor on Thursday 7 March ("1 item"). No
    current streak (the app's "now" is 2026); longest 3 days, 4 to 6 March; grace none."""

    async def run_before(pilot: Pilot[int]) -> None:
        screen = HeatmapScreen(2024)
        await _open(screen, Heatmap)(pilot)
        await until(pilot, lambda: bool(screen.query_one(Heatmap).counts))
        heatmap = screen.query_one(Heatmap)
        heatmap.cursor = date(2024, 3, 6)
        heatmap.refresh()
        await pilot.press("down")
        await pilot.pause(0.2)

    assert snap_compare(make_app(timeline_db), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_review_session_goals_step(
    snap_compare: Any,
    size: tuple[int, int],
    timeline_db: Path,  # noqa: F811
) -> None:
    """Week 10 of 2024 at step 4 of 6: goal 1 moved (1 milestone, 1 entry, 1 activity),
    goal 2 moved (achieved, 1 entry), nothing stalled."""
    assert snap_compare(
        make_app(timeline_db),
        terminal_size=size,
        run_before=_open(ReviewScreen("week", date(2024, 3, 7)), Static, ["right"] * 3),
    )
