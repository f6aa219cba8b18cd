"""The Year in review screen: preview the chosen year, export it to a chosen folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Select
from textual.widgets.markdown import MarkdownFence

from careerlog.io.export import to_md
from careerlog.store.db import Store
from careerlog.ui.app import CareerlogApp
from careerlog.ui.screens.year_review import YearReviewScreen, export_name, parts
from careerlog.ui.textual_private import screen_lines
from careerlog.ui.widgets.ticks import TickBox


async def _until(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await pilot.pause(0.05)


def _preview(app: CareerlogApp) -> str:
    """The Markdown the preview renders (its top part is checked as shown, below)."""
    if not isinstance(app.screen, YearReviewScreen):
        return ""
    found = app.screen.query("#year-review-text").results(Markdown)
    return "".join(widget.source for widget in found)


async def test_preview_a_year_then_export_it_as_html(filled: Store, tmp_path: Path) -> None:
    assert filled.path is not None
    app = CareerlogApp(str(filled.path), clock=lambda: datetime(2024, 12, 31, 18, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.onboarded)
        app.push_screen(YearReviewScreen(export=True))
        await _until(pilot, lambda: "2024 in review" in _preview(app))
        await _until(pilot, lambda: "2024 in review" in "\n".join(screen_lines(app.screen)))
        assert "# 2024" not in "\n".join(screen_lines(app.screen))  # rendered, not source
        text = _preview(app)
        assert "Starred win @launch" in text
        assert "Communication" in text
        assert isinstance(app.focused, Input)  # "Export year" starts in the folder field

        app.screen.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.click("#export-html")
        target = tmp_path / export_name(2024, "html")
        await _until(pilot, target.exists)
        assert "<title>2024 in review</title>" in target.read_text(encoding="utf-8")
        assert target.stat().st_mode & 0o777 == 0o600

        select: Select[int] = app.screen.query_one("#year-select", Select)
        assert select.value == 2024
        select.value = 2023
        await _until(pilot, lambda: "2023 in review" in _preview(app))
        assert "Plain entry in 2023" not in _preview(app)  # the preview is the summary
        assert "1 entry, " in _preview(app) and "1 entries" not in _preview(app)


async def test_the_month_chart_is_shown_without_guessing_its_language(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export's month chart is a fence without a language; guessing one makes Pygments
    import every lexer it has (~17 MB at once), so the preview must not ask."""
    import textual.highlight

    def no_guessing(code: str, path: str | None) -> str:
        raise AssertionError("the preview guessed a fence's language")

    monkeypatch.setattr(textual.highlight, "guess_language", no_guessing)
    assert filled.path is not None
    app = CareerlogApp(str(filled.path), clock=lambda: datetime(2024, 12, 31, 18, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.onboarded)
        app.push_screen(YearReviewScreen())
        await _until(pilot, lambda: bool(app.screen.query(MarkdownFence)))
        chart = app.screen.query_one(MarkdownFence)
        assert "2024-12" in chart.code
        assert "2024-12" in chart._highlighted_code.plain


def test_the_preview_is_cut_only_at_headings_outside_fences() -> None:
    lines = ["# Title", ""] + [f"line {n}" for n in range(10)] + ["```", "# not a heading"]
    lines += ["```", "## Next", "text", "## Last", "end"]
    found = parts("\n".join(lines) + "\n", lines_each=2)
    assert "".join(found) == "\n".join(lines) + "\n"
    assert [part.splitlines()[0] for part in found] == ["# Title", "## Next", "## Last"]


async def test_a_long_year_is_all_there_when_scrolled_to_the_end(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long preview renders a part at a time: scrolling to the end shows the last
    highlight, which was not rendered before."""
    assert filled.path is not None
    days = [f"### Day {n}\n\nWhat happened on day {n}.\n" for n in range(1, 121)]
    long_year = "# 2024 in review\n\n" + "\n".join(days)
    monkeypatch.setattr(to_md, "render", lambda summary: long_year)
    app = CareerlogApp(str(filled.path), clock=lambda: datetime(2024, 12, 31, 18, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.onboarded)
        app.push_screen(YearReviewScreen())
        await _until(pilot, lambda: "Day 1\n" in _preview(app))
        screen = app.screen
        assert isinstance(screen, YearReviewScreen)
        assert "Day 120" not in _preview(app)
        scroller = screen.query_one("#year-review-preview")

        def at_the_end() -> bool:
            scroller.scroll_end(animate=False, immediate=True)
            return "Day 120" in "\n".join(screen_lines(screen))

        await _until(pilot, at_the_end)


async def test_exporting_into_a_missing_folder_says_so(filled: Store, tmp_path: Path) -> None:
    assert filled.path is not None
    app = CareerlogApp(str(filled.path), clock=lambda: datetime(2024, 12, 31, 18, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.onboarded)
        app.push_screen(YearReviewScreen())
        await _until(pilot, lambda: "2024 in review" in _preview(app))
        app.screen.query_one("#export-folder", Input).value = str(tmp_path / "nowhere")
        await pilot.click("#export-md")
        await _until(pilot, lambda: any("does not exist" in n.message for n in app._notifications))
        assert not (tmp_path / "nowhere").exists()


async def test_the_year_can_be_exported_without_the_journal(filled: Store, tmp_path: Path) -> None:
    assert filled.path is not None
    app = CareerlogApp(str(filled.path), clock=lambda: datetime(2024, 12, 31, 18, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.onboarded)
        app.push_screen(YearReviewScreen())
        await _until(pilot, lambda: "2024 in review" in _preview(app))
        app.screen.query_one("#year-no-journal", TickBox).value = True
        app.screen.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.click("#export-md")
        target = tmp_path / export_name(2024, "md")
        await _until(pilot, target.exists)
    page = target.read_text(encoding="utf-8")
    assert "the journal is left out of this document" in page
    assert "Starred win @launch" not in page and "## Journal" not in page
