"""The review roll-up: what a week, month or quarter held, for a review session.

Definitions (the tests work them out on a known journal):

- **written**: entries written in the period, their words, and the starred ones as
  highlights (newest first).
- **learned**: learning activities done in the period and their minutes (each once),
  also per linked competency (an activity linked to two competencies counts under
  both, so those figures can add up to more than the total).
- **achieved**: goals marked achieved in the period and milestones ticked in it.
- **moved / stalled**: a goal open at some point in the period (created by its end,
  not closed before its start, not dropped in it) *moved* if it got a milestone
  ticked, a linked entry, a linked activity or was achieved in the period. One that
  did not is *stalled*, unless it was only created in the period (then it is *new*).
- **competencies with / without evidence**: the chosen track's competencies;
  evidence = entries and activities of the period linked to them on this track, and
  goals so linked that moved or were created in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, select

from careerlog.domain.text import one_line
from careerlog.domain.timeline import Period, TimelineFilter, TimelineItem, period_range
from careerlog.services import timeline
from careerlog.services.career.links import track_names
from careerlog.services.stats import entry_totals
from careerlog.store import tables as t
from careerlog.store.db import Store
from careerlog.store.snapshot import moments_between, sql_query

REFLECTION_FOR = {Period.WEEK: "weekly", Period.MONTH: "weekly", Period.QUARTER: "quarterly"}
"""The prompt set a review ends in. There is no monthly set: a month ends in the
weekly check-in, the lighter of the two."""


@dataclass(frozen=True, slots=True)
class Learned:
    id: int
    title: str
    kind: str
    day: date
    minutes: int


@dataclass(frozen=True, slots=True)
class GoalInPeriod:
    id: int
    title: str
    status: str
    milestones_done: tuple[str, ...] = ()
    entries: int = 0
    activities: int = 0
    achieved: bool = False

    @property
    def moved(self) -> bool:
        return bool(self.milestones_done or self.entries or self.activities or self.achieved)


@dataclass(frozen=True, slots=True)
class CompetencyEvidence:
    key: str
    name: str
    group: str
    entries: int = 0
    activities: int = 0
    goals: int = 0
    minutes: int = 0
    feedback: int = 0

    @property
    def total(self) -> int:
        return self.entries + self.activities + self.goals + self.feedback


@dataclass(frozen=True, slots=True)
class Review:
    period: Period
    start: date
    end: date
    entries: int
    words: int
    highlights: tuple[TimelineItem, ...]
    learned: tuple[Learned, ...]
    minutes_by_competency: tuple[tuple[str, int], ...]
    """(competency name, minutes): an activity counts under each of its competencies."""
    achieved: tuple[GoalInPeriod, ...]
    milestones_done: tuple[tuple[str, str], ...]
    """(goal title, milestone title), in the order they were ticked."""
    moved: tuple[GoalInPeriod, ...]
    stalled: tuple[GoalInPeriod, ...]
    new: tuple[GoalInPeriod, ...]
    track_name: str | None
    with_evidence: tuple[CompetencyEvidence, ...]
    without_evidence: tuple[CompetencyEvidence, ...]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.learned)

    @property
    def reflection_set(self) -> str:
        return REFLECTION_FOR[self.period]

    @property
    def label(self) -> str:
        if self.period is Period.WEEK:
            iso = self.start.isocalendar()
            return f"Week {iso.week}, {iso.year} ({self.start:%d %b} to {self.end:%d %b})"
        if self.period is Period.MONTH:
            return self.start.strftime("%B %Y")
        return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"


def _rows(conn: Connection, query: Any) -> list[Any]:
    """Rows typed loosely: the columns are known from the query right above each use."""
    return list(conn.execute(query).all())


def _values(conn: Connection, query: Any) -> list[Any]:
    return list(conn.scalars(query).all())


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def _goals(conn: Connection, start: date, end: date) -> list[GoalInPeriod]:
    g = t.goal
    first, after = _bounds(start, end)
    rows: list[Any] = list(
        conn.execute(
            select(g.c.id, g.c.title, g.c.status, g.c.created_at, g.c.closed_at)
            .where(g.c.created_at < after)
            .where((g.c.closed_at.is_(None)) | (g.c.closed_at >= first))
            .order_by(g.c.created_at, g.c.id)
        ).all()
    )
    ids = [row.id for row in rows]
    m = t.milestone
    ticked: dict[int, list[str]] = {}
    for goal_id, title in _rows(
        conn,
        select(m.c.goal_id, m.c.title)
        .where(m.c.goal_id.in_(ids), m.c.done_at >= first, m.c.done_at < after)
        .order_by(m.c.done_at, m.c.id),
    ):
        ticked.setdefault(int(goal_id), []).append(str(title))
    eg, e = t.entry_goal, t.entry
    entries = Counter(
        int(goal_id)
        for goal_id in _values(
            conn,
            select(eg.c.goal_id)
            .join(e, e.c.id == eg.c.entry_id)
            .where(eg.c.goal_id.in_(ids), e.c.written_at >= first, e.c.written_at < after),
        )
    )
    a = t.activity
    activities = Counter(
        int(goal_id)
        for goal_id in _values(
            conn,
            select(a.c.goal_id).where(a.c.goal_id.in_(ids), a.c.day >= start, a.c.day <= end),
        )
    )
    goals = []
    for row in rows:
        closed_inside = row.closed_at is not None and first <= row.closed_at < after
        if row.status == "dropped" and closed_inside:
            continue
        goals.append(
            GoalInPeriod(
                row.id,
                one_line(row.title, 120),
                row.status,
                tuple(ticked.get(row.id, ())),
                entries[row.id],
                activities[row.id],
                row.status == "achieved" and closed_inside,
            )
        )
    return goals


def _learned(conn: Connection, start: date, end: date) -> list[Learned]:
    a = t.activity
    rows = conn.execute(
        select(a.c.id, a.c.title, a.c.kind, a.c.day, a.c.minutes)
        .where(a.c.day >= start, a.c.day <= end)
        .order_by(a.c.day, a.c.id)
    ).all()
    return [Learned(r.id, one_line(r.title, 120), r.kind, r.day, r.minutes) for r in rows]


def _evidence(
    conn: Connection,
    start: date,
    end: date,
    goals: list[GoalInPeriod],
    created: set[int],
    track_key: str | None,
) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str], Counter[str]]:
    """Evidence counts by competency key of ``track_key``, and minutes by the name of
    every competency (any track) the period's activities are linked to."""
    first, after = _bounds(start, end)
    ec, e = t.entry_competency, t.entry
    entries = Counter(
        str(key)
        for (key,) in conn.execute(
            select(ec.c.competency_key)
            .join(e, e.c.id == ec.c.entry_id)
            .where(e.c.written_at >= first, e.c.written_at < after, ec.c.track_key == track_key)
        ).all()
    )
    ac, a = t.activity_competency, t.activity
    activities: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    names = track_names(conn)
    for key, owner, snapshot_id, spent in _rows(
        conn,
        select(ac.c.competency_key, ac.c.track_key, ac.c.snapshot_id, a.c.minutes)
        .join(a, a.c.id == ac.c.activity_id)
        .where(a.c.day >= start, a.c.day <= end),
    ):
        if owner == track_key:
            activities[str(key)] += 1
        minutes[names.link(owner, key, snapshot_id).label(track_key)] += int(spent)
    counted = [goal.id for goal in goals if goal.moved or goal.id in created]
    gc = t.goal_competency
    linked = Counter(
        str(key)
        for (key,) in conn.execute(
            select(gc.c.competency_key).where(
                gc.c.goal_id.in_(counted), gc.c.track_key == track_key
            )
        ).all()
    )
    fc, f = t.feedback_competency, t.feedback
    feedback = Counter(
        str(key)
        for (key,) in conn.execute(
            select(fc.c.competency_key)
            .join(f, f.c.id == fc.c.feedback_id)
            .where(f.c.given_at >= first, f.c.given_at < after, fc.c.track_key == track_key)
        ).all()
    )
    return entries, activities, linked, minutes, feedback


