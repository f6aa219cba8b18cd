"""First run: one sentence, then a track and target level picked with the keyboard."""

from __future__ import annotations

from pathlib import Path

from careerlog.services import connect, tracks
from careerlog.ui.screens.onboarding import INTRO, OnboardingScreen
from careerlog.ui.screens.today import TodayScreen

from .conftest import SIZE, make_app, screen_text, settle, until


async def test_first_run_picks_a_track_and_level_and_shows_it(fresh_db: Path) -> None:
    app = make_app(fresh_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen))
        await settle(pilot)
        text = screen_text(app)
        assert INTRO[:60] in text.replace("\n", " ").replace("  ", " ") or "private journal" in text
        # Every built-in track is listed; the highlighted one shows levels and competencies.
        for name in ("Management", "Support", "Technical leadership"):
            assert name in text
        assert "Competencies" in text and "Your level now" in text
        await pilot.press("down", "down")  # Technical leadership
        await pilot.pause()
        assert "Driving change" in screen_text(app)
        await pilot.press("enter", "down", "enter")  # its second level
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Technical leadership → Technical lead" in screen_text(app)
    store = connect(str(fresh_db))
    try:
        choice = tracks.current_choice(store)
    finally:
        store.close()
    assert choice is not None
    assert (choice.track.key, choice.level_key) == ("technical-leadership", "lead")


async def test_onboarding_is_not_shown_once_a_track_is_chosen(fresh_db: Path) -> None:
    store = connect(str(fresh_db))
    tracks.choose_track(store, "support")
    store.close()
    app = make_app(fresh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Support" in screen_text(app)
