"""UI test helpers: a journal with fixed dates, an app whose clock is pinned, and a way
to wait until the screens have their data (workers finished) before asserting."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from textual.pilot import Pilot
from textual.worker import Worker

from careerlog.domain.model import ActivityKind
from careerlog.services import Store, connect, goals, journal, learning, tracks
from careerlog.store import tables as t
from careerlog.ui.app import CareerlogApp
from careerlog.ui.textual_private import screen_lines

NOW = datetime(2026, 3, 16, 18, 30)
"""A Monday evening; every date the tests write is relative to it."""
SIZE = (100, 32)
SNAP_SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
"""Every screen's snapshot is taken at the smallest size careerlog is drawn for and at a
roomy one (NO_COLOR and TEXTUAL_THEME are cleared by the root conftest)."""


def fixed_clock() -> datetime:
    return NOW


def make_app(db: Path | str) -> CareerlogApp:
    return CareerlogApp(str(db), clock=fixed_clock)


def _busy(app: CareerlogApp) -> list[Worker[object]]:
    return [worker for worker in app.workers if not worker.is_finished]


async def _workers_done(pilot: Pilot[int]) -> None:
    """Wait for the workers running now (failed ones too: the app shows those itself),
    then let the messages they posted land."""
    busy = _busy(pilot.app)  # type: ignore[arg-type]
    if busy:
        await asyncio.gather(*(worker.wait() for worker in busy), return_exceptions=True)
    await pilot.pause()


async def settle(pilot: Pilot[int], timeout: float = 10.0) -> None:
    """Wait until the store is open and no worker is running, then let messages land.

    Waits on the workers themselves instead of sleeping on the clock: a worker's result
    arrives as a message, which may start the next worker, so this goes round until the
    app has been quiet through one more pause."""
    app = pilot.app
    assert isinstance(app, CareerlogApp)

    async def quiet() -> None:
        while True:
            await _workers_done(pilot)
            if not (app.store_is_open or app.fatal_message) and not _busy(app):
                await pilot.pause(0.01)  # the store's worker has not started yet
                continue
            if _busy(app):
                continue
            await pilot.pause()  # widgets mount and paint what the messages carried
            if not _busy(app):
                return

    try:
        await asyncio.wait_for(quiet(), timeout)
    except TimeoutError:
        raise AssertionError(f"the app did not settle: {list(app.workers)}") from None


async def until(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``condition`` holds, waiting on its workers in between."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        if _busy(pilot.app):  # type: ignore[arg-type]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_workers_done(pilot), max(deadline - loop.time(), 0))
        else:
            await pilot.pause(0.02)  # a timer (debounce, autosave) has to fire first


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type like a person: one key per character (space and symbols included)."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def add_goal(pilot: Pilot[int], title: str) -> None:
    """From Today: F3 to Goals, n for the form, the title typed, saved with ctrl+s."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await type_text(pilot, title)
    await pilot.press("ctrl+s")
    await settle(pilot)


def screen_text(app: CareerlogApp) -> str:
    """What the active screen shows now, as plain text (one line per terminal row)."""
    return "\n".join(screen_lines(app.screen))


@dataclass
class Journal:
    path: Path
    goal_id: int
    entry_id: int


def _pin_goal_dates(store: Store, goal_id: int, when: datetime) -> None:
    with store.write() as conn:
        conn.execute(
            update(t.goal).where(t.goal.c.id == goal_id).values(created_at=when, updated_at=when)
        )


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    """A path where no store exists yet: the app starts with onboarding."""
    return tmp_path / "fresh.db"


@pytest.fixture
def journal_db(tmp_path: Path, new_store_file: Callable[[Path], Path]) -> Iterator[Journal]:
    """A person on the technical-leadership track with entries, goals and learning,
    all at fixed dates before :data:`NOW`."""
    path = new_store_file(tmp_path / "journal.db")
    store = connect(str(path))
    try:
        tracks.choose_track(store, "technical-leadership", "lead", reason="first choice")
        goal = goals.add_goal(
            store,
            "Lead the payments migration",
            why="Show I can drive change across teams",
            due=date(2026, 6, 30),
            competencies=["driving-change", "collaboration"],
            milestones=["Write the RFC", "Pilot with one team", "Roll out"],
        )
        goals.toggle_milestone(store, goal.id, goal.milestones[0].id)
        _pin_goal_dates(store, goal.id, datetime(2026, 1, 5, 9, 0))
        second = goals.add_goal(store, "Mentor two juniors", due=date(2026, 2, 28))
        _pin_goal_dates(store, second.id, datetime(2026, 1, 12, 9, 0))
        entry = journal.add_entry(
            store,
            "Paired with Ana on the retry logic @mentoring",
            when=datetime(2026, 3, 16, 10, 15),
            starred=True,
            goal_ids=[goal.id],
        )
        journal.add_entry(
            store, "Wrote the RFC draft for payments @writing", when=datetime(2026, 3, 13, 16, 0)
        )
        journal.add_entry(store, "Quarter planning with the team", when=datetime(2026, 3, 2, 11))
        journal.add_entry(store, "Last year's retro notes", when=datetime(2025, 12, 19, 15))
        learning.log_activity(
            store,
            "Staff Engineer (book)",
            ActivityKind.BOOK,
            day=date(2026, 2, 1),
            minutes=420,
            competencies=["driving-change"],
            goal_id=goal.id,
        )
        learning.log_activity(
            store,
            "Facilitation workshop",
            ActivityKind.TRAINING,
            day=date(2026, 3, 3),
            minutes=180,
            competencies=["collaboration", "team-performance"],
        )
        learning.log_activity(
            store,
            "Mentoring Ana",
            ActivityKind.MENTORING_GIVEN,
            day=date(2026, 3, 10),
            minutes=60,
            competencies=["developing-talent"],
        )
        yield Journal(path, goal.id, entry.id)
    finally:
        store.close()


RunBefore = Callable[[Pilot[int]], Awaitable[None]]
