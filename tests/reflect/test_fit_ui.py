"""The track-fit questionnaire: answer with the keyboard, see scores and the paragraph,
the result kept with its date; a retake starts from the last answers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from careerlog.services import connect
from careerlog.services.fit import fit_history, questionnaire
from careerlog.ui.screens.fit import FitScreen
from careerlog.ui.widgets.scale import ScaleInput
from tests.ui.conftest import NOW, SIZE, make_app, screen_text, settle, until


def _history(path: Path) -> list:  # type: ignore[type-arg]
    store = connect(str(path))
    try:
        return fit_history(store)
    finally:
        store.close()


async def _open(pilot) -> FitScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = FitScreen()
    pilot.app.push_screen(screen)
    await until(pilot, lambda: bool(screen.query(ScaleInput)))
    await settle(pilot)
    return screen


def _technical_answers() -> list[str]:
    """Agree (5) where the technical track weighs a statement up, disagree (1) where it
    weighs it down, neither (3) where it does not care."""
    keys = []
    for statement in questionnaire().statements:
        weight = dict(statement.weights)["technical"]
        keys.append("5" if weight > 0 else "1" if weight < 0 else "3")
    return keys


async def test_answering_shows_scores_and_keeps_the_result(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert "Not taken yet" in screen_text(app)
        for key in _technical_answers():
            await pilot.press(key, "tab")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.result is not None)
        await settle(pilot)
        text = screen_text(app)
        panel = str(screen.query_one("#fit-result", Static).render())
        result = screen.result
    assert result is not None and result.best == "technical"
    # Technical: every answer points its way -> raw = 2 x sum|w| -> 100.
    # Management, weights 2,-1,-1,0,-1,2,-1,1,-1,2,-2,2,0,-1,-1 and then 2,-1 for pay and
    # passion (sum|w| 21) against the centred answers -2,2,-2,0,2,-2,2,0,0,-2,2,-2,2,0,-2
    # and -2,2: raw -22 - 4 - 2 = -28, so 100 x (-28 + 42) / 84 = 16.7 -> 17.
    assert result.scores["technical"] == 100 and result.scores["management"] == 17
    assert "Taken 16 Mar 2026" in text
    assert "Technical (professional / specialist)\n" + "█" * 24 + " 100" in panel
    assert "fits your answers best" in panel  # the chosen track is technical
    [kept] = _history(reflect_db)
    assert kept.taken_at == NOW and kept.scores == result.scores


async def test_a_retake_starts_from_the_last_answers_and_adds_a_result(reflect_db: Path) -> None:
    store = connect(str(reflect_db))
    try:
        from careerlog.services.fit import take_fit

        take_fit(store, {"people-energy": 5, "win-support": 5}, when=datetime(2026, 1, 4, 9))
    finally:
        store.close()
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#fit-people-energy", ScaleInput).value == 5
        assert screen.query_one("#fit-deep-problems", ScaleInput).value is None
        panel = str(screen.query_one("#fit-result", Static).render())
        assert "Taken 04 Jan 2026 (on 2 of 17 statements)" in panel
        await pilot.press("ctrl+r")  # start over
        assert all(s.value is None for s in screen.query(ScaleInput))
        await pilot.press("ctrl+s")
        assert any("at least one" in n.message for n in app._notifications)
        await pilot.press("4", "ctrl+s")
        await until(pilot, lambda: len(_history(reflect_db)) == 2)
    newest = _history(reflect_db)[0]
    assert newest.answers == {"people-energy": 4} and newest.taken_at == NOW


async def test_onboarding_offers_the_fit_check_before_the_first_choice(tmp_path: Path) -> None:
    from careerlog.ui.screens.onboarding import OnboardingScreen

    app = make_app(tmp_path / "first.db")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen))
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FitScreen))
        screen = app.screen
        await until(pilot, lambda: bool(screen.query(ScaleInput)))
        assert "Not taken yet" in str(screen.query_one("#fit-result", Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen))
