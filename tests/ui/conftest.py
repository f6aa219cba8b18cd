"""UI test helpers: a journal with fixed dates, an app whose clock is pinned, and a way
to wait until the screens have their data (workers finished) before asserting."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from textual.pilot import Pilot

from careerlog.domain.model import ActivityKind
from careerlog.services import Store, connect, goals, journal, learning, tracks
from careerlog.store import tables as t
from careerlog.ui.app import CareerlogApp
from careerlog.ui.textual_private import screen_lines

NOW = datetime(2026, 3, 16, 18, 30)
"""A Monday evening; every date the tests write is relative to it."""
SIZE = (100, 32)


def fixed_clock() -> datetime:
    return NOW


def make_app(db: Path | str) -> CareerlogApp:
    return CareerlogApp(str(db), clock=fixed_clock)


async def settle(pilot: Pilot[int], timeout: float = 10.0) -> None:
    """Wait until the store is open and no worker is running, then let messages land."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await pilot.pause(0.05)
        busy = [w for w in app.workers if not w.is_finished]
        if not busy and (app.store_is_open or app.fatal_message):
            # Results travel as messages, then widgets mount and paint: let them land.
            for _ in range(3):
                await pilot.pause()
            await pilot.pause(0.1)
            if not [w for w in app.workers if not w.is_finished]:
                return
    raise AssertionError(f"the app did not settle: {list(app.workers)}")


async def until(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type like a person: one key per character (space and symbols included)."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


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
def journal_db(tmp_path: Path) -> Iterator[Journal]:
    """A person on the technical-leadership track with entries, goals and learning,
    all at fixed dates before :data:`NOW`."""
    path = tmp_path / "journal.db"
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
