"""Goals and their milestones. Edits carry the version the caller read, so two
machines editing one goal never silently overwrite each other."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from careerlog.domain.errors import CareerlogError, ConflictError, NotFoundError
from careerlog.domain.model import CompetencyLink, Goal, GoalStatus, Milestone
from careerlog.services.career.links import Wanted, read_links, write_links
from careerlog.services.tracks import choice_on
from careerlog.store.db import Store
from careerlog.store.models import GoalRow, MilestoneRow
from careerlog.store.session import read_session, write_session


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def to_goal(row: GoalRow, links: tuple[CompetencyLink, ...] = ()) -> Goal:
    return Goal(
        id=row.id,
        title=row.title,
        why=row.why,
        status=GoalStatus(row.status),
        due=row.due,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        progress_manual=row.progress_manual,
        version=row.version,
        milestones=tuple(
            Milestone(m.id, m.title, m.position, m.done_at)
            for m in sorted(row.milestones, key=lambda m: m.position)
        ),
        competencies=links,
    )


def _links(session: Session, ids: Sequence[int]) -> dict[int, tuple[CompetencyLink, ...]]:
    return read_links(session.connection(), "goal", ids)


def _with_links(session: Session, row: GoalRow) -> Goal:
    return to_goal(row, _links(session, [row.id]).get(row.id, ()))


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise CareerlogError("a goal needs a title")
    return title


def _get(session: Session, goal_id: int, version: int | None = None) -> GoalRow:
    row = session.get(GoalRow, goal_id)
    if row is None:
        raise NotFoundError(f"no goal with id {goal_id}")
    if version is not None and row.version != version:
        raise ConflictError(
            f"goal {goal_id} was changed elsewhere since you opened it; "
            "reload it and apply your change again"
        )
    return row


def add_goal(
    store: Store,
    title: str,
    *,
    why: str = "",
    due: date | None = None,
    competencies: Sequence[Wanted] = (),
    milestones: Sequence[str] = (),
) -> Goal:
    """A new active goal; ``competencies`` are keys of the chosen track (checked)."""
    now = _now()
    with write_session(store) as session:
        row = GoalRow(
            title=_title(title),
            why=why.strip(),
            status=GoalStatus.ACTIVE.value,
            due=due,
            created_at=now,
            updated_at=now,
        )
        row.milestones = [
            MilestoneRow(title=_title(m), position=i, created_at=now)
            for i, m in enumerate(milestones)
        ]
        session.add(row)
        session.flush()
        conn = session.connection()
        links = write_links(conn, "goal", row.id, competencies, choice_on(conn))
        return to_goal(row, tuple(sorted(links)))


def get_goal(store: Store, goal_id: int) -> Goal:
    with read_session(store) as session:
        return _with_links(session, _get(session, goal_id))


def list_goals(store: Store, statuses: Sequence[GoalStatus] = ()) -> list[Goal]:
    """Active first, then by due date (soonest first), then newest."""
    query = select(GoalRow)
    if statuses:
        query = query.where(GoalRow.status.in_([s.value for s in statuses]))
    with read_session(store) as session:
        rows = list(session.scalars(query))
        links = _links(session, [row.id for row in rows])
        goals = [to_goal(row, links.get(row.id, ())) for row in rows]
    order = list(GoalStatus)
    return sorted(
        goals, key=lambda g: (order.index(g.status), g.due or date.max, -g.created_at.timestamp())
    )


def _save(store: Store, goal_id: int, version: int | None, change: object) -> Goal:
    try:
        with write_session(store) as session:
            row = _get(session, goal_id, version)
            change(session, row)  # type: ignore[operator]
            row.updated_at = _now()
            session.flush()
            return _with_links(session, row)
    except StaleDataError:
        raise ConflictError(
            f"goal {goal_id} was changed elsewhere at the same moment; "
            "reload it and apply your change again"
        ) from None


def set_status(store: Store, goal_id: int, status: GoalStatus, version: int | None = None) -> Goal:
    def change(_session: Session, row: GoalRow) -> None:
        row.status = status.value
        row.closed_at = _now() if status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED) else None

    return _save(store, goal_id, version, change)


def edit_goal(
    store: Store,
    goal_id: int,
    *,
    version: int | None = None,
    title: str | None = None,
    why: str | None = None,
    due: date | bool | None = False,
    competencies: Sequence[Wanted] | None = None,
    progress_manual: int | bool | None = False,
) -> Goal:
    """Change the given fields only; ``due=None`` clears the date, ``False`` leaves it.

    ``competencies`` replaces the goal's links on the chosen track; its links to an
    earlier track's competencies stay as they were."""
    if (
        isinstance(progress_manual, int)
        and not isinstance(progress_manual, bool)
        and not 0 <= progress_manual <= 100
    ):
        raise CareerlogError("progress is a percentage from 0 to 100")

    def change(session: Session, row: GoalRow) -> None:
        if title is not None:
            row.title = _title(title)
        if why is not None:
            row.why = why.strip()
        if due is not False:
            row.due = due if isinstance(due, date) else None
        if progress_manual is not False:
            row.progress_manual = progress_manual if isinstance(progress_manual, int) else None
        if competencies is not None:
            conn = session.connection()
            write_links(conn, "goal", row.id, competencies, choice_on(conn), replace=True)

    return _save(store, goal_id, version, change)


def add_milestone(store: Store, goal_id: int, title: str) -> Goal:
    def change(_session: Session, row: GoalRow) -> None:
        position = max((m.position for m in row.milestones), default=-1) + 1
        row.milestones.append(
            MilestoneRow(title=_title(title), position=position, created_at=_now())
        )

    return _save(store, goal_id, None, change)


def _milestone(row: GoalRow, milestone_id: int) -> MilestoneRow:
    for milestone in row.milestones:
        if milestone.id == milestone_id:
            return milestone
    raise NotFoundError(f"goal {row.id} has no milestone {milestone_id}")


def toggle_milestone(store: Store, goal_id: int, milestone_id: int) -> Goal:
    def change(_session: Session, row: GoalRow) -> None:
        milestone = _milestone(row, milestone_id)
        milestone.done_at = None if milestone.done_at else _now()

    return _save(store, goal_id, None, change)


def move_milestone(store: Store, goal_id: int, milestone_id: int, offset: int) -> Goal:
    """Move a milestone up (``-1``) or down (``+1``) in its goal's list."""

    def change(_session: Session, row: GoalRow) -> None:
        ordered = sorted(row.milestones, key=lambda m: m.position)
        index = ordered.index(_milestone(row, milestone_id))
        target = min(max(index + offset, 0), len(ordered) - 1)
        ordered.insert(target, ordered.pop(index))
        for position, milestone in enumerate(ordered):
            milestone.position = position

    return _save(store, goal_id, None, change)


def delete_milestone(store: Store, goal_id: int, milestone_id: int) -> Goal:
    def change(_session: Session, row: GoalRow) -> None:
        row.milestones.remove(_milestone(row, milestone_id))

    return _save(store, goal_id, None, change)


def delete_goal(store: Store, goal_id: int) -> None:
    """Delete a goal with its milestones; linked entries and activities stay."""
    with write_session(store) as session:
        session.delete(_get(session, goal_id))
