"""Streaks and "on this day" on calendars worked out by hand.

March 2024 (Mo-Su):          Written days in the main calendar (x):
      1  2  3                  Mon 4 x, Tue 5 x, Wed 6 x, Thu 7 x, Fri 8 x,
 4  5  6  7  8  9 10           Sat 9 -, Sun 10 -, Mon 11 x, Tue 12 x, Wed 13 -,
11 12 13 14 15 16 17           Thu 14 x, Fri 15 x, Sat 16 -, Sun 17 x,
18 19 20 21 22 23 24           Mon 18 -, Tue 19 -, Wed 20 x.   Today: Thu 21.
25 26 27 28 29 30 31
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.errors import CareerlogError
from careerlog.domain.streaks import Grace, on_this_day, parse_grace, streaks


def d(day: int, month: int = 3, year: int = 2024) -> date:
    return date(year, month, day)


MAIN = [d(n) for n in (4, 5, 6, 7, 8, 11, 12, 14, 15, 17, 20)]


def test_no_grace_counts_only_unbroken_runs() -> None:
    # Runs: 4-8 (5 days), 11-12 (2), 14-15 (2), 17 (1), 20 (1). Today Thu 21 is still
    # open, so the run ending Wed 20 is current.
    result = streaks(MAIN, d(21), Grace.NONE)
    assert (result.current, result.longest) == (1, 5)
    assert (result.longest_start, result.longest_end) == (d(4), d(8))


def test_weekends_never_break_a_streak() -> None:
    # Sat 9 + Sun 10 are forgiven: 4-8 and 11-12 join (7 written days); Wed 13 breaks.
    # 14, 15, (Sat 16 forgiven), Sun 17 written -> 3; Mon 18 breaks; Wed 20 -> 1.
    result = streaks(MAIN, d(21), Grace.WEEKENDS)
    assert (result.current, result.longest) == (1, 7)
    assert (result.longest_start, result.longest_end) == (d(4), d(12))


def test_one_missed_day_is_forgiven_two_are_not() -> None:
    # Sat 9 + Sun 10 is two missed days: break. 11, 12, (13 forgiven), 14, 15,
    # (16 forgiven), 17 -> 5 written days; Mon 18 + Tue 19 break; 20 -> 1.
    # The first run of 5 (4-8) stays the longest: a later tie does not replace it.
    result = streaks(MAIN, d(21), Grace.ONE_DAY)
    assert (result.current, result.longest) == (1, 5)
    assert result.longest_start == d(4)


WEEK = [d(n) for n in range(18, 23)]  # Mon 18 .. Fri 22 written


@pytest.mark.parametrize(
    ("today", "grace", "current"),
    [
        (d(22), Grace.NONE, 5),  # written today
        (d(23), Grace.NONE, 5),  # Sat 23 is today and still open
        (d(24), Grace.NONE, 0),  # Sat 23 missed
        (d(24), Grace.ONE_DAY, 5),  # Sat 23 missed alone: forgiven
        (d(25), Grace.ONE_DAY, 0),  # Sat 23 + Sun 24 missed
        (d(25), Grace.WEEKENDS, 5),  # Mon 25 open; the weekend is forgiven
        (d(26), Grace.WEEKENDS, 0),  # Mon 25 missed: a weekday breaks it
    ],
)
def test_current_streak_depends_on_the_gap_to_today(
    today: date, grace: Grace, current: int
) -> None:
    assert streaks(WEEK, today, grace).current == current


def test_days_after_today_and_repeats_are_ignored() -> None:
    days = [*WEEK, d(22), d(30)]
    assert streaks(days, d(22)) == streaks(WEEK, d(22))


def test_no_writing_means_no_streak() -> None:
    result = streaks([], d(22), Grace.WEEKENDS)
    assert (result.current, result.longest) == (0, 0)


def test_grace_setting_is_checked() -> None:
    assert parse_grace("Weekends") is Grace.WEEKENDS
    with pytest.raises(CareerlogError, match="one-day"):
        parse_grace("sometimes")


def test_on_this_day_same_date_in_each_earlier_year() -> None:
    assert on_this_day(d(1, 3, 2025), 2023) == [(2024, (d(1, 3, 2024),)), (2023, (d(1, 3, 2023),))]


def test_leap_day_falls_back_to_feb_28_in_common_years() -> None:
    # 2024 is a leap year; 2021-2023 are not, 2020 is.
    assert on_this_day(d(29, 2, 2024), 2020) == [
        (2023, (d(28, 2, 2023),)),
        (2022, (d(28, 2, 2022),)),
        (2021, (d(28, 2, 2021),)),
        (2020, (d(29, 2, 2020),)),
    ]


def test_feb_28_of_a_common_year_also_brings_back_leap_days() -> None:
    # 2025 is common: 2024's Feb 28 and Feb 29 both match; 2023 only has Feb 28.
    assert on_this_day(d(28, 2, 2025), 2023) == [
        (2024, (d(28, 2, 2024), d(29, 2, 2024))),
        (2023, (d(28, 2, 2023),)),
    ]
    # In a leap year Feb 29 is still to come, so Feb 28 matches Feb 28 only.
    assert on_this_day(d(28, 2, 2024), 2020)[-1] == (2020, (d(28, 2, 2020),))
