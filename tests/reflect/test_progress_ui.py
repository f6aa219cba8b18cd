"""The progress screen: readiness and how long it held, the table, stale flags, charts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from careerlog.ui.screens.progress import ProgressScreen
from tests.ui.conftest import SIZE, make_app, screen_text, settle, type_text, until


async def _open(pilot) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = ProgressScreen()
    pilot.app.push_screen(screen)
    await until(pilot, lambda: screen.report is not None)
    await settle(pilot)
    return screen


async def test_progress_shows_readiness_evidence_and_stale_competencies(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        text = screen_text(app)
        table = screen.query_one("#competency-table", DataTable)
        rows = {
            str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)]
            for i in range(table.row_count)
        }
    # Intermediate -> senior: professional knowledge 4>=4 and communication 3>=3 are
    # ready (2 of 8) since the 20 December ratings; before them (the 2 October ones,
    # both 2) none was. 20 Dec to 16 Mar is two whole months.
    assert "Readiness 2 of 8 (25%), held since 20 Dec 2025 (2 months)" in text
    assert "in the last 90 days: learning 2 h" in text
    # Columns: Now, Mgr (no manager rating yet), Exp, Nxt, Trend, Evidence, Learn.
    assert rows["Professional knowledge"][1:6] == ["4", "-", "3", "4", "▲+2"]
    assert rows["Research"][1:] == ["2", "-", "2", "4", "= 0", "1 entry, 1 activity", "2 h"]
    assert rows["Technical communication"][6] == "1 goal"
    assert rows["Innovation"][1] == "-" and rows["Innovation"][6] == "none"
    assert "No evidence in 90 days: Professional knowledge, Technical skill" in text


async def test_moving_through_the_table_charts_that_competency(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        title = screen.query_one("#trend-title", Static)
        assert "Professional knowledge: ratings" in str(title.render())
        await pilot.press("down")
        assert "Not rated yet" in str(title.render())  # technical skill
        await pilot.press("down", "down")
        assert "Research: ratings" in str(title.render())


async def test_without_a_track_progress_says_how_to_choose_one(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.store_is_open)
        screen = ProgressScreen()
        app.push_screen(screen)
        await until(pilot, lambda: "No track chosen yet" in screen_text(app))


async def test_the_palette_opens_track_progress(reflect_db: Path) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Track progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen))
        screen = app.screen
        await until(pilot, lambda: screen.report is not None)
        await settle(pilot)
        assert "Readiness 2 of 8 (25%)" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ProgressScreen))


async def test_f_marks_a_focus_and_n_takes_a_competency_out_of_readiness(
    reflect_db: Path,
) -> None:
    app = make_app(reflect_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("f")  # on the first row, professional knowledge
        await until(
            pilot, lambda: screen.report is not None and screen.report.competencies[0].focus
        )
        await pilot.pause()
        assert "◆ Professional knowledge" in screen_text(app)
        await pilot.press("down")
        await pilot.press("n")  # technical skill: asked why, then marked
        await pilot.pause(0.2)
        await type_text(pilot, "no hands-on work in my post")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: screen.report is not None and not screen.report.competencies[1].applicable,
        )
        await pilot.pause()
        text = screen_text(app)
    # Technical skill out: 2 of 7 are ready.
    assert "Readiness 2 of 7 (29%)" in text
    assert "n/a" in text
