"""Counts, words written and writing streaks, for a year or for all time.

A day *with writing* is a day with at least one journal entry or reflection. The
streak's grace rule comes from the settings (``[streak] grace``) unless given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, func, select

from careerlog.domain.streaks import Grace, Streaks, parse_grace, streaks
from careerlog.domain.text import count_words
from careerlog.store import tables as t
from careerlog.store.db import Store
from careerlog.store.pg_search import iso_day


@dataclass(frozen=True, slots=True)
class Stats:
    year: int | None
    """None for all time."""
    entries: int
    words: int
    starred: int
    goals: int
    goals_achieved: int
    activities: int
    minutes_learning: int
    reflections: int
    streaks: Streaks
    grace: Grace
    as_of: date
    """The day the current streak is measured on: today, or the year's last day."""


def grace_setting() -> Grace:
    from careerlog import config

    return parse_grace(config.load().get("streak", {}).get("grace", "none"))


def _within(column: Column[Any], year: int | None, is_day: bool) -> list[ColumnElement[bool]]:
    if year is None:
        return []
    first, after = date(year, 1, 1), date(year + 1, 1, 1)
    if is_day:
        return [column >= first, column < after]
    return [column >= datetime.combine(first, time.min), column < datetime.combine(after, time.min)]


def _count(conn: Connection, table: Any, *conds: ColumnElement[bool]) -> int:
    return int(conn.scalar(select(func.count()).select_from(table).where(*conds)) or 0)


def _values(conn: Connection, query: Any) -> list[Any]:
    return list(conn.scalars(query).all())


def entry_words(conn: Connection, *conds: ColumnElement[bool]) -> int:
    """The stored word counts, plus any entry without one counted from its text."""
    e = t.entry.c
    stored = conn.scalar(select(func.coalesce(func.sum(e.words), 0)).where(*conds))
    # Streamed row by row: however many there are, they never sit in memory at once.
    uncounted = conn.execute(select(e.text).where(e.words.is_(None), *conds))
    return int(stored or 0) + sum(count_words(str(row[0])) for row in uncounted)


def writing_days(conn: Connection, year: int | None = None) -> set[date]:
    """Distinct days with an entry or a reflection (read from the time indexes)."""
    e, r = t.entry, t.reflection
    day = iso_day(e.c.written_at)  # substr on SQLite, to_char on PostgreSQL
    found = {
        date.fromisoformat(str(value))
        for value in _values(
            conn, select(day).where(*_within(e.c.written_at, year, False)).distinct()
        )
    }
    found.update(_values(conn, select(r.c.day).where(*_within(r.c.day, year, True)).distinct()))
    return found


def stats(
    store: Store, year: int | None = None, *, today: date | None = None, grace: Grace | None = None
) -> Stats:
    today = today or date.today()
    grace = grace or grace_setting()
    as_of = today if year is None or year >= today.year else date(year, 12, 31)
    e, g, a, r = t.entry, t.goal, t.activity, t.reflection
    with store.read() as conn:
        in_year = _within(e.c.written_at, year, False)
        result = Stats(
            year=year,
            entries=_count(conn, e, *in_year),
            words=entry_words(conn, *in_year),
            starred=_count(conn, e, e.c.starred.is_(True), *in_year),
            goals=_count(conn, g, *_within(g.c.created_at, year, False)),
            goals_achieved=_count(
                conn, g, g.c.status == "achieved", *_within(g.c.closed_at, year, False)
            ),
            activities=_count(conn, a, *_within(a.c.day, year, True)),
            minutes_learning=int(
                conn.scalar(
                    select(func.coalesce(func.sum(a.c.minutes), 0)).where(
                        *_within(a.c.day, year, True)
                    )
                )
                or 0
            ),
            reflections=_count(conn, r, *_within(r.c.day, year, True)),
            streaks=streaks(writing_days(conn, year), as_of, grace),
            grace=grace,
            as_of=as_of,
        )
    return result


def current_streaks(
    store: Store, *, today: date | None = None, grace: Grace | None = None
) -> Streaks:
    """All-time current and longest streak, without counting words (for the heatmap)."""
    with store.read() as conn:
        days = writing_days(conn)
    return streaks(days, today or date.today(), grace or grace_setting())
