"""Counts, words written and writing streaks, for a year or for all time.

A day *with writing* is a day with at least one journal entry or reflection. The
streak's grace rule comes from the settings (``[streak] grace``) unless given.

Plain SQL through :func:`careerlog.store.snapshot.reading`, the same on SQLite and
PostgreSQL: given an up-to-date SQLite file, ``careerlog stats`` never imports
SQLAlchemy (~0.3 s), and words are summed from ``entry.words``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.domain.records import Record
from careerlog.domain.streaks import Grace, Streaks, parse_grace, streaks
from careerlog.domain.text import count_words
from careerlog.store.snapshot import Query, also, days_between, moments_between, reading
from careerlog.store.stamps import to_day

if TYPE_CHECKING:
    from careerlog.store.db import Store


class Stats(Record):
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


def uncounted_words(q: Query, where: str) -> int:
    """Words of the entries ``where`` keeps (alias ``e``) that have no stored count,
    counted from their texts. No writer leaves ``entry.words`` empty; should one,
    totals that add this are never short."""
    missing = also(where, "e.words IS NULL")
    return sum(count_words(r[0]) for r in q(f"SELECT e.text FROM entry e {missing}"))


def entry_totals(q: Query, where: str) -> tuple[int, int, int]:
    """Entries, starred entries and words among those ``where`` keeps (alias ``e``)."""
    count, starred, words, uncounted = q(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.starred THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(e.words), 0), COUNT(*) - COUNT(e.words) FROM entry e {where}"
    )[0]
    extra = uncounted_words(q, where) if uncounted else 0
    return int(count), int(starred), int(words) + extra


def _writing_days(q: Query, start: date | None, end: date | None) -> set[date]:
    """Distinct days with an entry or a reflection (read from the time indexes).
    ``date()`` is a function on SQLite and a cast on PostgreSQL; both give the day."""
    written = moments_between("e.written_at", start, end)
    reflected = days_between("f.day", start, end)
    entries = q(f"SELECT DISTINCT date(e.written_at) FROM entry e {written}")
    reflections = q(f"SELECT DISTINCT f.day FROM reflection f {reflected}")
    return {to_day(r[0]) for r in entries} | {to_day(r[0]) for r in reflections}


def _count(q: Query, sql: str) -> int:
    return int(q(sql)[0][0] or 0)


def stats(
    source: Store | Path,
    year: int | None = None,
    *,
    today: date | None = None,
    grace: Grace | None = None,
) -> Stats:
    today = today or date.today()
    grace = grace or grace_setting()
    as_of = today if year is None or year >= today.year else date(year, 12, 31)
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year is not None else (None, None)
    with reading(source) as q:
        entries, starred, words = entry_totals(q, moments_between("e.written_at", start, end))
        closed = moments_between("g.closed_at", start, end)
        activities, minutes = q(
            "SELECT COUNT(*), COALESCE(SUM(a.minutes), 0) FROM activity a "
            + days_between("a.day", start, end)
        )[0]
        return Stats(
            year=year,
            entries=entries,
            words=words,
            starred=starred,
            goals=_count(
                q, "SELECT COUNT(*) FROM goal g " + moments_between("g.created_at", start, end)
            ),
            goals_achieved=_count(
                q, "SELECT COUNT(*) FROM goal g " + also(closed, "g.status = 'achieved'")
            ),
            activities=int(activities),
            minutes_learning=int(minutes),
            reflections=_count(
                q, "SELECT COUNT(*) FROM reflection f " + days_between("f.day", start, end)
            ),
            streaks=streaks(_writing_days(q, start, end), as_of, grace),
            grace=grace,
            as_of=as_of,
        )


def current_streaks(
    source: Store | Path, *, today: date | None = None, grace: Grace | None = None
) -> Streaks:
    """All-time current and longest streak, without counting words (for the heatmap)."""
    with reading(source) as q:
        days = _writing_days(q, None, None)
    return streaks(days, today or date.today(), grace or grace_setting())
