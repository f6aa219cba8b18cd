"""How the main screens look at 80x24 and 120x40, on a journal with fixed dates and a pinned clock.

Regenerate after a deliberate change with ``pytest tests/ui/test_snapshots.py
--snapshot-update`` and look at the pictures in ``tests/ui/__snapshots__``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from careerlog.ui.screens.onboarding import OnboardingScreen

from .conftest import SNAP_SIZES, Journal, make_app, settle, until


async def _entries_focused(pilot: Pilot[int]) -> None:
    """Focus moves from the editor to the entry list: a blinking cursor would make the
    picture depend on the moment it is taken."""
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


@SNAP_SIZES
def test_onboarding(snap_compare: Any, size: tuple[int, int], fresh_db: Path) -> None:
    """The sentence on careerlog, the four tracks, and the highlighted track
    (Technical leadership) with its summary, competencies by group and levels."""
    app = make_app(fresh_db)

    async def run_before(pilot: Pilot[int]) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, OnboardingScreen))
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_today(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """Track line on top; the empty editor; today's starred entry (highlighted) under
    "Today", three older ones under "Earlier"; due reflections and the two active goals
    (one overdue); the Footer shows the entry list's keys."""
    app = make_app(journal_db.path)
    assert snap_compare(app, terminal_size=size, run_before=_entries_focused)


@SNAP_SIZES
def test_goals(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """Two goals with progress bars; the payments goal's detail: why, competencies,
    three milestones (one ticked), its book and the entry linked to it."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_learning(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """2026's three activities (11 hours) and the time by competency and by kind."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_help(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """F1 over Today: the palette and quit, then Today's and the app's keys."""

    async def run_before(pilot: Pilot[int]) -> None:
        await _entries_focused(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_switch_track(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """Over Today: the four tracks, Management highlighted with its summary, its
    competencies by group and its levels."""

    async def run_before(pilot: Pilot[int]) -> None:
        await _entries_focused(pilot)
        await pilot.press("f10")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_year_in_review(
    snap_compare: Any, size: tuple[int, int], journal_db: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2026's summary rendered as Markdown (a heading, the track at the start and end of
    the year) under the year, the folder (home, pinned so the picture is the same on
    every machine) and the three export buttons (below them at 80 columns)."""
    monkeypatch.setenv("HOME", "/home/ana")

    async def run_before(pilot: Pilot[int]) -> None:
        await _entries_focused(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.pause(0.3)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_goal_form(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """The new-goal form over Goals: each field on a shade of its own with a bar on the
    left (the title's bright, it has the focus), and the competencies as [ ] rows."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#competencies").focus()  # no blinking text cursor
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_confirm_dialog(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """Dropping a goal asks first: "Drop (y)" in red, "No (n)" focused."""

    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_entry_editor(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """Today's starred entry open in the editor: its date, its text, "starred" and one
    link."""

    async def run_before(pilot: Pilot[int]) -> None:
        await _entries_focused(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app = pilot.app
        app.screen.query_one("#edit-text").blur()  # no blinking cursor in the picture
        await pilot.pause(0.2)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)


@SNAP_SIZES
def test_feedback(snap_compare: Any, size: tuple[int, int], journal_db: Journal) -> None:
    """The feedback screen over Today, with nothing logged yet."""

    async def run_before(pilot: Pilot[int]) -> None:
        from careerlog.ui import places

        await _entries_focused(pilot)
        pilot.app.push_screen(places.feedback())
        await settle(pilot)

    assert snap_compare(make_app(journal_db.path), terminal_size=size, run_before=run_before)
