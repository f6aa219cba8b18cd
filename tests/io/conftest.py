"""Fixtures for the io tests: a store holding one of every kind of record, with text
that tends to break things."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.services.goals import add_goal, set_status, toggle_milestone
from careerlog.services.journal import add_entry
from careerlog.services.learning import log_activity
from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.services.tracks import choose_track
from careerlog.store import tables as t
from careerlog.store.db import Store, open_store

MULTI = (
    "Première ligne — café ☕ @Mentoring\n\nSecond paragraph: 日本語のテキスト.\n\n"
    "- a list\n- **bold**"
)


def fill(store: Store) -> dict[str, object]:
    """Every kind of record: track choices (two), goals (with milestones, closed ones),
    activities, entries across years, reflections with answers/ratings/stance, fit results."""
    choose_track(store, "management", "junior", reason="Ich möchte führen ✨")
    with store.write() as conn:
        conn.execute(update(t.track_choice).values(chosen_at=datetime(2023, 2, 1, 10, 0)))
    choose_track(store, "management", "middle", reason="promoted")
    with store.write() as conn:
        conn.execute(
            update(t.track_choice)
            .where(t.track_choice.c.level_key == "middle")
            .values(chosen_at=datetime(2024, 6, 1, 10, 0))
        )
    g1 = add_goal(
        store,
        "Lead the Ω migration",
        why="Because «reasons»\nand more",
        due=date(2024, 9, 30),
        competencies=["communication", "team-leadership"],
        milestones=["Plan", "Ship 🚀"],
    )
    toggle_milestone(store, g1.id, g1.milestones[0].id)
    g2 = add_goal(store, "Speak at a conference")
    set_status(store, g2.id, GoalStatus.ACHIEVED)
    g3 = add_goal(store, "Learn Rust")
    set_status(store, g3.id, GoalStatus.DROPPED)
    log_activity(
        store,
        "Crucial Conversations",
        ActivityKind.BOOK,
        day=date(2024, 3, 2),
        minutes=300,
        competencies=["communication"],
        goal_id=g1.id,
        notes="Notes with ünïcode\nand lines",
        link="https://example.org/book",
    )
    log_activity(
        store, "Mentored Ana", ActivityKind.MENTORING_GIVEN, day=date(2024, 4, 5), minutes=60
    )
    add_entry(
        store,
        MULTI,
        when=datetime(2024, 1, 15, 8, 30),
        tags=["Focus"],
        starred=True,
        goal_ids=[g1.id],
        competencies=["communication"],
    )
    add_entry(store, "Plain entry in 2023", when=datetime(2023, 12, 31, 23, 59))
    add_entry(store, "Starred win @launch", when=datetime(2024, 7, 1, 12, 0), starred=True)
    add_entry(store, "Day two of a streak", when=datetime(2024, 7, 2, 12, 0))
    catalogue = load_prompt_catalogue()
    quarterly = catalogue.get("quarterly")
    first_prompt, second_prompt = quarterly.prompts[0].id, quarterly.prompts[1].id
    save_reflection(
        store,
        quarterly,
        {first_prompt: "Mostly *what I do*.\n\nAnd 中文."},
        {"communication": 2, "team-leadership": 3},
        30,
        day=date(2024, 3, 31),
    )
    save_reflection(
        store,
        quarterly,
        {second_prompt: "More *how*."},
        {"communication": 4, "team-leadership": 3},
        55,
        day=date(2024, 12, 20),
    )
    with store.write() as conn:
        conn.execute(
            insert(t.fit_result).values(
                taken_at=datetime(2024, 2, 2, 9, 0),
                answers=json.dumps({"likes-people": 5}),
                scores=json.dumps({"management": 80, "technical": 40}),
                best_track="management",
            )
        )
    return {"goal": g1.id, "multi": MULTI}


@pytest.fixture
def filled(store: Store) -> Store:
    """The ``store`` fixture with one of every kind of record in it."""
    fill(store)
    return store


@pytest.fixture
def other(tmp_path: Path, new_store_file: Callable[[Path], Path]) -> Iterator[Store]:
    """A second, empty store to import into."""
    opened = open_store(str(new_store_file(tmp_path / "other.db")))
    yield opened
    opened.close()
