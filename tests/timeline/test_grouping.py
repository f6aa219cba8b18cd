"""Grouping labels and review periods on dates worked out by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from careerlog.domain.timeline import Grouping, group_label, group_of, period_range


@pytest.mark.parametrize(
    ("when", "grouping", "first", "label"),
    [
        (datetime(2024, 3, 7, 22, 5), Grouping.DAY, date(2024, 3, 7), "2024-03-07 Thu"),
        # Thu 7 March 2024 is in ISO week 10, which starts on Mon 4 March.
        (datetime(2024, 3, 7, 22, 5), Grouping.WEEK, date(2024, 3, 4), "2024-W10"),
        # Wed 1 Jan 2025 belongs to ISO week 1 of 2025, which starts Mon 30 Dec 2024.
        (date(2025, 1, 1), Grouping.WEEK, date(2024, 12, 30), "2025-W01"),
        (date(2024, 2, 29), Grouping.MONTH, date(2024, 2, 1), "2024-02 Feb"),
    ],
)
def test_groups(when: datetime | date, grouping: Grouping, first: date, label: str) -> None:
    assert group_of(when, grouping) == first
    assert group_label(first, grouping) == label


@pytest.mark.parametrize(
    ("period", "day", "bounds"),
    [
        # Sunday 10 March closes the week that began Monday 4 March.
        ("week", date(2024, 3, 10), (date(2024, 3, 4), date(2024, 3, 10))),
        # A week across the new year.
        ("week", date(2025, 1, 1), (date(2024, 12, 30), date(2025, 1, 5))),
        ("month", date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),
        ("month", date(2023, 2, 10), (date(2023, 2, 1), date(2023, 2, 28))),
        ("quarter", date(2024, 11, 30), (date(2024, 10, 1), date(2024, 12, 31))),
        ("quarter", date(2024, 4, 1), (date(2024, 4, 1), date(2024, 6, 30))),
    ],
)
def test_review_periods(period: str, day: date, bounds: tuple[date, date]) -> None:
    assert period_range(period, day) == bounds
