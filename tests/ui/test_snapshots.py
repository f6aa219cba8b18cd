"""How the main screens look at 100x32, on a journal with fixed dates and a pinned clock.

Regenerate after a deliberate change with ``pytest tests/ui/test_snapshots.py
--snapshot-update`` and look at the pictures in ``tests/ui/__snapshots__``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from careerlog.ui.screens.onboarding import OnboardingScreen

from .conftest import SIZE, Journal, make_app, settle, until


async def _entries_focused(pilot: Pilot[int]) -> None:
    """Focus moves from the editor to the entry list: a blinking cursor would make the
    picture depend on the moment it is taken."""
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


def test_onboarding(snap_compare: Any, fresh_db: Path) -> None:
    """The sentence on careerlog, the four tracks, and the highlighted track
    (Technical leadership) with its summary, competencies by group and levels."""
    app = make_app(fresh_db)

    async def run_before(pilot: Pilot[int]) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, OnboardingScreen))
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_today(snap_compare: Any, journal_db: Journal) -> None:
    """Track line on top; the empty editor; today's starred entry (highlighted) under
    "Today", three older ones under "Earlier"; due reflections and the two active goals
    (one overdue); the Footer shows the entry list's keys."""
    app = make_app(journal_db.path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_entries_focused)


def test_goals(snap_compare: Any, journal_db: Journal) -> None:
    """Two goals with progress bars; the payments goal's detail: why, competencies,
    three milestones (one ticked), its book and the entry linked to it."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=SIZE, run_before=run_before)


def test_learning(snap_compare: Any, journal_db: Journal) -> None:
    """2026's three activities (11 hours) and the time by competency and by kind."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare: Any, journal_db: Journal) -> None:
    """F1 over Today: the palette and quit, then Today's and the app's keys."""

    async def run_before(pilot: Pilot[int]) -> None:
        await _entries_focused(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=SIZE, run_before=run_before)
