"""The sample journal's records other than entries: goals with milestones, learning
activities and reflections, plus the helpers both halves share (the person's plan over
time, id allocation, bulk inserts). See :mod:`careerlog.sample`."""

from __future__ import annotations

import random
import tomllib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from careerlog.assets import asset
from careerlog.domain.model import ActivityKind, Track
from careerlog.sample import text as words
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import statements
from careerlog.store.writers import Link

BATCH = 5_000


@dataclass(slots=True)
class Choice:
    at: datetime
    track: Track
    level: str
    reason: str
    snapshot_id: int | None = None
    """Set once the choice's track version is stored."""


@dataclass(slots=True)
class Goal:
    id: int
    created: datetime
    closed: datetime | None
    competencies: list[Link] = field(default_factory=list)


class Plan:
    """Where the person stands at any moment: their track and how far along they are."""

    def __init__(self, start: date, end: date, choices: list[Choice]) -> None:
        self.start = datetime.combine(start, time.min)
        self.span = max((end - start).days + 1, 1) * 86400.0
        self.choices = choices
        self._times = [choice.at for choice in choices]

    def phase(self, when: datetime) -> float:
        return min(max((when - self.start).total_seconds() / self.span, 0.0), 1.0)

    def choice(self, when: datetime) -> Choice:
        return self.choices[max(bisect_right(self._times, when) - 1, 0)]

    def at(self, fraction: float, hour: int = 9) -> datetime:
        day = self.start + timedelta(seconds=fraction * self.span)
        return datetime.combine(day.date(), time(hour))


class Ids:
    """Next free id per table, so links can be written without reading ids back."""

    def __init__(self, conn: Connection) -> None:
        self._next: dict[str, int] = {}
        for table in (t.goal, t.milestone, t.activity, t.entry, t.reflection, t.reflection_answer):
            self._next[table.name] = int(conn.scalar(select(func.max(table.c.id))) or 0) + 1

    def take(self, table: Table) -> int:
        value = self._next[table.name]
        self._next[table.name] = value + 1
        return value


def competencies(rng: random.Random, plan: Plan, when: datetime, most: int) -> list[Link]:
    """One to ``most`` competencies of the track chosen at ``when``, as stored links."""
    choice = plan.choice(when)
    keys = [c.key for c in choice.track.competencies]
    return [
        (choice.track.key, key, choice.snapshot_id)
        for key in rng.sample(keys, rng.randint(1, most))
    ]


def between(rng: random.Random, low: datetime, high: datetime) -> datetime:
    seconds = max(int((high - low).total_seconds()), 0)
    return (low + timedelta(seconds=rng.randint(0, seconds))).replace(second=0)


def _goal_status(rng: random.Random, due: date, end: date) -> str:
    if due <= end - timedelta(days=14):
        return rng.choices(["achieved", "dropped", "paused", "active"], [60, 20, 8, 12])[0]
    return rng.choices(["active", "paused"], [85, 15])[0]


def insert_goals(
    conn: Connection, rng: random.Random, plan: Plan, ids: Ids, count: int, end: date
) -> list[Goal]:
    created = sorted(plan.at(rng.uniform(0.0, 0.95), rng.randint(8, 18)) for _ in range(count))
    due = [c.date() + timedelta(days=rng.randint(45, 240)) for c in created]
    statuses = [_goal_status(rng, d, end) for d in due]
    for needed, index in (("achieved", 0), ("dropped", 1), ("active", count - 1)):
        if needed not in statuses:
            statuses[index] = needed
    final = datetime.combine(end, time(18))
    goal_rows, milestone_rows, link_rows, goals = [], [], [], []
    for made, due_day, status in zip(created, due, statuses, strict=True):
        goal = Goal(ids.take(t.goal), made, None, competencies(rng, plan, made, 3))
        deadline = min(datetime.combine(due_day, time(17)), final)
        if status in ("achieved", "dropped"):
            goal.closed = between(rng, made + (deadline - made) / 2, deadline)
        steps = rng.randint(2, 5)
        if status == "achieved":
            done = steps
        elif status == "dropped":
            done = rng.randint(0, steps - 1)
        else:
            done = min(int(steps * plan.phase(final) - steps * plan.phase(made) + 0.5), steps - 1)
        until = goal.closed or final
        stamps = sorted(between(rng, made, until) for _ in range(done))
        titles = rng.sample(words.MILESTONES, steps)
        for position, title in enumerate(titles):
            milestone_rows.append(
                {
                    "id": ids.take(t.milestone),
                    "goal_id": goal.id,
                    "title": words.fill(rng, title),
                    "position": position,
                    "created_at": made,
                    "done_at": stamps[position] if position < done else None,
                }
            )
        goal_rows.append(
            {
                "id": goal.id,
                "title": words.fill(rng, rng.choice(words.GOAL_TITLES)),
                "why": rng.choice(words.GOAL_WHYS),
                "status": status,
                "due": due_day,
                "progress_manual": None,
                "created_at": made,
                "updated_at": max([made, *stamps, *([goal.closed] if goal.closed else [])]),
                "closed_at": goal.closed,
                "version": 1,
            }
        )
        link_rows += [(goal.id, link) for link in goal.competencies]
        goals.append(goal)
    bulk(conn, t.goal, goal_rows)
    bulk(conn, t.milestone, milestone_rows)
    writers.link_competencies(statements(conn), "goal", link_rows)
    return goals


def open_goal(rng: random.Random, goals: Sequence[Goal], when: datetime) -> int | None:
    open_now = [g.id for g in goals if g.created <= when and (g.closed is None or g.closed >= when)]
    return rng.choice(open_now) if open_now else None


