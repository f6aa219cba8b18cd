"""``careerlog demo``: the app on a generated journal in a throwaway folder."""

from __future__ import annotations

import shutil

import pytest

from careerlog.ui.app import CareerlogApp
from careerlog.ui.screens.today import TodayScreen
from careerlog.ui.startup import PAGE
from careerlog.ui.widgets.entry_list import EntryList

from .conftest import SIZE, fixed_clock, screen_text, settle


@pytest.mark.slow
async def test_demo_opens_a_generated_journal_outside_the_real_data_folder() -> None:
    app = CareerlogApp(None, demo=True, clock=fixed_clock)
    assert app.demo_dir is not None and app.db is not None
    assert app.db.startswith(str(app.demo_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert isinstance(app.screen, TodayScreen)  # a track is chosen: no onboarding
        text = screen_text(app)
        assert "· demo" in text
        assert len(app.screen.query_one(EntryList).entries) == PAGE
        await pilot.press("f3")
        await settle(pilot)
        assert "%" in screen_text(app)  # goals with progress
    assert app.drafts.path.parent == app.demo_dir  # no draft lands in the real data folder
    shutil.rmtree(app.demo_dir)  # careerlog.ui.run does this when the demo quits
