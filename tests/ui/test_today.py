"""Today: writing, starring, linking, editing and deleting entries, driven by keys."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from careerlog.domain.model import Goal, GoalStatus
from careerlog.services import connect, journal
from careerlog.ui.screens.today import TodayScreen
from careerlog.ui.widgets.entry_list import EntryList
from careerlog.ui.widgets.today_side import goal_lines

from .conftest import NOW, SIZE, Journal, make_app, screen_text, settle, type_text, until


def entries_in(path: Path) -> list[journal.Entry]:  # type: ignore[name-defined]
    store = connect(str(path))
    try:
        return journal.recent_entries(store, 100)
    finally:
        store.close()


async def test_an_entry_written_in_the_editor_is_saved_with_star_and_tags(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await type_text(pilot, "Ran the design review @leadership")
        await pilot.press("ctrl+t", "ctrl+s")
        await settle(pilot)
        assert app.screen.editor.text == ""
        assert "Ran the design review" in screen_text(app)
    newest = [e for e in entries_in(journal_db.path) if "design review" in e.text]
    assert len(newest) == 1
    assert newest[0].starred and newest[0].tags == ("leadership",)


async def test_esc_from_the_editor_puts_the_list_on_the_newest_entry_for_s(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape", "down", "down", "escape")  # the list's cursor moved down
        await type_text(pilot, "Closed the quarter's books")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # back to the list, and s stars what it shows first
        await settle(pilot)
        entries = app.screen.query_one(EntryList)
        assert entries.has_focus and entries.selected_entry is not None
        assert entries.selected_entry.text == "Closed the quarter's books"
        await pilot.press("s")
        await settle(pilot)
    starred = [e.text for e in entries_in(journal_db.path) if e.starred]
    assert "Closed the quarter's books" in starred


async def test_saving_an_empty_editor_writes_nothing_and_says_so(journal_db: Journal) -> None:
    before = len(entries_in(journal_db.path))
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert any("Nothing to save" in n.message for n in app._notifications)
    assert len(entries_in(journal_db.path)) == before


async def test_today_shows_todays_and_earlier_entries_and_active_goals(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Today" in text and "Earlier" in text
    assert "Paired with Ana" in text and "Wrote the RFC draft" in text
    assert "Lead the payments migration" in text and "33%" in text
    assert "late 28 Feb" in text  # "Mentor two juniors" was due in February
    assert "due 30 Jun" in text  # this year's dates go without their year


async def test_goal_due_dates_stay_whole_in_the_side_panel_at_80_columns(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        side = [line.split("▊")[-1].strip() for line in screen_text(app).splitlines()]
    assert "░░░░░░   0% · late 28 Feb" in side and "██░░░░  33% · due 30 Jun" in side


def test_a_due_date_in_another_year_has_a_line_of_its_own() -> None:
    made = datetime(2025, 9, 1, 9, 0)
    goal = Goal(
        1, "Run the offsite", "", GoalStatus.ACTIVE, date(2025, 12, 6), made, made, None, None, 1
    )
    lines = goal_lines([goal], date(2026, 3, 16)).plain.splitlines()
    assert lines == ["Run the offsite", "░░░░░░   0%", "  late 06 Dec 2025"]


async def test_links_to_goals_and_competencies_are_saved(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Linked work")
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("space", "down", "down", "space")  # first goal + a skill
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "links: 2" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = next(e for e in entries_in(journal_db.path) if e.text == "Linked work")
    assert len(saved.goal_ids) == 1 and len(saved.competencies) == 1


async def test_an_entry_is_edited_from_the_list(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # from the editor to the entry list
        entries = app.screen.query_one(EntryList)
        assert entries.has_focus
        assert entries.selected_entry is not None
        assert entries.selected_entry.id == journal_db.entry_id
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " and it worked")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        shown = next(e for e in entries.entries if e.id == journal_db.entry_id)
        assert shown.text.endswith("and it worked")
    edited = next(e for e in entries_in(journal_db.path) if e.id == journal_db.entry_id)
    assert edited.text.endswith("and it worked") and edited.starred


async def test_delete_asks_first_and_u_brings_the_entry_back(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "d")
        await pilot.pause()
        assert "Delete entry" in screen_text(app)
        await pilot.press("n")  # changed my mind
        await settle(pilot)
        assert any(e.id == journal_db.entry_id for e in entries_in(journal_db.path))
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "Paired with Ana" not in screen_text(app)
        assert not any("Paired with Ana" in e.text for e in entries_in(journal_db.path))
        await pilot.press("u")
        await settle(pilot)
        assert "Paired with Ana" in screen_text(app)
    back = [e for e in entries_in(journal_db.path) if "Paired with Ana" in e.text]
    assert len(back) == 1 and back[0].starred and back[0].tags == ("mentoring",)
    assert back[0].written_at == datetime(2026, 3, 16, 10, 15)


async def test_star_toggles_from_the_list(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "s")
        await settle(pilot)
    entry = next(e for e in entries_in(journal_db.path) if e.id == journal_db.entry_id)
    assert not entry.starred


@pytest.mark.slow
async def test_the_list_pages_back_through_many_entries(tmp_path: Path) -> None:
    from careerlog.sample import generate_journal

    path = tmp_path / "many.db"
    store = connect(str(path))
    generate_journal(store, entries=150, years=1, end=NOW.date())
    total = journal.count_entries(store)
    store.close()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = app.screen.query_one(EntryList)
        first_page = len(entries.entries)
        assert first_page < total  # never everything at once
        await pilot.press("tab")
        while len(entries.entries) < total:
            shown = len(entries.entries)
            await pilot.press("end")  # the cursor at the bottom asks for the next page
            await until(pilot, lambda: len(entries.entries) > shown)  # noqa: B023
        ids = [e.id for e in entries.entries]
        assert len(ids) == len(set(ids)) == total
        dates = [e.written_at for e in entries.entries]
        assert dates == sorted(dates, reverse=True)
