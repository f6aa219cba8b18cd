"""Run the TUI on the store named on the command line through Pilot, as the test in
test_read_only.py asks: every main screen shown, an entry and a goal saved, and what a
person would see printed as JSON. A separate process, so that the test can run it
without the right to bypass file modes (as root, under setpriv)."""

from __future__ import annotations

import asyncio
import json
import sys

from careerlog.ui.app import CareerlogApp
from careerlog.ui.screens.today import TodayScreen
from tests.ui.conftest import SIZE, fixed_clock, screen_text, settle

MAIN_KEYS = ("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10")


async def walk(db: str) -> dict[str, object]:
    app = CareerlogApp(db, clock=fixed_clock)
    screens: dict[str, list[str]] = {}
    seen: dict[str, object] = {"screens": screens}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen["onboarding"] = type(app.screen).__name__ == "OnboardingScreen"
        await pilot.press(*"words that cannot be kept")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        seen["editor"] = app.screen.editor.text
        seen["entry_notices"] = [n.message for n in app._notifications]
        await pilot.press("escape")
        for key in MAIN_KEYS:
            await pilot.press(key)
            await settle(pilot)
            screens[key] = [type(app.screen).__name__, screen_text(app)]
            await pilot.press("escape")
            await settle(pilot)
        app.clear_notifications()  # the entry's refusal may still be showing
        await pilot.press("f3", "n")
        await settle(pilot)
        await pilot.press(*"a goal that cannot be kept", "ctrl+s")
        await settle(pilot)
        seen["goal_notices"] = [n.message for n in app._notifications]
        seen["goal_form"] = type(app.screen).__name__
        seen["fatal"] = app.fatal_message
    seen["crash"] = app.crash_message
    return seen


if __name__ == "__main__":
    print(json.dumps(asyncio.run(walk(sys.argv[1]))))
