"""Learning: log, edit and delete activities; this year's time by competency and kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.domain.model import Activity, ActivityKind
from careerlog.services import connect, learning
from careerlog.ui.screens.learning import LearningScreen

from .conftest import SIZE, Journal, make_app, screen_text, settle, type_text


def activities(path: Path) -> list[Activity]:
    store = connect(str(path))
    try:
        return learning.list_activities(store)
    finally:
        store.close()


async def open_learning(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LearningScreen)


async def test_the_year_shows_activities_and_time_by_competency_and_kind(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_learning(pilot)
        text = screen_text(app)
        assert "Activities in 2026: 3, 11 h" in text
        assert "Staff Engineer (book)" in text and "Mentoring Ana" in text
        assert "Driving change" in text and "7 h" in text  # the book's 420 minutes
        assert "Training" in text and "3 h" in text
        await pilot.press("left_square_bracket")  # the year before: nothing logged
        await settle(pilot)
        assert "Activities in 2025: 0" in screen_text(app)


@pytest.mark.slow
async def test_log_an_activity_with_every_field(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_learning(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Systems design course")  # title has the focus
        await pilot.press("tab")
        for _ in range(10):
            await pilot.press("backspace")
        await type_text(pilot, "2026-03-14")
        await pilot.press("tab")
        await type_text(pilot, "1h30")
        await pilot.press("tab", "enter", "down", "enter")  # goal: the first one offered
        await pilot.press("tab", "space")  # first competency
        await pilot.press("tab")
        await type_text(pilot, "chapters 1-3")
        await pilot.press("tab")
        await type_text(pilot, "https://example.org/course")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Systems design course" in screen_text(app)
    logged = next(a for a in activities(journal_db.path) if a.title == "Systems design course")
    assert logged.kind is ActivityKind.COURSE
    assert logged.day == date(2026, 3, 14) and logged.minutes == 90
    assert logged.goal_id is not None and [c.key for c in logged.competencies] == [
        "technical-depth"
    ]
    assert logged.notes == "chapters 1-3" and logged.link == "https://example.org/course"


async def test_a_bad_link_is_refused_in_the_form(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_learning(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Odd link")
        app.screen.query_one("#link").value = "javascript:alert(1)"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "http" in " ".join(n.message for n in app._notifications)
    assert all(a.title != "Odd link" for a in activities(journal_db.path))


@pytest.mark.slow
async def test_edit_and_delete_an_activity(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_learning(pilot)
        await pilot.press("e")  # the newest: "Mentoring Ana"
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " and Bo")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Mentoring Ana and Bo" in screen_text(app)
        await pilot.press("D")
        await settle(pilot)
        assert "Delete the activity" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert "Mentoring Ana and Bo" not in screen_text(app)
    titles = [a.title for a in activities(journal_db.path)]
    assert "Mentoring Ana and Bo" not in titles and len(titles) == 2
