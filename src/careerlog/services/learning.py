"""Learning activities: log, list, edit, delete, and time spent by competency/kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Activity, ActivityKind, CompetencyLink
from careerlog.domain.suggest import did_you_mean
from careerlog.domain.text import link_problem
from careerlog.services.career.links import Wanted, read_links, write_links
from careerlog.services.tracks import choice_on
from careerlog.store.db import Store
from careerlog.store.models import ActivityRow, GoalRow
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


def to_activity(row: ActivityRow, links: tuple[CompetencyLink, ...] = ()) -> Activity:
    return Activity(
        row.id,
        row.title,
        ActivityKind(row.kind),
        row.day,
        row.minutes,
        row.goal_id,
        row.notes,
        row.link,
        links,
    )


def _loaded(session: Session, rows: Sequence[ActivityRow]) -> list[Activity]:
    links = read_links(session.connection(), "activity", [row.id for row in rows])
    return [to_activity(row, links.get(row.id, ())) for row in rows]


def _validate(title: str, minutes: int, link: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise CareerlogError("an activity needs a title")
    if minutes < 0:
        raise CareerlogError("minutes cannot be negative")
    problem = link_problem(link)
    if problem is not None:
        raise CareerlogError(problem)
    return title


def log_activity(
    store: Store,
    title: str,
    kind: ActivityKind,
    *,
    day: date | None = None,
    minutes: int = 0,
    competencies: Sequence[Wanted] = (),
    goal_id: int | None = None,
    notes: str = "",
    link: str = "",
) -> Activity:
    """Log one activity; ``competencies`` are keys of the chosen track (checked)."""
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
        session.add(row)
        session.flush()
        conn = session.connection()
        links = write_links(conn, "activity", row.id, competencies, choice_on(conn))
        return to_activity(row, tuple(sorted(links)))


def update_activity(
    store: Store,
    activity_id: int,
    title: str,
    kind: ActivityKind,
    *,
    day: date,
    minutes: int,
    competencies: Sequence[Wanted],
    goal_id: int | None,
    notes: str,
    link: str,
) -> Activity:
    """Replace an activity's fields; its links to an earlier track's competencies stay."""
    title = _validate(title, minutes, link.strip())
    with write_session(store) as session:
        row = session.get(ActivityRow, activity_id)
        if row is None:
            raise NotFoundError(f"no activity with id {activity_id}")
        if goal_id is not None and session.get(GoalRow, goal_id) is None:
            raise NotFoundError(f"no goal with id {goal_id}")
        row.title, row.kind, row.day, row.minutes = title, kind.value, day, minutes
        row.goal_id, row.notes, row.link = goal_id, notes, link.strip()
        session.flush()
        conn = session.connection()
        write_links(conn, "activity", row.id, competencies, choice_on(conn), replace=True)
        return _loaded(session, [row])[0]


def delete_activity(store: Store, activity_id: int) -> Activity:
    with write_session(store) as session:
        row = session.get(ActivityRow, activity_id)
        if row is None:
            raise NotFoundError(f"no activity with id {activity_id}")
        activity = _loaded(session, [row])[0]
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
        return _loaded(session, list(session.scalars(query)))
