"""Suggested competencies for journal entries that are not linked to one, and taking a
suggestion (see :mod:`careerlog.domain.career.evidence` for how they are ranked).

"Unlinked" means linked to no competency of the track chosen now: a link to an
earlier track's competency is no evidence for this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, select

from careerlog.domain.career.evidence import Suggester, Suggestion
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Entry
from careerlog.domain.text import one_line
from careerlog.services.career.links import write_links
from careerlog.services.tracks import choice_on
from careerlog.store import tables as t
from careerlog.store.db import Store

MAX_UNLINKED = 50


@dataclass(frozen=True, slots=True)
class Unlinked:
    entry_id: int
    written_at: datetime
    title: str
    suggestions: tuple[Suggestion, ...]


def unlinked_entries(store: Store, start: date, end: date) -> list[Unlinked]:
    """The entries written from ``start`` to ``end`` linked to no competency of the
    chosen track, oldest first (at most :data:`MAX_UNLINKED`), each with its suggestions.
    Empty when no track is chosen."""
    e, ec = t.entry.c, t.entry_competency
    with store.read() as conn:
        choice = choice_on(conn)
        if choice is None:
            return []
        linked = exists().where(ec.c.entry_id == e.id, ec.c.track_key == choice.track.key)
        rows = conn.execute(
            select(e.id, e.written_at, e.text)
            .where(
                e.written_at >= datetime.combine(start, time.min),
                e.written_at < datetime.combine(end + timedelta(days=1), time.min),
                ~linked,
            )
            .order_by(e.written_at, e.id)
            .limit(MAX_UNLINKED)
        ).all()
    suggester = Suggester(choice.track)
    return [
        Unlinked(row.id, row.written_at, one_line(row.text, 80), tuple(suggester.suggest(row.text)))
        for row in rows
    ]


def suggestions_for(store: Store, entry: Entry) -> list[Suggestion]:
    """Suggestions for one entry, leaving out the competencies it is already linked to."""
    with store.read() as conn:
        choice = choice_on(conn)
    if choice is None:
        return []
    skip = [c.key for c in entry.competencies if c.track_key == choice.track.key]
    return Suggester(choice.track).suggest(entry.text, skip)


def accept(store: Store, entry_id: int, key: str) -> str:
    """Link the entry to the chosen track's competency ``key``; its name, for saying so."""
    with store.write() as conn:
        choice = choice_on(conn)
        if conn.scalar(select(t.entry.c.id).where(t.entry.c.id == entry_id)) is None:
            raise NotFoundError(f"no entry with id {entry_id}")
        if choice is None:
            raise CareerlogError("choose a track before linking competencies")
        ec = t.entry_competency.c
        already = conn.scalar(
            select(ec.entry_id).where(
                ec.entry_id == entry_id, ec.track_key == choice.track.key, ec.competency_key == key
            )
        )
        if already is None:
            write_links(conn, "entry", entry_id, [key], choice)
    return choice.track.competency(key).name
