"""Progress against the chosen track: gathers ratings and evidence, applies the rules.

Evidence is counted with one grouped query per kind, so the cost does not grow
with the journal's size beyond an index range scan of the last 90 days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, func, or_, select

from careerlog.domain.career.progress import (
    EVIDENCE_DAYS,
    Evidence,
    ProgressReport,
    RatingPoint,
    assess,
    evidence_window,
)
from careerlog.domain.career.tracks import TrackNames
from careerlog.domain.model import TrackChoice
from careerlog.services.career.links import track_names
from careerlog.store import tables as t
from careerlog.store.db import Store


def rating_history(
    conn: Connection, track_key: str, names: TrackNames | None = None
) -> list[RatingPoint]:
    """Every rating given on ``track_key`` (self and manager), and the ratings carried
    over to it, each saying the track it was given on."""
    names = names or track_names(conn)
    r, f = t.rating.c, t.reflection.c
    given = conn.execute(
        select(f.day, f.id, r.competency_key, r.value, r.rater, f.snapshot_id)
        .join(t.reflection, f.id == r.reflection_id)
        .where(f.track_key == track_key)
    ).all()
    here = names.track_name(track_key)
    points = [
        RatingPoint(
            row[0], row[1], row[2], row[3], row[4], track_key, names.track_name(track_key, row[5])
        )
        for row in given
    ]
    c = t.carried_rating.c
    for row in conn.execute(
        select(c.from_day, c.competency_key, c.value, c.from_track_key, c.from_snapshot_id).where(
            c.track_key == track_key
        )
    ):
        points.append(
            RatingPoint(
                row[0],
                0,
                row[1],
                row[2],
                "self",
                row[3],
                names.track_name(row[3], row[4]) or here,
                carried=True,
            )
        )
    return sorted(points)


def _evidence(
    conn: Connection, track_key: str, keys: list[str], today: date
) -> tuple[dict[str, Evidence], int]:
    """Evidence per competency of ``track_key`` in the window, and the window's
    learning minutes with each activity counted once."""
    first, last = evidence_window(today)
    start = datetime.combine(first, time.min)
    end = datetime.combine(last + timedelta(days=1), time.min)
    ec, e = t.entry_competency.c, t.entry.c
    # No filter on the link here: with only the date range, SQLite walks the written_at
    # index for the window (under 1 ms at 100k entries) instead of every link of the
    # track's competencies (50-150 ms); other tracks and keys are dropped below.
    entries: dict[str, int] = {
        str(row[1]): int(row[2])
        for row in conn.execute(
            select(ec.track_key, ec.competency_key, func.count())
            .join(t.entry, e.id == ec.entry_id)
            .where(e.written_at >= start, e.written_at < end)
            .group_by(ec.track_key, ec.competency_key)
        ).all()
        if row[0] == track_key
    }
    ac, a = t.activity_competency.c, t.activity.c
    inside = and_(a.day >= first, a.day <= last)
    in_window = func.sum(case((inside, 1), else_=0))
    recent = func.sum(case((inside, a.minutes), else_=0))
    activities = {
        row[0]: (int(row[1] or 0), int(row[2] or 0), int(row[3] or 0))
        for row in conn.execute(
            select(ac.competency_key, in_window, recent, func.sum(a.minutes))
            .join(t.activity, a.id == ac.activity_id)
            .where(ac.competency_key.in_(keys), ac.track_key == track_key, a.day <= last)
            .group_by(ac.competency_key)
        )
    }
    minutes = int(conn.scalar(select(func.sum(a.minutes)).where(inside)) or 0)
    gc, g = t.goal_competency.c, t.goal.c
    goals: dict[str, int] = dict(
        conn.execute(
            select(gc.competency_key, func.count())
            .join(t.goal, g.id == gc.goal_id)
            .where(
                gc.competency_key.in_(keys),
                gc.track_key == track_key,
                g.created_at < end,
                or_(g.closed_at.is_(None), g.closed_at >= start),
            )
            .group_by(gc.competency_key)
        ).all()
    )
    fc, f = t.feedback_competency.c, t.feedback.c
    feedback: dict[str, int] = {
        str(row[0]): int(row[1])
        for row in conn.execute(
            select(fc.competency_key, func.count())
            .join(t.feedback, f.id == fc.feedback_id)
            .where(f.given_at >= start, f.given_at < end, fc.track_key == track_key)
            .group_by(fc.competency_key)
        ).all()
    }
    found: dict[str, Evidence] = {}
    for key in keys:
        count, spent, spent_total = activities.get(key, (0, 0, 0))
        found[key] = Evidence(
            entries=int(entries.get(key, 0)),
            activities=count,
            goals=int(goals.get(key, 0)),
            feedback=feedback.get(key, 0),
            minutes=spent,
            minutes_total=spent_total,
        )
    return found, minutes


def _stance(conn: Connection, today: date) -> list[tuple[date, int]]:
    f = t.reflection.c
    query = (
        select(f.day, f.stance).where(f.stance.is_not(None), f.day <= today).order_by(f.day, f.id)
    )
    return [(row[0], int(row[1])) for row in conn.execute(query)]


def track_progress(
    store: Store, today: date | None = None, choice: TrackChoice | None = None
) -> ProgressReport | None:
    """The progress report for the chosen track, or ``None`` before a track is chosen."""
    from careerlog.services.career.marks import marks_on
    from careerlog.services.tracks import current_choice

    today = today or date.today()
    choice = choice or current_choice(store)
    if choice is None:
        return None
    keys = [c.key for c in choice.track.competencies]
    with store.read() as conn:
        history = rating_history(conn, choice.track.key)
        evidence, minutes = _evidence(conn, choice.track.key, keys, today)
        stance = _stance(conn, today)
        marks = marks_on(conn, choice.track.key, today)
    return assess(
        choice.track,
        choice.level_key,
        history,
        evidence,
        today,
        stance,
        since=choice.chosen_at.date(),
        learning_minutes=minutes,
        not_applicable=marks.not_applicable,
        focus=marks.focus,
    )


def report_as_dict(report: ProgressReport) -> dict[str, Any]:
    """Plain data for ``track status --json`` and exports (readiness as a 0-1 share)."""
    return {
        "track": report.track_key,
        "track_name": report.track_name,
        "level": report.level_key,
        "level_name": report.level_name,
        "next_level": report.next_level_key,
        "next_level_name": report.next_level_name,
        "as_of": report.as_of.isoformat(),
        "readiness": None if report.readiness is None else round(report.readiness, 4),
        "ready_count": report.ready_count,
        "applicable_count": report.applicable_count,
        "held_since": None if report.held_since is None else report.held_since.isoformat(),
        "months_sustained": report.months_sustained,
        "evidence_days": EVIDENCE_DAYS,
        "stale": list(report.stale),
        "learning_minutes": report.learning_minutes,
        "stance": [{"day": day.isoformat(), "stance": value} for day, value in report.stance],
        "competencies": [
            {
                "key": c.key,
                "name": c.name,
                "group": c.group,
                "expected": c.expected,
                "expected_next": c.expected_next,
                "latest": c.latest,
                "meets_current": c.meets_current,
                "meets_next": c.meets_next,
                "trend": c.trend,
                "ratings": [
                    {
                        "day": p.day.isoformat(),
                        "value": p.value,
                        "rater": p.rater,
                        "track": p.track_key,
                        "track_name": p.track_name,
                        "carried": p.carried,
                    }
                    for p in c.ratings
                ],
                "manager": c.manager,
                "evidence": {
                    "entries": c.evidence.entries,
                    "activities": c.evidence.activities,
                    "goals": c.evidence.goals,
                    "feedback": c.evidence.feedback,
                },
                "learning_minutes": c.evidence.minutes,
                "learning_minutes_total": c.evidence.minutes_total,
                "stale": c.stale,
                "not_applicable": c.not_applicable,
                "focus": c.focus,
            }
            for c in report.competencies
        ],
    }
