"""A small journal with known dates, shared by the timeline, review and stats tests.

Everything happens in 2024. Newest first, the timeline of ``journal`` is:

    2024-03-08 17:00  goal-achieved  goal 2 "Present at the all-hands"
    2024-03-08 08:00  entry 5        "Gave the all-hands talk @work" (starred)
    2024-03-08        reflection 1   weekly (answer mentions delegation; rates communication)
    2024-03-07        activity 2     "Mentoring session" (communication, 45 min)
    2024-03-06 18:30  entry 4        "Quiet day"
    2024-03-06 15:00  milestone 1    "Draft plan" of goal 1
    2024-03-05 09:00  entry 3        "Coffee with mentor about delegation…" (starred)
    2024-03-05 09:00  entry 2        "Read about delegation @reading" (starred)
    2024-03-05        activity 1     "Delegation course" (team-leadership, goal 1, 90 min)
    2024-03-04 09:00  entry 1        "Planned the migration…" (goal 1, team-leadership)
    2024-03-01 12:00  goal-dropped   goal 3 "Learn Rust"
    2024-02-10 09:00  goal-created   goal 3
    2024-02-01 09:00  goal-created   goal 2 (communication)
    2024-01-05 10:00  goal-created   goal 1 "Lead the migration project" (team-leadership)
    2024-01-02 09:00  track-change   management, junior
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert, update

from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.services.goals import add_goal, set_status, toggle_milestone
from careerlog.services.journal import add_entry
from careerlog.services.learning import log_activity
from careerlog.services.tracks import choose_track
from careerlog.store import tables as t
from careerlog.store.db import Store

EXPECTED_ORDER = [
    ("goal-achieved", 2),
    ("entry", 5),
    ("reflection", 1),
    ("activity", 2),
    ("entry", 4),
    ("milestone", 1),
    ("entry", 3),
    ("entry", 2),
    ("activity", 1),
    ("entry", 1),
    ("goal-dropped", 3),
    ("goal-created", 3),
    ("goal-created", 2),
    ("goal-created", 1),
    ("track-change", 1),
]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2024, month, day, hour, minute)


def build_journal(store: Store) -> Store:
    choose_track(store, "management", "junior", "start")
    g1 = add_goal(
        store,
        "Lead the migration project",
        competencies=["team-leadership"],
        milestones=["Draft plan", "Kickoff"],
    )
    g2 = add_goal(store, "Present at the all-hands", competencies=["communication"])
    g3 = add_goal(store, "Learn Rust")
    toggle_milestone(store, g1.id, g1.milestones[0].id)
    set_status(store, g2.id, GoalStatus.ACHIEVED)
    set_status(store, g3.id, GoalStatus.DROPPED)
    add_entry(
        store,
        "Planned the migration with the team @work",
        when=at(4, 9),
        goal_ids=[g1.id],
        competencies=["team-leadership"],
    )
    add_entry(store, "Read about delegation @reading", when=at(5, 9), starred=True)
    add_entry(
        store,
        "Coffee with mentor about delegation and feedback @work",
        when=at(5, 9),
        starred=True,
        competencies=["communication"],
    )
    add_entry(store, "Quiet day", when=at(6, 18, 30))
    add_entry(
        store,
        "Gave the all-hands talk @work",
        when=at(8, 8),
        starred=True,
        goal_ids=[g2.id],
        competencies=["communication"],
    )
    log_activity(
        store,
        "Delegation course",
        ActivityKind.COURSE,
        day=date(2024, 3, 5),
        minutes=90,
        competencies=["team-leadership"],
        goal_id=g1.id,
    )
    log_activity(
        store,
        "Mentoring session",
        ActivityKind.MENTORING_RECEIVED,
        day=date(2024, 3, 7),
        minutes=45,
        competencies=["communication"],
    )
    with store.write() as conn:
        conn.execute(update(t.track_choice).values(chosen_at=at(2, 9, month=1)))
        for goal_id, created in (
            (g1.id, at(5, 10, month=1)),
            (g2.id, at(1, 9, month=2)),
            (g3.id, at(10, 9, month=2)),
        ):
            conn.execute(update(t.goal).where(t.goal.c.id == goal_id).values(created_at=created))
        conn.execute(update(t.goal).where(t.goal.c.id == g2.id).values(closed_at=at(8, 17)))
        conn.execute(update(t.goal).where(t.goal.c.id == g3.id).values(closed_at=at(1, 12)))
        conn.execute(
            update(t.milestone).where(t.milestone.c.done_at.is_not(None)).values(done_at=at(6, 15))
        )
        reflection_id = conn.execute(
            insert(t.reflection).values(
                set_key="weekly",
                day=date(2024, 3, 8),
                created_at=at(8, 18),
                track_key="management",
                level_key="junior",
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(t.reflection_answer).values(
                reflection_id=reflection_id,
                prompt_id="went-well",
                prompt_text="What went well?",
                answer="The talk on delegation went well",
            )
        )
        conn.execute(
            insert(t.rating).values(
                reflection_id=reflection_id, competency_key="communication", value=3
            )
        )
    return store


@pytest.fixture
def journal(store: Store) -> Store:
    return build_journal(store)
