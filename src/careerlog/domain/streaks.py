"""Writing streaks and "on this day", as pure rules over calendar days.

A *streak* is a run of days with writing whose gaps the person's grace rule forgives.
Its length is the number of days *with writing* in the run (forgiven days count for
nothing, they only keep the run alive). The grace rules:

- ``none``: every calendar day between two written days must have writing; one
  missed day ends the streak.
- ``weekends``: Saturdays and Sundays never break a streak. A run survives any gap
  made only of weekend days; a missed Monday-Friday ends it. Writing on a weekend
  day still counts.
- ``one-day``: one missed day on its own is forgiven; two missed days in a row end
  the streak. (Every isolated missed day is forgiven, however often it happens.)

Today is still open: not having written yet *today* never ends the current streak.
So the current streak is the run holding the last written day on or before
``today``, if the missed days between that day and today (today excluded) are
forgiven; otherwise it is 0. Days after ``today`` are ignored.
"""

from __future__ import annotations

import calendar
import enum
import itertools
from collections.abc import Iterable
from datetime import date, timedelta

from careerlog.domain.errors import CareerlogError
from careerlog.domain.records import Record


class Grace(enum.StrEnum):
    NONE = "none"
    WEEKENDS = "weekends"
    ONE_DAY = "one-day"


def parse_grace(value: object) -> Grace:
    """The ``[streak] grace`` setting; anything unknown is a clear error."""
    try:
        return Grace(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(g.value for g in Grace)
        raise CareerlogError(
            f"unknown streak grace {value!r} in the settings; use one of: {allowed}"
        ) from None


class Streaks(Record):
    """The current and the longest streak, in days with writing, and when the longest ran."""

    current: int
    longest: int
    longest_start: date | None = None
    longest_end: date | None = None


def gap_is_forgiven(after: date, before: date, grace: Grace) -> bool:
    """Whether the missed days strictly between ``after`` and ``before`` keep a run alive."""
    missed = (before - after).days - 1
    if missed <= 0:
        return True
    if grace is Grace.ONE_DAY:
        return missed == 1
    if grace is Grace.WEEKENDS:
        return all((after + timedelta(days=i)).weekday() >= 5 for i in range(1, missed + 1))
    return False


def streaks(days: Iterable[date], today: date, grace: Grace = Grace.NONE) -> Streaks:
    """Current and longest streak over ``days`` (days with writing, any order, repeats ok)."""
    written = sorted({d for d in days if d <= today})
    if not written:
        return Streaks(0, 0)
    best = (1, written[0], written[0])
    run_start, run_length = written[0], 1
    for previous, day in itertools.pairwise(written):
        if gap_is_forgiven(previous, day, grace):
            run_length += 1
        else:
            run_start, run_length = day, 1
        if run_length > best[0]:
            best = (run_length, run_start, day)
    alive = gap_is_forgiven(written[-1], today, grace)
    return Streaks(run_length if alive else 0, best[0], best[1], best[2])


def same_day_in(year: int, month: int, day: int) -> date:
    """The day's anniversary in ``year``: Feb 29 falls back to Feb 28 in a common year."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def on_this_day(today: date, first_year: int) -> list[tuple[int, tuple[date, ...]]]:
    """For each earlier year from newest to ``first_year``: the days that match ``today``.

    Usually one day (same month and day). On Feb 29, a common year matches its
    Feb 28. On Feb 28 of a common year, an earlier leap year matches both its
    Feb 28 and its Feb 29, so a leap-day entry still comes back every year.
    """
    found: list[tuple[int, tuple[date, ...]]] = []
    for year in range(today.year - 1, first_year - 1, -1):
        days: tuple[date, ...] = (same_day_in(year, today.month, today.day),)
        if (today.month, today.day) == (2, 28) and calendar.isleap(year):
            if not calendar.isleap(today.year):
                days = (date(year, 2, 28), date(year, 2, 29))
        found.append((year, days))
    return found
