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

import hashlib
import random
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from careerlog.assets import asset
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import ActivityKind, Track
from careerlog.domain.text import find_tags
from careerlog.domain.tracks import track_to_json
from careerlog.services import sample_text as words
from careerlog.services.tracks import load_catalogue
from careerlog.store import tables as t
from careerlog.store.db import Store, new_id

BATCH = 5_000
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


@dataclass(slots=True)
class _Choice:
    at: datetime
    track: Track
    level: str
    reason: str


@dataclass(slots=True)
class _Goal:
    id: int
    created: datetime
    closed: datetime | None
    competencies: list[str] = field(default_factory=list)


class _Plan:
    """Where the person stands at any moment: their track and how far along they are."""

    def __init__(self, start: date, end: date, choices: list[_Choice]) -> None:
        self.start = datetime.combine(start, time.min)
        self.span = max((end - start).days + 1, 1) * 86400.0
        self.choices = choices
        self._times = [choice.at for choice in choices]

    def phase(self, when: datetime) -> float:
        return min(max((when - self.start).total_seconds() / self.span, 0.0), 1.0)

    def choice(self, when: datetime) -> _Choice:
        return self.choices[max(bisect_right(self._times, when) - 1, 0)]

    def at(self, fraction: float, hour: int = 9) -> datetime:
        day = self.start + timedelta(seconds=fraction * self.span)
        return datetime.combine(day.date(), time(hour))


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
    plan = _Plan(start, end, _track_choices(start, end, years))
    with store.write() as conn:
        ids = _Ids(conn)
        _insert_choices(conn, plan.choices)
        goals = _insert_goals(conn, rng, plan, ids, max(4, round(5 * years)), end)
        activities = _insert_activities(conn, rng, plan, ids, goals, max(9, round(40 * years)))
        written = _insert_entries(conn, rng, plan, ids, goals, entries, start, end, progress)
        reflections = _insert_reflections(conn, rng, plan, ids, start, end)
    return SampleSummary(
        written, len(goals), activities, reflections, len(plan.choices), start, end
    )


class _Ids:
    """Next free id per table, so links can be written without reading ids back."""

    def __init__(self, conn: Connection) -> None:
        self._next: dict[str, int] = {}
        for table in (t.goal, t.milestone, t.activity, t.entry, t.reflection, t.reflection_answer):
            self._next[table.name] = int(conn.scalar(select(func.max(table.c.id))) or 0) + 1

    def take(self, table: Table) -> int:
        value = self._next[table.name]
        self._next[table.name] = value + 1
        return value


def _track_choices(start: date, end: date, years: float) -> list[_Choice]:
    catalogue = load_catalogue()
    technical, leadership = catalogue.get("technical"), catalogue.get("technical-leadership")
    plan = _Plan(start, end, [])
    choices = [
        _Choice(
            plan.at(0.0),
            technical,
            "senior",
            "I am happiest deep in the work; senior engineer is the next step I want.",
        ),
        _Choice(
            plan.at(0.55, 10),
            leadership,
            "lead",
            "I keep ending up setting direction and growing people, and I like it. I want to "
            "lead through the craft, not leave it for management.",
        ),
    ]
    if years >= 4:
        choices.append(
            _Choice(
                plan.at(0.85, 11),
                leadership,
                "senior-lead",
                "Reached lead; aiming at senior lead across several teams.",
            )
        )
    return choices


def _insert_choices(conn: Connection, choices: Sequence[_Choice]) -> None:
    """Snapshots exactly as ``choose_track`` writes them (same JSON, same digest)."""
    snapshot_ids: dict[str, int] = {}
    for choice in choices:
        definition = track_to_json(choice.track)
        digest = hashlib.sha256(definition.encode()).hexdigest()
        if digest not in snapshot_ids:
            found = conn.scalar(
                select(t.track_snapshot.c.id).where(t.track_snapshot.c.digest == digest)
            )
            if found is None:
                found = new_id(
                    conn.execute(
                        insert(t.track_snapshot).values(
                            key=choice.track.key,
                            name=choice.track.name,
                            digest=digest,
                            definition=definition,
                            created_at=choice.at,
                        )
                    )
                )
            snapshot_ids[digest] = int(found)
        conn.execute(
            insert(t.track_choice).values(
                snapshot_id=snapshot_ids[digest],
                level_key=choice.level,
                chosen_at=choice.at,
                reason=choice.reason,
            )
        )


def _competencies(rng: random.Random, plan: _Plan, when: datetime, most: int) -> list[str]:
    keys = [c.key for c in plan.choice(when).track.competencies]
    return rng.sample(keys, rng.randint(1, most))


def _between(rng: random.Random, low: datetime, high: datetime) -> datetime:
    seconds = max(int((high - low).total_seconds()), 0)
    return (low + timedelta(seconds=rng.randint(0, seconds))).replace(second=0)


def _goal_status(rng: random.Random, due: date, end: date) -> str:
    if due <= end - timedelta(days=14):
        return rng.choices(["achieved", "dropped", "paused", "active"], [60, 20, 8, 12])[0]
    return rng.choices(["active", "paused"], [85, 15])[0]


