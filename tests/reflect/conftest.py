"""A journal for the reflection, progress and fit screens: a technical engineer with two
past quarterly reflections, some evidence and learning, all at fixed dates before the
UI tests' pinned "now" (Monday 16 March 2026)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from careerlog.domain.model import ActivityKind
from careerlog.services import connect, goals, journal, learning, tracks
from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.store import tables as t


@pytest.fixture
def reflect_db(tmp_path: Path, new_store_file: Callable[[Path], Path]) -> Iterator[Path]:
    path = new_store_file(tmp_path / "reflect.db")
    store = connect(str(path))
    try:
        choice = tracks.choose_track(store, "technical", "intermediate", reason="first choice")
        with store.write() as conn:  # chosen on 1 September 2025, before everything below
            conn.execute(
                update(t.track_choice)
                .where(t.track_choice.c.id == choice.id)
                .values(chosen_at=datetime(2025, 9, 1, 9))
            )
        quarterly = load_prompt_catalogue().get("quarterly")
        save_reflection(
            store,
            quarterly,
            {"what-and-how": "Mostly my own expertise."},
            {"professional-knowledge": 2, "research": 2, "communication": 2},
            30,
            day=date(2025, 10, 2),
        )
        save_reflection(
            store,
            quarterly,
            {"what-and-how": "More through other people."},
            {"professional-knowledge": 4, "research": 2, "communication": 3},
            40,
            day=date(2025, 12, 20),
        )
        journal.add_entry(
            store,
            "Read the tracing papers",
            when=datetime(2026, 3, 2, 9),
            competencies=["research"],
        )
        learning.log_activity(
            store,
            "Methods course",
            ActivityKind.COURSE,
            day=date(2026, 2, 10),
            minutes=120,
            competencies=["research"],
        )
        talk = goals.add_goal(store, "Talk at the meetup", competencies=["communication"])
        with store.write() as conn:  # as if set on 2 February, before the pinned "now"
            when = datetime(2026, 2, 2, 9)
            conn.execute(
                update(t.goal)
                .where(t.goal.c.id == talk.id)
                .values(created_at=when, updated_at=when)
            )
        yield path
    finally:
        store.close()
