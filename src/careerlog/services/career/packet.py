"""Putting the promotion packet together: the progress report of the chosen track (as of
today), and the evidence of the period linked to each competency on that track."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, or_, select

from careerlog.domain.career.packet import EvidenceItem, Packet, PacketCompetency
from careerlog.domain.datetext import iso_day
from careerlog.domain.errors import CareerlogError
from careerlog.domain.summary import NOTHING, Omit
from careerlog.domain.text import duration, one_line
from careerlog.services.progress import track_progress
from careerlog.services.tracks import current_choice
from careerlog.store import tables as t
from careerlog.store.db import Store


def year_before(day: date) -> date:
    """The first day of the twelve months that end on ``day``."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(day.year - 1, 3, 1)


def packet_range(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period of evidence: as given; an open end is today, an open start twelve
    months before the end."""
    end = end or max(today, start or today)
    start = start or year_before(end)
    if start > end:
        raise CareerlogError("--from is after --to")
    return start, end


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def _evidence(
    conn: Connection, track_key: str, start: date, end: date, omit: Omit
) -> dict[str, list[EvidenceItem]]:
    first, after = _bounds(start, end)
    found: dict[str, list[EvidenceItem]] = {}

    def add(key: str, item: EvidenceItem) -> None:
        found.setdefault(key, []).append(item)

    e, ec = t.entry.c, t.entry_competency.c
    for key, entry_id, when, text in _rows(
        conn,
        select(ec.competency_key, e.id, e.written_at, e.text)
        .join(t.entry, e.id == ec.entry_id)
        .where(ec.track_key == track_key, e.written_at >= first, e.written_at < after),
    ):
        title = "journal entry (the journal is left out)" if omit.journal else one_line(text, 100)
        words = "" if omit.journal else str(text)
        add(key, EvidenceItem("entry", entry_id, when.date(), title, "", words))
    a, ac = t.activity.c, t.activity_competency.c
    for key, activity_id, day, title, kind, minutes in _rows(
        conn,
        select(ac.competency_key, a.id, a.day, a.title, a.kind, a.minutes)
        .join(t.activity, a.id == ac.activity_id)
        .where(ac.track_key == track_key, a.day >= start, a.day <= end),
    ):
        detail = f"{kind}, {duration(minutes)}" if minutes else str(kind)
        add(key, EvidenceItem("activity", activity_id, day, one_line(title, 100), detail))
    g, gc = t.goal.c, t.goal_competency.c
    for key, goal_id, created, title, status, closed in _rows(
        conn,
        select(gc.competency_key, g.id, g.created_at, g.title, g.status, g.closed_at)
        .join(t.goal, g.id == gc.goal_id)
        .where(
            gc.track_key == track_key,
            g.created_at < after,
            or_(g.closed_at.is_(None), g.closed_at >= first),
        ),
    ):
        detail = f"{status} {iso_day(closed)}" if closed is not None else str(status)
        add(key, EvidenceItem("goal", goal_id, created.date(), one_line(title, 100), detail))
    f, fc = t.feedback.c, t.feedback_competency.c
    for key, feedback_id, given, giver, role, text in _rows(
        conn,
        select(fc.competency_key, f.id, f.given_at, f.giver, f.role, f.text)
        .join(t.feedback, f.id == fc.feedback_id)
        .where(fc.track_key == track_key, f.given_at >= first, f.given_at < after),
    ):
        who = f"{giver} ({role})" if role else str(giver)
        add(key, EvidenceItem("feedback", feedback_id, given.date(), f"from {who}", who, text))
    order = {kind: i for i, kind in enumerate(("entry", "activity", "goal", "feedback"))}
    for items in found.values():
        items.sort(key=lambda item: (order[item.kind], item.day, item.id))
    return found


def _rows(conn: Connection, query: Any) -> Iterable[Any]:
    return conn.execute(query).all()


def build_packet(
    store: Store,
    start: date | None = None,
    end: date | None = None,
    *,
    today: date | None = None,
    omit: Omit = NOTHING,
) -> Packet:
    """The packet for the chosen track's next level (its current level at the top), with
    the evidence from ``start`` to ``end`` (default: the twelve months ending today)."""
    from careerlog.services.summary import summarize

    today = today or date.today()
    start, end = packet_range(start, end, today)
    choice = current_choice(store)
    if choice is None:
        raise CareerlogError(
            "choose a track first: the packet argues for the next level of your track "
            "('careerlog track choose KEY --level L')"
        )
    report = track_progress(store, today, choice)
    assert report is not None
    track = choice.track
    target = track.next_level(choice.level_key) or choice.level
    index = track.level_index(target.key)
    with store.read() as conn:
        evidence = _evidence(conn, track.key, start, end, omit)
    rows = []
    for comp, progress in zip(track.competencies, report.competencies, strict=True):
        at = comp.at(target.key)
        point = progress.latest_point
        rows.append(
            PacketCompetency(
                key=comp.key,
                name=comp.name,
                group=comp.group,
                expected=comp.expected[index],
                meaning=track.meaning(comp.expected[index]),
                signals=at.signals,
                examples=at.examples,
                latest=progress.latest,
                latest_day=point.day if point else None,
                carried_from=point.track_name if point and point.carried else "",
                manager=progress.manager,
                focus=progress.focus,
                not_applicable=progress.not_applicable,
                evidence=tuple(evidence.get(comp.key, ())),
            )
        )
    excerpts = () if omit.reflections else summarize(store, start, end, today=today).excerpts
    return Packet(
        start=start,
        end=end,
        made_on=today,
        track_name=track.name,
        level_name=choice.level.name,
        target_name=target.name,
        at_top=report.next_level_key is None,
        readiness=report.readiness,
        ready_count=report.ready_count,
        applicable_count=report.applicable_count,
        held_since=report.held_since,
        months_held=report.months_sustained,
        competencies=tuple(rows),
        excerpts=excerpts,
        omit=omit,
    )
