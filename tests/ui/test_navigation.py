"""Finding your way: a key for every main screen, esc back, F1 listing careerlog's keys
only (grouped, each once), the palette listing careerlog's commands first, and key
bars and track bars that are never cut mid-word."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from careerlog.ui.dialogs.help import HelpScreen, groups
from careerlog.ui.navigation import SECTIONS
from careerlog.ui.palette import COMMANDS
from careerlog.ui.widgets.footer import KeyFooter

from .conftest import SIZE, Journal, make_app, screen_text, settle

SCREENS = {
    "f2": "TodayScreen",
    "f3": "GoalsScreen",
    "f4": "LearningScreen",
    "f5": "TimelineScreen",
    "f6": "ReviewScreen",
    "f7": "ProgressScreen",
    "f8": "YearReviewScreen",
    "f9": "FitScreen",
    "f10": "SwitchTrackScreen",
}
TEXTUAL_INSIDES = ("Copy selected text", "Page Right", "Page Left", "Scroll", "Maximize")


@pytest.mark.slow
async def test_every_main_screen_has_a_key_and_esc_goes_back(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # from the editor to the entry list: keys are keys now
        for key, name in SCREENS.items():
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen).__name__ == name, key
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen", f"esc after {key}"


async def test_the_track_bar_shows_every_key_and_the_level_at_80_columns(
    journal_db: Journal,
) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        top, tabs = screen_text(app).splitlines()[:2]
        assert "Technical leadership → Technical lead" in top
        assert "F10 Switch track" in top  # the tab row has no room for it
        for section in SECTIONS:
            assert f"{section.key.upper()} {section.short}" in tabs
        await pilot.press("f10")
        await settle(pilot)
        assert type(app.screen).__name__ == "SwitchTrackScreen"


async def test_key_bars_show_whole_keys_with_help_last_at_80_columns(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in [*SCREENS, "f2"]:
            await pilot.press("escape" if key == "f2" else key)
            await settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            shown = footer.fitting(footer.size.width)
            assert shown[-1].description == "Help"
            line = screen_text(app).splitlines()[-1]
            assert line.rstrip().endswith("f1 Help"), line
            for item in shown:
                assert f"{item.key} {item.description}" in line
            if key == "f10":
                await pilot.press("escape")


async def test_help_lists_careerlogs_keys_once_each_in_groups(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("escape", "f3", "f5"):
            await pilot.press(key)
            await settle(pilot)
            found = groups(app.screen)
            titles = [title for title, _ in found]
            assert titles[-2:] == ["Go to", "Everywhere"]
            keys = [keys for _, rows in found for keys, _ in rows]
            assert len(keys) == len(set(keys)), keys
            names = " ".join(d for _, rows in found for _, d in rows)
            for inside in TEXTUAL_INSIDES:
                assert inside not in names
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            await settle(pilot)


async def test_the_palette_lists_careerlogs_commands_first(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        listed = [
            line.strip()
            for line in screen_text(app).splitlines()
            if line.strip() and line.strip()[0].isalpha()
        ]
        first = [c.name for c in COMMANDS[:5]]
        assert [name for name in listed if name in first] == first
        assert listed.index(first[0]) < min(
            (listed.index(n) for n in ("Theme", "Quit") if n in listed), default=999
        )
