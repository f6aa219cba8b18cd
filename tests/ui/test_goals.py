"""Goals: create, edit, milestones (add, tick, reorder, delete), achieve, pause, drop and
delete, each driven by keys and checked in the store and on screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.domain.model import Goal, GoalStatus
from careerlog.services import connect, goals
from careerlog.ui.screens.goals import GoalsScreen

from .conftest import SIZE, Journal, make_app, screen_text, settle, type_text


def all_goals(path: Path) -> list[Goal]:
    store = connect(str(path))
    try:
        return goals.list_goals(store)
    finally:
        store.close()


def goal_named(path: Path, title: str) -> Goal:
    return next(g for g in all_goals(path) if g.title == title)


async def open_goals(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GoalsScreen)


async def pick(pilot, title: str) -> None:  # type: ignore[no-untyped-def]
    """Move the goal list's cursor to the goal with ``title``."""
    screen = pilot.app.screen
    for _ in range(10):
        if screen.goal is not None and screen.goal.title == title:
            await settle(pilot)
            return
        await pilot.press("down")
    raise AssertionError(f"no goal {title!r} in the list")


async def test_goals_list_shows_status_progress_and_due(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pick(pilot, "Lead the payments migration")
        text = screen_text(app)
    assert "Lead the payments migration" in text and "33%" in text and "30 Jun 2026" in text
    assert "late 28 Feb 2026" in text  # the mentoring goal is past its date
    # The detail of the highlighted goal: milestones, competencies, learning, entries.
    assert "[x] Write the RFC" in text and "[ ] Pilot with one team" in text
    assert "Driving change" in text and "Staff Engineer (book)" in text
    assert "Paired with Ana" in text


@pytest.mark.slow
async def test_create_a_goal_with_the_form(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Give a conference talk")
        await pilot.press("tab")
        await type_text(pilot, "visibility")
        await pilot.press("tab")
        await type_text(pilot, "2026-10-01")
        await pilot.press("tab", "tab", "space")  # tick the first competency
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Give a conference talk" in screen_text(app)
    goal = goal_named(journal_db.path, "Give a conference talk")
    assert goal.why == "visibility" and goal.due == date(2026, 10, 1)
    assert [(c.track_key, c.key) for c in goal.competencies] == [
        ("technical-leadership", "technical-depth")
    ]
    assert goal.status is GoalStatus.ACTIVE


@pytest.mark.slow
async def test_a_bad_due_date_keeps_the_form_open_with_a_reason(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Vague goal")
        await pilot.press("tab", "tab")
        await type_text(pilot, "someday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "unknown date" in " ".join(n.message for n in app._notifications)
        assert not isinstance(app.screen, GoalsScreen)  # still in the form
    assert all(g.title != "Vague goal" for g in all_goals(journal_db.path))


async def test_edit_changes_the_title(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pick(pilot, "Lead the payments migration")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " v2")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert goal_named(journal_db.path, "Lead the payments migration v2").id == journal_db.goal_id


@pytest.mark.slow
async def test_milestones_are_added_ticked_reordered_and_deleted(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pick(pilot, "Lead the payments migration")
        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "Celebrate")
        await pilot.press("enter")
        await settle(pilot)
        assert "[ ] Celebrate" in screen_text(app)
        await pilot.press("enter")  # into the milestone list
        await settle(pilot)
        await pilot.press("down", "space")  # tick "Pilot with one team"
        await settle(pilot)
        await pilot.press("shift+up")  # and move it first
        await settle(pilot)
        goal = goal_named(journal_db.path, "Lead the payments migration")
        assert [m.title for m in goal.milestones] == [
            "Pilot with one team",
            "Write the RFC",
            "Roll out",
            "Celebrate",
        ]
        assert [m.done for m in goal.milestones] == [True, True, False, False]
        assert goal.progress == 50
        assert "50%" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    goal = goal_named(journal_db.path, "Lead the payments migration")
    assert len(goal.milestones) == 3


async def test_achieve_pause_and_resume(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pick(pilot, "Lead the payments migration")
        await pilot.press("p")
        await settle(pilot)
        assert goal_named(journal_db.path, "Lead the payments migration").status is (
            GoalStatus.PAUSED
        )
        await pilot.press("p")
        await settle(pilot)
        assert goal_named(journal_db.path, "Lead the payments migration").status is (
            GoalStatus.ACTIVE
        )
        await pilot.press("a")  # two of its three milestones are still open: it asks
        await settle(pilot)
        assert "still has 2 open milestones" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert goal_named(journal_db.path, "Lead the payments migration").status is (
            GoalStatus.ACTIVE
        )
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Achieved" in screen_text(app)
    goal = goal_named(journal_db.path, "Lead the payments migration")
    assert goal.status is GoalStatus.ACHIEVED and goal.closed_at is not None


@pytest.mark.slow
async def test_drop_and_delete_ask_first(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pick(pilot, "Lead the payments migration")
        await pilot.press("x")
        await settle(pilot)
        assert "Drop the goal" in screen_text(app)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert goal_named(journal_db.path, "Lead the payments migration").status is (
            GoalStatus.ACTIVE
        )
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert goal_named(journal_db.path, "Lead the payments migration").status is (
            GoalStatus.DROPPED
        )
        await pilot.press("D")
        await settle(pilot)
        assert "for good" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
    assert len(all_goals(journal_db.path)) == 1
