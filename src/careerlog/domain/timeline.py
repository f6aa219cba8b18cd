"""The timeline's pure parts: what an item is, how items are ordered, filtered and
grouped, and the calendar periods a review covers.

Order is newest first by :attr:`TimelineItem.key` = (when, rank, id). ``rank`` breaks
ties between kinds at the same instant, so the order is total and paging by key
never repeats or skips an item. Kinds that only know a day (activities,
reflections) sit at 00:00 of that day and rank below every timed kind, which
matches how SQLite compares a bare date with a timestamp of the same day.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta

from careerlog.domain.errors import CareerlogError
from careerlog.domain.records import Record

KINDS: tuple[str, ...] = (
    "activity",
    "reflection",
    "track-change",
    "goal-created",
    "goal-achieved",
    "goal-dropped",
    "milestone",
    "feedback",
    "entry",
)
"""Every kind on the timeline, in rank order (lowest rank first)."""
RANK = {kind: rank for rank, kind in enumerate(KINDS)}
DAY_KINDS = frozenset({"activity", "reflection"})

Key = tuple[datetime, int, int]
"""(when, rank, id): the total order of the timeline (newest first = largest first)."""


class TimelineItem(Record):
    """One line of the timeline: a record of any kind, at the moment it happened."""

    kind: str
    id: int
    """The record's own id: entry, activity, goal (for goal-*), milestone, reflection or
    track choice."""
    when: datetime
    title: str
    """One line, printable."""
    detail: str = ""
    """A second short line (the goal a milestone belongs to, an activity's kind…)."""
    starred: bool = False
    tags: tuple[str, ...] = ()
    snippet: str = ""
    """With a search: the matching text, matches wrapped in \\x02 … \\x03."""

    @property
    def key(self) -> Key:
        return (self.when, RANK[self.kind], self.id)


class TimelineFilter(Record):
    """What to show; every condition set must hold (they combine with AND).

    Tags and starred exist only on journal entries, so setting either keeps entries
    only; a competency or a goal keeps the kinds that can link to one.
    """

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    track: str | None = None
    """The track ``competencies`` belong to (a competency is a track's own: the same key
    on another track is another competency). ``None``: any track."""
    goal_id: int | None = None
    starred: bool = False
    start: date | None = None
    end: date | None = None
    query: str = ""

    def __post_init__(self) -> None:
        for kind in self.kinds:
            if kind not in RANK:
                raise CareerlogError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
        if self.start and self.end and self.start > self.end:
            raise CareerlogError("the start date is after the end date")


class Grouping(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def group_of(when: datetime | date, grouping: Grouping) -> date:
    """The first day of the group ``when`` falls in (weeks start on Monday)."""
    day = when.date() if isinstance(when, datetime) else when
    if grouping is Grouping.WEEK:
        return day - timedelta(days=day.weekday())
    if grouping is Grouping.MONTH:
        return day.replace(day=1)
    return day


def group_label(first: date, grouping: Grouping) -> str:
    if grouping is Grouping.WEEK:
        iso = first.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if grouping is Grouping.MONTH:
        return first.strftime("%Y-%m %b")
    return first.strftime("%Y-%m-%d %a")


class Period(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


def period_range(period: Period | str, day: date) -> tuple[date, date]:
    """First and last day (inclusive) of the week (Mon-Sun), month or quarter holding ``day``."""
    period = Period(period)
    if period is Period.WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    first_month = day.month if period is Period.MONTH else 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    months = 1 if period is Period.MONTH else 3
    index = day.year * 12 + first_month - 1 + months
    after = date(index // 12, index % 12 + 1, 1)
    return start, after - timedelta(days=1)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)