def insert_activities(
    conn: Connection,
    rng: random.Random,
    plan: Plan,
    ids: Ids,
    goals: Sequence[Goal],
    count: int,
) -> int:
    kinds = [kind.value for kind in ActivityKind]
    chosen = kinds + rng.choices(kinds, [3, 4, 2, 3, 2, 1, 1, 2, 4], k=count - len(kinds))
    rows, links = [], []
    for kind in chosen:
        when = plan.at(rng.random(), 20)
        low, high = words.ACTIVITY_MINUTES[kind]
        activity_id = ids.take(t.activity)
        title = words.fill(rng, rng.choice(words.ACTIVITY_TITLES[kind]))
        linked = kind in ("course", "book", "conference", "certification") and rng.random() < 0.5
        slug = "-".join(title.lower().split()[:4]).strip(":")
        rows.append(
            {
                "id": activity_id,
                "title": title,
                "kind": kind,
                "day": when.date(),
                "minutes": rng.randint(low // 5, high // 5) * 5,
                "goal_id": open_goal(rng, goals, when) if rng.random() < 0.4 else None,
                "notes": words.compose_answer(rng, plan.phase(when)),
                "link": f"https://example.com/{kind}/{slug}" if linked else "",
                "created_at": when,
            }
        )
        links += [(activity_id, link) for link in competencies(rng, plan, when, 2)]
    bulk(conn, t.activity, rows)
    writers.link_competencies(statements(conn), "activity", links)
    return len(rows)


def _prompts(key: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, text, the tracks it is asked on; empty for every track) of each prompt."""
    data = tomllib.loads(asset("prompts", f"{key}.toml").read_text(encoding="utf-8"))
    return [(p["id"], p["text"], tuple(p.get("tracks", ()))) for p in data["prompts"]]


def _reflection_days(rng: random.Random, start: date, end: date) -> Iterator[tuple[str, date]]:
    """Most Fridays, every quarter's last day and the 28th of December, in date order."""
    day = start
    while day <= end:
        if (day.month, day.day) == (12, 28):
            yield "yearly", day
        if (day + timedelta(days=1)).month != day.month and day.month % 3 == 0:
            yield "quarterly", day
        elif day.weekday() == 4 and rng.random() < 0.7:
            yield "weekly", day
        day += timedelta(days=1)


def insert_reflections(
    conn: Connection, rng: random.Random, plan: Plan, ids: Ids, start: date, end: date
) -> int:
    prompts = {key: _prompts(key) for key in ("weekly", "quarterly", "yearly")}
    skill = {
        c.key: rng.uniform(1.6, 2.6) + (0.8 if c.group == "craft" else 0.0)
        for choice in plan.choices
        for c in choice.track.competencies
    }
    reflections, answers, ratings = [], [], []
    for set_key, day in _reflection_days(rng, start, end):
        when = datetime.combine(day, time(17, 30))
        phase, choice = plan.phase(when), plan.choice(when)
        reflection_id = ids.take(t.reflection)
        rated = set_key != "weekly"
        stance = round(15 + 35 * phase + rng.gauss(0, 6)) if rated else None
        reflections.append(
            {
                "id": reflection_id,
                "set_key": set_key,
                "day": day,
                "created_at": when,
                "track_key": choice.track.key,
                "level_key": choice.level,
                "stance": None if stance is None else min(max(stance, 0), 100),
                "snapshot_id": choice.snapshot_id,
            }
        )
        answers += [
            {
                "id": ids.take(t.reflection_answer),
                "reflection_id": reflection_id,
                "prompt_id": prompt_id,
                "prompt_text": prompt_text,
                "answer": words.compose_answer(rng, phase),
            }
            for prompt_id, prompt_text, tracks in prompts[set_key]
            if not tracks or choice.track.key in tracks
        ]
        if rated:
            values = {
                c.key: min(max(round(skill[c.key] + 1.4 * phase + rng.gauss(0, 0.3)), 1), 5)
                for c in choice.track.competencies
            }
            ratings += [
                {
                    "reflection_id": reflection_id,
                    "competency_key": key,
                    "value": value,
                    "rater": "self",
                }
                for key, value in values.items()
            ]
            if set_key == "yearly":  # the year-end review, with the manager's view beside it
                ratings += [
                    {
                        "reflection_id": reflection_id,
                        "competency_key": key,
                        "value": min(max(value + rng.choice((-1, 0, 0, 1)), 1), 5),
                        "rater": "manager",
                    }
                    for key, value in values.items()
                ]
    bulk(conn, t.reflection, reflections)
    bulk(conn, t.reflection_answer, answers)
    bulk(conn, t.rating, ratings)
    return len(reflections)


def insert_feedback(conn: Connection, rng: random.Random, plan: Plan, count: int) -> int:
    """What colleagues said, spread over the span, each linked to one or two competencies
    of the track held at the time."""
    sql = statements(conn)
    links: list[tuple[int, Link]] = []
    for _ in range(count):
        when = plan.at(rng.uniform(0.05, 1.0), rng.randint(9, 17))
        row = writers.feedback_row(
            rng.choice(words.PEOPLE),
            words.fill(rng, rng.choice(words.FEEDBACK)) + ".",
            when,
            when,
            rng.choice(words.FEEDBACK_ROLES),
        )
        feedback_id = writers.insert_feedback(sql, row)
        links += [(feedback_id, link) for link in competencies(rng, plan, when, 2)]
    writers.link_competencies(sql, "feedback", links)
    return count


def bulk(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    for first in range(0, len(rows), BATCH):
        conn.execute(insert(table), list(rows[first : first + BATCH]))