def review(store: Store, period: Period | str, day: date | None = None) -> Review:
    """The roll-up of the ``period`` (week Mon-Sun, month or quarter) holding ``day``."""
    from careerlog.services.tracks import current_choice

    period = Period(period)
    start, end = period_range(period, day or date.today())
    first, after = _bounds(start, end)
    choice = current_choice(store)
    highlights = timeline.page(
        store, TimelineFilter(starred=True, start=start, end=end), limit=10
    ).items
    with store.read() as conn:
        entry_count, _, words = entry_totals(
            sql_query(conn), moments_between("e.written_at", start, end)
        )
        goals = _goals(conn, start, end)
        g = t.goal
        created = {
            int(goal_id)
            for goal_id in _values(
                conn, select(g.c.id).where(g.c.created_at >= first, g.c.created_at < after)
            )
        }
        learned = _learned(conn, start, end)
        entries, activities, linked, minutes, feedback = _evidence(
            conn, start, end, goals, created, choice.track.key if choice else None
        )
        m = t.milestone
        ticked = [
            (one_line(str(goal_title), 120), one_line(str(title), 120))
            for goal_title, title in conn.execute(
                select(g.c.title, m.c.title)
                .join(g, g.c.id == m.c.goal_id)
                .where(m.c.done_at >= first, m.c.done_at < after)
                .order_by(m.c.done_at, m.c.id)
            ).all()
        ]
    evidence = [
        CompetencyEvidence(
            c.key,
            c.name,
            c.group,
            entries[c.key],
            activities[c.key],
            linked[c.key],
            minutes[c.name],
            feedback[c.key],
        )
        for c in (choice.track.competencies if choice else ())
    ]
    with_evidence = sorted((c for c in evidence if c.total), key=lambda c: -c.total)
    return Review(
        period=period,
        start=start,
        end=end,
        entries=entry_count,
        words=words,
        highlights=highlights,
        learned=tuple(learned),
        minutes_by_competency=tuple(sorted(minutes.items(), key=lambda kv: (-kv[1], kv[0]))),
        achieved=tuple(goal for goal in goals if goal.achieved),
        milestones_done=tuple(ticked),
        moved=tuple(goal for goal in goals if goal.moved),
        stalled=tuple(goal for goal in goals if not goal.moved and goal.id not in created),
        new=tuple(goal for goal in goals if not goal.moved and goal.id in created),
        track_name=choice.track.name if choice else None,
        with_evidence=tuple(with_evidence),
        without_evidence=tuple(c for c in evidence if not c.total),
    )
