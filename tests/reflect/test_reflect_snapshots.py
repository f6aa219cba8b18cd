"""How the reflection, progress and fit screens look, on fixed data at 80x24 and 120x40.

Each picture is taken once every worker has finished; the app's clock is pinned to
Monday 16 March 2026, so due dates, windows and "taken" dates never drift."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TextArea

from careerlog.services import connect
from careerlog.services.fit import take_fit
from careerlog.ui.screens.fit import FitScreen
from careerlog.ui.screens.progress import ProgressScreen
from careerlog.ui.screens.reflection import ReflectionScreen
from careerlog.ui.widgets.scale import ScaleInput
from tests.ui.conftest import SNAP_SIZES, make_app, settle, until


def _open(screen: Screen[None], ready: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        pilot.app.push_screen(screen)
        await until(pilot, lambda: bool(screen.query(ready)))
        await settle(pilot)
        if screen.query(TextArea):
            # Away from the answer box: its blinking cursor would make the picture flicker.
            screen.query_one("#set-select").focus()
        await pilot.pause(0.2)

    return run_before


@SNAP_SIZES
def test_quarterly_reflection_form(
    snap_compare: Any, size: tuple[int, int], reflect_db: Path
) -> None:
    """The quarterly set: the set picker (focused) with what else is due (the yearly
    review and the weekly check-in), then the first prompts with their hints and empty
    answers."""
    assert snap_compare(
        make_app(reflect_db),
        terminal_size=size,
        run_before=_open(ReflectionScreen("quarterly"), ".answer"),
    )


@SNAP_SIZES
def test_reflection_ratings_and_stance(
    snap_compare: Any, size: tuple[int, int], reflect_db: Path
) -> None:
    """Scrolled to the end: the last competencies with expectation now and next, the
    last rating and the signals, then the stance scale at 40 (where it was left)."""

    async def run_before(pilot: Pilot[int]) -> None:
        screen = ReflectionScreen("quarterly")
        await _open(screen, ".answer")(pilot)
        screen.query_one("#stance", ScaleInput).focus()
        await pilot.pause(0.2)

    assert snap_compare(make_app(reflect_db), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_progress_screen(snap_compare: Any, size: tuple[int, int], reflect_db: Path) -> None:
    """Readiness 2 of 8 held 4 months, the competency table with stale ones marked
    "none", the professional-knowledge ratings chart (2 then 4, with the expectation
    lines at 3 and 4) and the stance chart (30 then 40)."""
    assert snap_compare(
        make_app(reflect_db),
        terminal_size=size,
        run_before=_open(ProgressScreen(), "#competency-table"),
    )


@SNAP_SIZES
def test_fit_questionnaire_with_a_kept_result(
    snap_compare: Any, size: tuple[int, int], reflect_db: Path
) -> None:
    """The statements prefilled from the 4 January taking, and beside them its scores as
    bars (best first) and the paragraph on the best track."""
    store = connect(str(reflect_db))
    try:
        take_fit(
            store,
            {"deep-problems": 5, "go-to-expert": 4, "people-energy": 2, "title-over-team": 5},
            when=datetime(2026, 1, 4, 9),
        )
    finally:
        store.close()
    assert snap_compare(
        make_app(reflect_db),
        terminal_size=size,
        run_before=_open(FitScreen(), "ScaleInput"),
    )
