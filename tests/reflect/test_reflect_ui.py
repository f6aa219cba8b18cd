"""The reflection flow driven by keys: answer, rate, place the stance, save; pause and
resume a draft; a due reflection disappears once done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Select, TextArea

from careerlog.services import connect
from careerlog.services.reflections import due_reflections, list_reflections, load_draft
from careerlog.ui.screens.reflection import ReflectionScreen
from careerlog.ui.widgets.scale import ScaleInput
from careerlog.ui.widgets.today_side import TodaySide
from tests.ui.conftest import SIZE, make_app, screen_text, settle, type_text, until

MONDAY = date(2026, 3, 16)


def _reflections(path: Path) -> list:  # type: ignore[type-arg]
    store = connect(str(path))
    try:
        return list_reflections(store)
    finally:
        store.close()


def _due(path: Path) -> list[str]:
    store = connect(str(path))
    try:
        return [d.set_key for d in due_reflections(store, MONDAY)]
    finally:
        store.close()


async def _open(pilot, screen: ReflectionScreen) -> ReflectionScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(screen)
    await until(pilot, lambda: bool(screen.query(".answer")))
    await settle(pilot)
    return screen


async def test_the_due_weekly_check_in_is_answered_saved_and_no_longer_due(
    reflect_db: Path,
) -> None:
    assert _due(reflect_db) == ["yearly", "weekly"]  # quarterly was done on 20 Dec
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("weekly"))
        text = screen_text(app)
        assert "What did you get done this week?" in text
        assert "due since 13 Mar 2026" in text  # the Friday before
        await type_text(pilot, "Shipped the importer")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not screen)
        await settle(pilot)
        assert any("Saved: Weekly check-in" in n.message for n in app._notifications)
    [latest, *_] = _reflections(reflect_db)
    assert latest.set_key == "weekly" and latest.day == MONDAY
    assert latest.answers[0][0] == "did" and latest.answers[0][2] == "Shipped the importer"
    assert _due(reflect_db) == ["yearly"]


async def test_ratings_start_from_the_last_ones_and_the_stance_is_recorded(
    reflect_db: Path,
) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("quarterly"))
        research = screen.query_one("#rate-research", ScaleInput)
        assert research.value == 2  # prefilled from 20 Dec
        assert screen.query_one("#rate-innovation", ScaleInput).value is None  # never rated
        assert screen.query_one("#stance", ScaleInput).value == 40  # where it was left
        await type_text(pilot, "Both")
        screen.query_one("#rate-professional-knowledge", ScaleInput).focus()
        # Focus scrolls the form; on a loaded machine one pause may show the old frame.
        # While rating, what the next level (senior) asks of it, and what 4 means here
        # (the scroll to the focused scale can land a frame after the row shows).
        lines = (
            "Professional knowledge   expected 3 now, 4 next   last rating 4",
            "At Senior professional: is asked to settle disputed technical questions",
            "4 here means: Strong: handles the difficult cases",
        )
        await until(pilot, lambda: all(line in screen_text(app) for line in lines))
        research.focus()
        await pilot.press("right")  # 2 -> 3
        screen.query_one("#rate-innovation", ScaleInput).focus()
        await pilot.press("4")
        screen.query_one("#mgr-research", ScaleInput).focus()
        await pilot.press("2")  # the manager saw it as 2
        screen.query_one("#stance", ScaleInput).focus()
        await pilot.press("right", "right")  # 40 -> 60
        stance = "Technical ○ ○ ○ ○ ○ ○ ● ○ ○ ○ ○ Supervisory  60/100"
        await until(pilot, lambda: stance in screen_text(app))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not screen)
    latest = _reflections(reflect_db)[0]
    assert latest.set_key == "quarterly" and latest.stance == 60
    assert latest.ratings == {
        "professional-knowledge": 4,
        "research": 3,
        "communication": 3,
        "innovation": 4,
    }
    assert latest.manager_ratings == {"research": 2}
    assert (latest.track_key, latest.level_key) == ("technical", "intermediate")


async def test_pausing_keeps_a_draft_and_opening_again_resumes_it(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("weekly"))
        await type_text(pilot, "Half a thought")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not screen)
        draft = load_draft("weekly")
        assert draft is not None and draft.answers["did"] == "Half a thought"
        again = await _open(pilot, ReflectionScreen("weekly"))
        assert again.query_one("#answer-did", TextArea).text == "Half a thought"
        assert any("Resumed your draft" in n.message for n in app._notifications)
    assert [r.set_key for r in _reflections(reflect_db)] == ["quarterly", "quarterly"]


async def test_an_empty_reflection_is_refused_with_a_notice(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("weekly"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("reflection is empty" in n.message for n in app._notifications)
    assert len(_reflections(reflect_db)) == 2


async def test_without_a_set_the_oldest_due_one_is_taken(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen())
        assert screen.data is not None and screen.data.chosen.key == "yearly"


async def test_starting_over_discards_the_draft(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("weekly"))
        await type_text(pilot, "Scrap this")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not screen)
        again = await _open(pilot, ReflectionScreen("weekly"))
        assert again.query_one("#answer-did", TextArea).text == "Scrap this"
        await pilot.press("ctrl+r")  # works from inside the answer box
        await until(
            pilot, lambda: [a.text for a in again.query("#answer-did").results(TextArea)] == [""]
        )
        await settle(pilot)
        assert load_draft("weekly") is None


async def test_a_due_reflection_shows_on_today_and_completing_it_clears_it(
    reflect_db: Path,
) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = app.screen

        def due_panel() -> str:
            return " ".join(str(today.query_one(TodaySide).render()).split())

        assert "Weekly check-in since 13 Mar 2026" in due_panel()
        await _open(pilot, ReflectionScreen("weekly"))
        await type_text(pilot, "Closed three tickets")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is today)
        await settle(pilot)
        assert "Weekly check-in" not in due_panel()
        assert "Year in review since 01 Jan 2026" in due_panel()  # still owed


async def test_the_schedule_is_set_from_the_reflection_screen(reflect_db: Path) -> None:
    from careerlog import config

    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("weekly"))
        picker = screen.query_one("#cadence-select", Select)
        assert picker.value == "friday"  # the default
        picker.value = "monday"
        await until(pilot, lambda: config.load()["cadence"]["weekly"] == "monday")
        await settle(pilot)
        assert "due since 16 Mar 2026" in screen_text(app)  # this Monday
        picker.value = "off"
        await until(pilot, lambda: config.load()["cadence"]["weekly"] is False)
    assert _due(reflect_db) == ["yearly"]


async def test_a_personal_prompt_set_is_shown_literally(reflect_db: Path) -> None:
    from careerlog import paths

    folder = paths.user_prompts_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'key = "mine"\nname = "[b]My set[/b]"\ncadence = "none"\n'
        '[[prompts]]\nid = "why"\ntext = "[red]Why[/red] \\u001b[2Jnow?"\nhint = "[i]x[/i]"\n',
        encoding="utf-8",
    )
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ReflectionScreen("mine"))
        text = screen_text(app)
        assert "[b]My set[/b]" in text
        assert "[red]Why[/red] [2Jnow?" in text and "\x1b" not in text  # ESC stripped
        assert "[i]x[/i]" in text
        assert screen.query_one("#cadence-select", Select).disabled  # taken when picked


async def test_answers_are_autosaved_while_typing_and_the_draft_goes_once_saved(
    reflect_db: Path,
) -> None:
    from careerlog.ui.screens.reflection import AUTOSAVE_SECONDS

    def drafted() -> str | None:
        draft = load_draft("weekly")
        return draft.answers.get("did") if draft else None

    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, ReflectionScreen("weekly"))
        await type_text(pilot, "Typed before the terminal closed")
        # No escape pressed: the draft is written by the timer alone.
        await until(
            pilot,
            lambda: drafted() == "Typed before the terminal closed",
            timeout=AUTOSAVE_SECONDS + 5,
        )
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ReflectionScreen))
        await pilot.pause(AUTOSAVE_SECONDS + 0.5)
    assert drafted() is None
