"""Learning activities: log, list, edit, delete, and time spent by competency/kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Activity, ActivityKind
from careerlog.domain.suggest import did_you_mean
from careerlog.store.db import Store
from careerlog.store.models import ActivityCompetencyRow, ActivityRow, GoalRow
from careerlog.store.session import read_session, write_session

KINDS = tuple(kind.value for kind in ActivityKind)


def parse_kind(kind: str) -> ActivityKind:
    try:
        return ActivityKind(kind.strip().lower())
    except ValueError:
        hint = did_you_mean(kind.strip(), KINDS)
        raise CareerlogError(
            f"unknown kind {kind!r}{hint}; use one of: {', '.join(KINDS)}"
        ) from None


def to_activity(row: ActivityRow) -> Activity:
    return Activity(
        row.id,
        row.title,
        ActivityKind(row.kind),
        row.day,
        row.minutes,
        row.goal_id,
        row.notes,
        row.link,
        tuple(link.competency_key for link in row.competency_links),
    )


def _validate(title: str, minutes: int, link: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise CareerlogError("an activity needs a title")
    if minutes < 0:
        raise CareerlogError("minutes cannot be negative")
    if link and not link.startswith(("http://", "https://")):
        raise CareerlogError("a link must start with http:// or https://")
    return title


def log_activity(
    store: Store,
    title: str,
    kind: ActivityKind,
    *,
    day: date | None = None,
    minutes: int = 0,
    competencies: Sequence[str] = (),
    goal_id: int | None = None,
    notes: str = "",
    link: str = "",
) -> Activity:
    title = _validate(title, minutes, link.strip())
    with write_session(store) as session:
        if goal_id is not None and session.get(GoalRow, goal_id) is None:
            raise NotFoundError(f"no goal with id {goal_id}")
        row = ActivityRow(
            title=title,
            kind=kind.value,
            day=day or date.today(),
            minutes=minutes,
            goal_id=goal_id,
            notes=notes,
            link=link.strip(),
            created_at=datetime.now().replace(microsecond=0),
        )
        row.competency_links = [
            ActivityCompetencyRow(competency_key=k) for k in dict.fromkeys(competencies)
        ]
        session.add(row)
        session.flush()
        return to_activity(row)


def update_activity(
    store: Store,
    activity_id: int,
    title: str,
    kind: ActivityKind,
    *,
    day: date,
    minutes: int,
    competencies: Sequence[str],
    goal_id: int | None,
    notes: str,
    link: str,
) -> Activity:
    title = _validate(title, minutes, link.strip())
    with write_session(store) as session:
        row = session.get(ActivityRow, activity_id)
        if row is None:
            raise NotFoundError(f"no activity with id {activity_id}")
        if goal_id is not None and session.get(GoalRow, goal_id) is None:
            raise NotFoundError(f"no goal with id {goal_id}")
        row.title, row.kind, row.day, row.minutes = title, kind.value, day, minutes
        row.goal_id, row.notes, row.link = goal_id, notes, link.strip()
        row.competency_links = [
            ActivityCompetencyRow(competency_key=k) for k in dict.fromkeys(competencies)
        ]
        session.flush()
        return to_activity(row)


def delete_activity(store: Store, activity_id: int) -> Activity:
    with write_session(store) as session:
        row = session.get(ActivityRow, activity_id)
        if row is None:
            raise NotFoundError(f"no activity with id {activity_id}")
        activity = to_activity(row)
        session.delete(row)
        return activity


def list_activities(
    store: Store, *, year: int | None = None, goal_id: int | None = None, limit: int | None = None
) -> list[Activity]:
    """Newest first."""
    query = select(ActivityRow).order_by(ActivityRow.day.desc(), ActivityRow.id.desc())
    if year is not None:
        query = query.where(
            ActivityRow.day >= date(year, 1, 1), ActivityRow.day <= date(year, 12, 31)
        )
    if goal_id is not None:
        query = query.where(ActivityRow.goal_id == goal_id)
    if limit is not None:
        query = query.limit(limit)
    with read_session(store) as session:
        return [to_activity(row) for row in session.scalars(query)]