def _insert_goals(
    conn: Connection, rng: random.Random, plan: _Plan, ids: _Ids, count: int, end: date
) -> list[_Goal]:
    created = sorted(plan.at(rng.uniform(0.0, 0.95), rng.randint(8, 18)) for _ in range(count))
    due = [c.date() + timedelta(days=rng.randint(45, 240)) for c in created]
    statuses = [_goal_status(rng, d, end) for d in due]
    for needed, index in (("achieved", 0), ("dropped", 1), ("active", count - 1)):
        if needed not in statuses:
            statuses[index] = needed
    final = datetime.combine(end, time(18))
    goal_rows, milestone_rows, link_rows, goals = [], [], [], []
    for made, due_day, status in zip(created, due, statuses, strict=True):
        goal = _Goal(ids.take(t.goal), made, None, _competencies(rng, plan, made, 3))
        deadline = min(datetime.combine(due_day, time(17)), final)
        if status in ("achieved", "dropped"):
            goal.closed = _between(rng, made + (deadline - made) / 2, deadline)
        steps = rng.randint(2, 5)
        if status == "achieved":
            done = steps
        elif status == "dropped":
            done = rng.randint(0, steps - 1)
        else:
            done = min(int(steps * plan.phase(final) - steps * plan.phase(made) + 0.5), steps - 1)
        until = goal.closed or final
        stamps = sorted(_between(rng, made, until) for _ in range(done))
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
        link_rows += [{"goal_id": goal.id, "competency_key": k} for k in goal.competencies]
        goals.append(goal)
    _bulk(conn, t.goal, goal_rows)
    _bulk(conn, t.milestone, milestone_rows)
    _bulk(conn, t.goal_competency, link_rows)
    return goals


def _open_goal(rng: random.Random, goals: Sequence[_Goal], when: datetime) -> int | None:
    open_now = [g.id for g in goals if g.created <= when and (g.closed is None or g.closed >= when)]
    return rng.choice(open_now) if open_now else None


def _insert_activities(
    conn: Connection,
    rng: random.Random,
    plan: _Plan,
    ids: _Ids,
    goals: Sequence[_Goal],
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
                "goal_id": _open_goal(rng, goals, when) if rng.random() < 0.4 else None,
                "notes": words.compose_answer(rng, plan.phase(when)),
                "link": f"https://example.com/{kind}/{slug}" if linked else "",
                "created_at": when,
            }
        )
        links += [
            {"activity_id": activity_id, "competency_key": key}
            for key in _competencies(rng, plan, when, 2)
        ]
    _bulk(conn, t.activity, rows)
    _bulk(conn, t.activity_competency, links)
    return len(rows)


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
    plan: _Plan,
    ids: _Ids,
    goals: Sequence[_Goal],
    count: int,
    start: date,
    end: date,
    progress: Progress | None,
) -> int:
    moments = _entry_times(rng, start, end, count)
    for done in range(0, count, BATCH):
        rows: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        goal_links: list[dict[str, Any]] = []
        comp_links: list[dict[str, Any]] = []
        for when in moments[done : done + BATCH]:
            entry_id = ids.take(t.entry)
            text = words.compose_entry(rng, plan.phase(when))
            rows.append(
                {
                    "id": entry_id,
                    "written_at": when,
                    "text": text,
                    "starred": rng.random() < 0.05,
                    "created_at": when,
                    "updated_at": when,
                    "source_key": None,
                }
            )
            tags += [{"entry_id": entry_id, "tag": tag} for tag in find_tags(text)]
            if rng.random() < 0.12:
                goal_id = _open_goal(rng, goals, when)
                if goal_id is not None:
                    goal_links.append({"entry_id": entry_id, "goal_id": goal_id})
            if rng.random() < 0.18:
                comp_links += [
                    {"entry_id": entry_id, "competency_key": key}
                    for key in _competencies(rng, plan, when, 2)
                ]
        _bulk(conn, t.entry, rows)
        _bulk(conn, t.entry_tag, tags)
        _bulk(conn, t.entry_goal, goal_links)
        _bulk(conn, t.entry_competency, comp_links)
        if progress is not None:
            progress(done + len(rows), count)
    return count


def _prompts(key: str) -> list[tuple[str, str]]:
    data = tomllib.loads(asset("prompts", f"{key}.toml").read_text(encoding="utf-8"))
    return [(prompt["id"], prompt["text"]) for prompt in data["prompts"]]


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


def _insert_reflections(
    conn: Connection, rng: random.Random, plan: _Plan, ids: _Ids, start: date, end: date
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
            for prompt_id, prompt_text in prompts[set_key]
        ]
        if rated:
            ratings += [
                {
                    "reflection_id": reflection_id,
                    "competency_key": c.key,
                    "value": min(max(round(skill[c.key] + 1.4 * phase + rng.gauss(0, 0.3)), 1), 5),
                }
                for c in choice.track.competencies
            ]
    _bulk(conn, t.reflection, reflections)
    _bulk(conn, t.reflection_answer, answers)
    _bulk(conn, t.rating, ratings)
    return len(reflections)


def _bulk(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    for first in range(0, len(rows), BATCH):
        conn.execute(insert(table), list(rows[first : first + BATCH]))
