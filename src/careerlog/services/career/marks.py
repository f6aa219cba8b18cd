"""Marks on the chosen track's competencies: not applicable (with a reason; the
competency then leaves readiness) and the two or three to focus on for a period.

Rules:

- A mark belongs to a track's competency, like a rating or a link.
- Not applicable holds from the day it is set until it is cleared.
- The focus is a set of one to :data:`MOST_FOCUS` competencies for a period (by default
  to the end of the current quarter); setting a new focus replaces the one in force.
  A competency marked not applicable cannot be a focus.
- Clearing keeps the mark with the moment it was cleared, so history is not lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, and_, insert, or_, select, update

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import TrackChoice
from careerlog.services.career.links import check_keys
from careerlog.services.tracks import choice_on
from careerlog.store import tables as t
from careerlog.store.db import Store

NOT_APPLICABLE, FOCUS = "not-applicable", "focus"
MOST_FOCUS = 3
MAX_REASON_CHARS = 500


@dataclass(frozen=True, slots=True)
class Marks:
    """The marks in force on a track on one day."""

    not_applicable: dict[str, str]
    """Competency key → the reason given."""
    focus: tuple[str, ...]
    focus_until: date | None


def quarter_end(day: date) -> date:
    """The last day of ``day``'s calendar quarter."""
    month = 3 * ((day.month - 1) // 3) + 3
    following = date(day.year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def marks_on(conn: Connection, track_key: str, day: date) -> Marks:
    """The marks of ``track_key`` in force on ``day``."""
    m = t.competency_mark.c
    rows = conn.execute(
        select(m.competency_key, m.kind, m.reason, m.until)
        .where(
            m.track_key == track_key,
            m.cleared_at.is_(None),
            m.start <= day,
            or_(m.until.is_(None), m.until >= day),
        )
        .order_by(m.id)
    ).all()
    skipped = {str(r[0]): str(r[2]) for r in rows if r[1] == NOT_APPLICABLE}
    focus = tuple(str(r[0]) for r in rows if r[1] == FOCUS and r[0] not in skipped)
    until = max((r[3] for r in rows if r[1] == FOCUS and r[3] is not None), default=None)
    return Marks(skipped, focus, until)


def current_marks(store: Store, day: date | None = None) -> Marks:
    with store.read() as conn:
        choice = choice_on(conn)
        if choice is None:
            return Marks({}, (), None)
        return marks_on(conn, choice.track.key, day or date.today())


def _chosen(conn: Connection) -> TrackChoice:
    choice = choice_on(conn)
    if choice is None:
        raise CareerlogError("choose a track first: marks belong to a track's competencies")
    return choice


def _clear(conn: Connection, track_key: str, kind: str, keys: Sequence[str] | None) -> int:
    m = t.competency_mark.c
    conds = [m.track_key == track_key, m.kind == kind, m.cleared_at.is_(None)]
    if keys is not None:
        conds.append(m.competency_key.in_(list(keys)))
    now = datetime.now().replace(microsecond=0)
    done = conn.execute(update(t.competency_mark).where(and_(*conds)).values(cleared_at=now))
    return int(done.rowcount)


def mark_not_applicable(store: Store, key: str, reason: str, *, day: date | None = None) -> str:
    """Mark the chosen track's competency ``key`` not applicable; its name."""
    reason = " ".join(reason.split())
    if not reason:
        raise CareerlogError("say why it does not apply (--reason); nothing was changed")
    if len(reason) > MAX_REASON_CHARS:
        raise CareerlogError(f"the reason is longer than {MAX_REASON_CHARS} characters")
    now = datetime.now().replace(microsecond=0)
    with store.write() as conn:
        choice = _chosen(conn)
        check_keys(choice, [key])
        track_key = choice.track.key
        _clear(conn, track_key, NOT_APPLICABLE, [key])
        _clear(conn, track_key, FOCUS, [key])
        conn.execute(
            insert(t.competency_mark).values(
                track_key=track_key,
                competency_key=key,
                kind=NOT_APPLICABLE,
                reason=reason,
                start=day or now.date(),
                created_at=now,
            )
        )
    return choice.track.competency(key).name


def clear_not_applicable(store: Store, key: str) -> str:
    """``key`` counts again (in readiness too); its name."""
    with store.write() as conn:
        choice = _chosen(conn)
        check_keys(choice, [key])
        if not _clear(conn, choice.track.key, NOT_APPLICABLE, [key]):
            name = choice.track.competency(key).name
            raise CareerlogError(f"{name!r} is not marked not applicable")
    return choice.track.competency(key).name


def set_focus(
    store: Store,
    keys: Sequence[str],
    *,
    until: date | None = None,
    day: date | None = None,
) -> Marks:
    """Focus on ``keys`` (one to three of the chosen track's competencies) from ``day``
    to ``until`` (default: the end of the quarter); the focus in force is replaced.
    No keys clears the focus."""
    day = day or date.today()
    until = until or quarter_end(day)
    if until < day:
        raise CareerlogError("the focus would end before it starts")
    keys = list(dict.fromkeys(keys))
    if len(keys) > MOST_FOCUS:
        raise CareerlogError(
            f"focus on two or three competencies at most, not {len(keys)}: pick the ones "
            "that matter most this period"
        )
    now = datetime.now().replace(microsecond=0)
    with store.write() as conn:
        choice = _chosen(conn)
        check_keys(choice, keys)
        track_key = choice.track.key
        skipped = marks_on(conn, track_key, day).not_applicable
        for key in keys:
            if key in skipped:
                name = choice.track.competency(key).name
                raise CareerlogError(f"{name!r} is marked not applicable; it cannot be a focus")
        _clear(conn, track_key, FOCUS, None)
        if keys:
            conn.execute(
                insert(t.competency_mark),
                [
                    {
                        "track_key": track_key,
                        "competency_key": key,
                        "kind": FOCUS,
                        "reason": "",
                        "start": day,
                        "until": until,
                        "created_at": now,
                    }
                    for key in keys
                ],
            )
        return marks_on(conn, track_key, day)
