"""A review session walked through with the keyboard, ending in the reflection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from careerlog.ui.screens.review import STEPS, ReviewScreen
from tests.timeline.test_timeline_ui import timeline_db  # noqa: F401 - fixture
from tests.ui.conftest import SIZE, make_app, screen_text, settle, until


async def test_review_walks_the_week_and_ends_in_the_reflection(timeline_db: Path) -> None:  # noqa: F811
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = ReviewScreen("week", date(2024, 3, 7))
        app.push_screen(screen)
        await until(pilot, lambda: screen.review is not None)
        await settle(pilot)
        text = screen_text(app)
        assert "Week 10, 2024" in text and "5 entries, 26 words" in text
        assert "Gave the all-hands talk" in text
        seen = {}
        for name in STEPS[1:]:
            await pilot.press("right")
            await pilot.pause()
            seen[name] = screen_text(app)
        assert "2 activities, 2 h 15 min" in seen["Learned"]
        assert "Present at the all-hands" in seen["Achieved"] and "Draft plan" in seen["Achieved"]
        assert "Moved (2)" in seen["Goals"] and "Stalled (0)" in seen["Goals"]
        assert "With evidence (2)" in seen["Competencies"]
        assert "the reflection, Weekly check-in" in seen["Reflect"]
        # The week before had nothing written and two goals standing still.
        await pilot.press("left_square_bracket")
        await until(
            pilot, lambda: screen.review is not None and screen.review.start == date(2024, 2, 26)
        )
        await pilot.pause()
        assert "0 entries" in screen_text(app)
        for _ in STEPS[1:]:
            await pilot.press("enter")
        await pilot.press("enter")
        await settle(pilot)
        from careerlog.ui.screens.reflection import ReflectionScreen

        assert isinstance(app.screen, ReflectionScreen)


async def test_palette_opens_the_timeline_and_a_review(timeline_db: Path) -> None:  # noqa: F811
    from careerlog.ui.screens.timeline import TimelineScreen
    from tests.ui.conftest import type_text

    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Review quarter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await settle(pilot)
        # The app's "now" is 16 March 2026: the quarter just ended is the last of 2025.
        assert "Review of Q4 2025" in screen_text(app)


async def test_review_looks_back_over_the_last_full_week_and_c_shows_this_one(
    timeline_db: Path,  # noqa: F811
) -> None:
    # The app's clock says Monday 16 March 2026: the last full week is 9-15 March.
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = ReviewScreen("month")
        app.push_screen(screen)
        await until(pilot, lambda: screen.review is not None)
        assert screen.review is not None
        assert (screen.review.start, screen.review.end) == (date(2026, 2, 1), date(2026, 2, 28))
        app.pop_screen()
        screen = ReviewScreen("week")
        app.push_screen(screen)
        await until(pilot, lambda: screen.review is not None)
        await settle(pilot)
        assert screen.review is not None
        assert (screen.review.start, screen.review.end) == (date(2026, 3, 9), date(2026, 3, 15))
        assert "under way" not in screen_text(app)
        await pilot.press("c")
        await until(
            pilot, lambda: screen.review is not None and screen.review.start == date(2026, 3, 16)
        )
        await pilot.pause()
        assert "Week 12, 2026" in screen_text(app) and "(under way)" in screen_text(app)


async def test_the_review_lists_unlinked_entries_and_one_key_links_a_suggestion(
    timeline_db: Path,  # noqa: F811
) -> None:
    from careerlog.services import connect
    from careerlog.services.career.suggestions import unlinked_entries

    store = connect(str(timeline_db))
    try:
        expected = unlinked_entries(store, date(2024, 3, 4), date(2024, 3, 10))
    finally:
        store.close()
    # Entries 2 ("Read about delegation") and 4 ("Quiet day") are linked to nothing.
    assert [u.entry_id for u in expected] == [2, 4]
    first = expected[0].suggestions[0]
    app = make_app(timeline_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = ReviewScreen("week", date(2024, 3, 7))
        app.push_screen(screen)
        await until(pilot, lambda: screen.review is not None)
        await settle(pilot)
        for _ in range(STEPS.index("Unlinked")):
            await pilot.press("right")
        await pilot.pause()
        text = screen_text(app)
        assert "2 entries linked to no competency" in text
        assert "▶ 05 Mar 2024  Read about delegation @reading" in text
        assert f"1  {first.name}" in text and "Quiet day" in text
        await pilot.press("1")
        await until(pilot, lambda: [u.entry_id for u in screen.unlinked] == [4])
        await pilot.pause()
        text = screen_text(app)
        assert "1 entry linked to no competency" in text and "Read about delegation" not in text
    store = connect(str(timeline_db))
    try:
        from careerlog.services.journal import get_entry

        assert [c.key for c in get_entry(store, 2).competencies] == [first.key]
    finally:
        store.close()
