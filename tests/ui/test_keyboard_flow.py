"""Keyboard flow on Today, Goals and in dialogs: escape leaves a field or a list the same
way everywhere, dialogs answer to ←/→ and y/n and say so, tick boxes look different
ticked and unticked, and the detail pane follows the goal just created."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from careerlog.ui.dialogs.confirm import ConfirmDialog
from careerlog.ui.screens.goals import GoalsScreen
from careerlog.ui.widgets.entry_list import EntryList
from careerlog.ui.widgets.goal_views import MilestoneList
from careerlog.ui.widgets.ticks import TickBox

from .conftest import SIZE, Journal, add_goal, make_app, screen_text, settle


async def test_escape_moves_between_todays_editor_and_its_entries(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#editor")
        await pilot.press("escape")
        entries = app.screen.query_one(EntryList)
        assert app.focused is entries
        await pilot.press("s")  # stars the highlighted entry: nothing is typed
        await settle(pilot)
        assert app.screen.query_one("#editor").text == ""  # type: ignore[attr-defined]
        assert entries.selected_entry is not None and not entries.selected_entry.starred
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#editor")


async def test_enter_opens_a_goals_milestones_and_escape_leaves_them(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "enter")  # the payments goal, into its milestones
        await settle(pilot)
        assert isinstance(app.focused, MilestoneList)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#goal-list")
        assert isinstance(app.screen, GoalsScreen)  # the first escape left the list only
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"


async def test_a_new_goal_is_the_one_shown_in_the_detail(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await add_goal(pilot, "Run the design review")
        detail = str(app.screen.query_one("#goal-detail").render())
        assert "Run the design review" in detail


async def test_goals_do_not_wait_for_the_track_to_be_chosen(fresh_db: Path) -> None:
    app = make_app(fresh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "OnboardingScreen"
        await pilot.press("f3")
        await settle(pilot)
        text = screen_text(app)
        assert "No goals yet" in text and "Loading" not in text


async def test_dialogs_take_left_right_and_say_y_and_n(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("x")  # drop the goal: it asks
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "Drop (y)" in text and "No (n)" in text
        assert isinstance(app.focused, Button) and app.focused.id == "no"  # the safe one
        await pilot.press("left")
        assert isinstance(app.focused, Button) and app.focused.id == "yes"
        await pilot.press("right")
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)


async def test_tick_boxes_look_different_ticked_and_unticked(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        box = app.screen.query_one("#starred", TickBox)
        assert "[ ]" in str(box.render())
        box.value = True
        await pilot.pause()
        assert "[✓]" in str(box.render())
