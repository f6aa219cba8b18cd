"""A generated, realistic journal: for ``careerlog demo`` and for the benchmark.

The person is an engineer on the technical track who moves toward technical
leadership over the period: a track switch with a reason, goals (achieved, active,
dropped) with milestones, learning of every kind, journal entries (weekdays busier,
holidays quiet) and weekly, quarterly and yearly reflections whose stance and ratings
drift. Deterministic for a given seed and end date.

Rows go in through Core bulk inserts in one write transaction: 100,000 entries take
seconds, where one service call per entry would take minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, insert

from careerlog.domain.career.tracks import track_to_json
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import find_tags
from careerlog.sample import text as words
from careerlog.sample.records import (
    BATCH,
    Choice,
    Goal,
    Ids,
    Plan,
    competencies,
    insert_activities,
    insert_feedback,
    insert_goals,
    insert_reflections,
    open_goal,
)
from careerlog.services.tracks import load_catalogue
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import Store, statements
from careerlog.store.writers import Link, snapshot_id

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SampleSummary:
    entries: int
    goals: int
    activities: int
    reflections: int
    track_choices: int
    start: date
    end: date
    feedback: int = 0


def generate_journal(
    store: Store,
    *,
    entries: int = 600,
    years: float = 1.5,
    seed: int = 7,
    end: date | None = None,
    progress: Progress | None = None,
) -> SampleSummary:
    """Fill ``store`` with a sample journal of ``entries`` entries over ``years`` years
    ending on ``end`` (default today). ``progress(done, total)`` is called as entries
    are written, for a progress bar."""
    if entries < 0 or years <= 0:
        raise CareerlogError("a sample journal needs zero or more entries over a positive span")
    end = end or date.today()
    start = end - timedelta(days=max(round(years * 365.25), 1) - 1)
    rng = random.Random(seed)
    plan = Plan(start, end, _track_choices(start, end, years))
    with store.write() as conn:
        ids = Ids(conn)
        _insert_choices(conn, plan.choices)
        goals = insert_goals(conn, rng, plan, ids, max(4, round(5 * years)), end)
        activities = insert_activities(conn, rng, plan, ids, goals, max(9, round(40 * years)))
        written = _insert_entries(conn, rng, plan, ids, goals, entries, start, end, progress)
        reflections = insert_reflections(conn, rng, plan, ids, start, end)
        feedback = insert_feedback(conn, rng, plan, max(3, round(8 * years)))
    return SampleSummary(
        written, len(goals), activities, reflections, len(plan.choices), start, end, feedback
    )


def _track_choices(start: date, end: date, years: float) -> list[Choice]:
    catalogue = load_catalogue()
    technical, leadership = catalogue.get("technical"), catalogue.get("technical-leadership")
    plan = Plan(start, end, [])
    choices = [
        Choice(
            plan.at(0.0),
            technical,
            "senior",
            "I am happiest deep in the work; senior engineer is the next step I want.",
        ),
        Choice(
            plan.at(0.55, 10),
            leadership,
            "lead",
            "I keep ending up setting direction and growing people, and I like it. I want to "
            "lead through the craft, not leave it for management.",
        ),
    ]
    if years >= 4:
        choices.append(
            Choice(
                plan.at(0.85, 11),
                leadership,
                "senior-lead",
                "Reached lead; aiming at senior lead across several teams.",
            )
        )
    return choices


def _insert_choices(conn: Connection, choices: Sequence[Choice]) -> None:
    """Snapshots exactly as ``choose_track`` writes them (same JSON, same digest)."""
    sql = statements(conn)
    for choice in choices:
        definition = track_to_json(choice.track)
        snapshot = snapshot_id(sql, choice.track.key, choice.track.name, definition, choice.at)
        choice.snapshot_id = snapshot
        conn.execute(
            insert(t.track_choice).values(
                snapshot_id=snapshot,
                level_key=choice.level,
                chosen_at=choice.at,
                reason=choice.reason,
            )
        )


def _entry_times(rng: random.Random, start: date, end: date, count: int) -> list[datetime]:
    """``count`` moments, denser on weekdays, none in holidays and on quiet days."""
    span = (end - start).days + 1
    weights = [
        (1.0, 1.0, 1.0, 1.0, 0.9, 0.3, 0.2)[(start + timedelta(d)).weekday()] for d in range(span)
    ]
    for _ in range(max(1, round(3 * span / 365))):
        first = rng.randrange(span)
        for day in range(first, min(first + rng.randint(5, 15), span)):
            weights[day] = 0.0
    weights = [w * rng.choice((0, 1, 1, 1, 1, 1, 2, 3)) for w in weights]
    if not any(weights):
        weights = [1.0] * span
    days = rng.choices(range(span), weights, k=count)
    now = datetime.now().replace(second=0, microsecond=0)
    moments = [
        datetime.combine(start + timedelta(days=day), time())
        + timedelta(minutes=rng.randint(420, 1410))
        for day in days
    ]
    return sorted(min(moment, now) for moment in moments)


def _insert_entries(
    conn: Connection,
    rng: random.Random,
    plan: Plan,
    ids: Ids,
    goals: Sequence[Goal],
    count: int,
    start: date,
    end: date,
    progress: Progress | None,
) -> int:
    moments = _entry_times(rng, start, end, count)
    sql = statements(conn)
    for done in range(0, count, BATCH):
        rows: list[dict[str, Any]] = []
        tags: list[tuple[int, str]] = []
        goal_links: list[tuple[int, int]] = []
        comp_links: list[tuple[int, Link]] = []
        for when in moments[done : done + BATCH]:
            entry_id = ids.take(t.entry)
            text = words.compose_entry(rng, plan.phase(when))
            starred = rng.random() < 0.05
            rows.append({"id": entry_id, **writers.entry_row(text, when, when, starred=starred)})
            tags += [(entry_id, tag) for tag in find_tags(text)]
            if rng.random() < 0.12:
                goal_id = open_goal(rng, goals, when)
                if goal_id is not None:
                    goal_links.append((entry_id, goal_id))
            if rng.random() < 0.18:
                comp_links += [(entry_id, key) for key in competencies(rng, plan, when, 2)]
        writers.insert_entries(sql, rows)
        writers.link_entries(sql, tags=tags, goals=goal_links, competencies=comp_links)
        if progress is not None:
            progress(done + len(rows), count)
    return count
