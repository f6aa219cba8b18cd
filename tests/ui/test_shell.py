"""The shell: command palette, help, theme memory, switching track, quitting."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from careerlog import paths
from careerlog.services import connect, tracks
from careerlog.ui.dialogs.help import HelpScreen
from careerlog.ui.forms.activity_form import ActivityForm
from careerlog.ui.forms.goal_form import GoalForm
from careerlog.ui.palette import COMMANDS
from careerlog.ui.screens.switch_track import SwitchTrackScreen
from careerlog.ui.screens.today import TodayScreen

from .conftest import SIZE, Journal, add_goal, make_app, screen_text, settle, type_text, until

REQUIRED = {
    "New journal entry",
    "New goal",
    "Log learning activity",
    "Start reflection",
    "Timeline",
    "Track progress",
    "Year in review",
    "Switch track",
    "Export year",
    "Track fit",
    "Review week",
    "Review month",
    "Review quarter",
    "Log feedback",
    "Promotion packet",
}


def test_the_palette_offers_every_command_named_in_the_design() -> None:
    assert REQUIRED <= {command.name for command in COMMANDS}


async def palette(pilot, words: str, *, typed: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Open the palette, search for ``words`` and press Enter on the best match. Typed
    one key at a time as a person would, or (``typed=False``) put in the search field
    at once, as a paste would: one search instead of one per key."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    if typed:
        await type_text(pilot, words)
    else:
        pilot.app.screen.query_one(Input).value = words
    await settle(pilot)  # the palette's search is a worker
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.slow
async def test_palette_new_goal_and_log_activity_open_their_forms(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "New goal")
        assert isinstance(app.screen, GoalForm)
        await pilot.press("escape")
        await settle(pilot)
        await palette(pilot, "Log learning")
        assert isinstance(app.screen, ActivityForm)


@pytest.mark.slow
async def test_palette_new_journal_entry_focuses_todays_editor(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await palette(pilot, "journal entry")
        assert isinstance(app.screen, TodayScreen)
        assert app.focused is app.screen.editor


OPENS = {
    "Today": "TodayScreen",
    "Goals": "GoalsScreen",
    "Learning": "LearningScreen",
    "New journal entry": "TodayScreen",
    "New goal": "GoalForm",
    "Log learning activity": "ActivityForm",
    "Start reflection": "ReflectionScreen",
    "Timeline": "TimelineScreen",
    "Review week": "ReviewScreen",
    "Review month": "ReviewScreen",
    "Review quarter": "ReviewScreen",
    "Track progress": "ProgressScreen",
    "Track fit": "FitScreen",
    "Switch track": "SwitchTrackScreen",
    "Year in review": "YearReviewScreen",
    "Export year": "YearReviewScreen",
    "Log feedback": "FeedbackForm",
    "Promotion packet": "PacketScreen",
    "Feedback": "FeedbackScreen",
}


@pytest.mark.slow
async def test_every_palette_command_opens_its_screen(journal_db: Journal) -> None:
    assert {command.name for command in COMMANDS} == set(OPENS)
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for command in COMMANDS:
            for mode in ("goals", "learning", "review", "today"):  # leave what was opened
                await app.switch_mode(mode)
                while len(app.screen_stack) > 1:
                    app.pop_screen()
            await palette(pilot, command.name, typed=False)  # typing: the other tests here
            assert type(app.screen).__name__ == OPENS[command.name], command.name
            assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_goal_set_on_goals_appears_on_today_without_asking(journal_db: Journal) -> None:
    """Today is in another mode's stack: the write reaches it through the app's signal."""
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await add_goal(pilot, "Ship the audit log")
        await pilot.press("f2")
        await settle(pilot)
        assert "Ship the audit log" in screen_text(app)


@pytest.mark.slow
async def test_switch_track_asks_why_and_records_it(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "Switch track")
        assert isinstance(app.screen, SwitchTrackScreen)
        await pilot.press("enter")  # Management, the first track
        await pilot.press("down", "enter")  # Middle manager
        await settle(pilot)
        await type_text(pilot, "I like growing people")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Management → Middle manager" in screen_text(app)
    store = connect(str(journal_db.path))
    try:
        history = tracks.track_history(store)
    finally:
        store.close()
    assert (history[0].track.key, history[0].level_key) == ("management", "middle")
    assert history[0].reason == "I like growing people"
    assert len(history) == 2


async def test_help_lists_the_keys_of_the_screen_below(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Save entry", "Star", "Link", "Quit", "Goals", "Learning", "ctrl+p"):
            assert words in text
        await pilot.press("escape")
        await pilot.press("f3", "f1")
        await settle(pilot)
        text = screen_text(app)
        assert "Milestone" in text and "Pause/resume" in text
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_is_text_in_the_editor_but_help_elsewhere(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert app.screen.editor.text == "?"  # type: ignore[attr-defined]
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_chosen_theme_is_remembered(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await until(pilot, lambda: paths.config_file().exists())
        await settle(pilot)
    saved = tomllib.loads(paths.config_file().read_text(encoding="utf-8"))
    assert saved["ui"]["theme"] == "nord"
    again = make_app(journal_db.path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_ctrl_q_quits_from_any_screen(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_store_that_cannot_open_ends_with_one_clear_reason(tmp_path: Path) -> None:
    app = make_app(tmp_path)  # a folder, not a database file
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.fatal_message is not None, timeout=30)
        await pilot.pause()
    assert app.fatal_message is not None and "is a folder" in app.fatal_message
    assert app.return_code == 1


@pytest.mark.slow
def test_the_program_prints_the_reason_last_and_exits_1(tmp_path: Path) -> None:
    import pty

    # A terminal on stdin and stdout (the TUI refuses to draw into anything else);
    # stderr is read on its own.
    main, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "careerlog", "--db", str(tmp_path)],
            stdin=child,
            stdout=child,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "TERM": "xterm-256color"},
        )
    finally:
        os.close(child)
        os.close(main)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("careerlog: ") and "is a folder" in last
    assert "Traceback" not in done.stderr
