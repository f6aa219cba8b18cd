"""Date words past and future (issue 15): times, month names, directions, periods,
quarters, years 1-9999, and jrnl's inline "WHEN: text"."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from careerlog.domain.when import WhenError, parse_due, parse_when, split_inline_date

NOW = datetime(2026, 11, 22, 15, 30)  # Sunday 22 November 2026, in Q4


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("3pm", datetime(2026, 11, 22, 15, 0)),
        ("3:30 pm", datetime(2026, 11, 22, 15, 30)),
        ("15:00", datetime(2026, 11, 22, 15, 0)),
        ("at 7am", datetime(2026, 11, 22, 7, 0)),
        ("12am", datetime(2026, 11, 22, 0, 0)),
        ("noon", datetime(2026, 11, 22, 12, 0)),
        ("yesterday 3pm", datetime(2026, 11, 21, 15, 0)),
        ("yesterday 15:00", datetime(2026, 11, 21, 15, 0)),
        ("yesterday at noon", datetime(2026, 11, 21, 12, 0)),
        ("3pm yesterday", datetime(2026, 11, 21, 15, 0)),
        ("last friday 9:15", datetime(2026, 11, 20, 9, 15)),
        ("2026-03-04 09:30", datetime(2026, 3, 4, 9, 30)),
        ("march 3", datetime(2026, 3, 3, 9, 0)),
        ("Mar 3rd", datetime(2026, 3, 3, 9, 0)),
        ("december 25", datetime(2025, 12, 25, 9, 0)),
        ("3 March 2027", datetime(2027, 3, 3, 9, 0)),
        ("march 3, 2027 4pm", datetime(2027, 3, 3, 16, 0)),
        ("the 3rd of march", None),
        ("feb 29", datetime(2024, 2, 29, 9, 0)),
        ("next friday", datetime(2026, 11, 27, 9, 0)),
        ("this friday", datetime(2026, 11, 27, 9, 0)),
        ("in 2 weeks", datetime(2026, 12, 6, 9, 0)),
        ("in a month", datetime(2026, 12, 22, 9, 0)),
        ("3 days from now", datetime(2026, 11, 25, 9, 0)),
        ("next month", datetime(2026, 12, 22, 9, 0)),
        ("a fortnight ago", datetime(2026, 11, 8, 9, 0)),
        ("end of month", datetime(2026, 11, 30, 9, 0)),
        ("end of quarter", datetime(2026, 12, 31, 9, 0)),
        ("end of year", datetime(2026, 12, 31, 9, 0)),
        ("end of next week", datetime(2026, 11, 29, 9, 0)),
        ("start of next month", datetime(2026, 12, 1, 9, 0)),
        ("end of last quarter", datetime(2026, 9, 30, 9, 0)),
        ("Q3 2027", datetime(2027, 9, 30, 9, 0)),
        ("2027 q1", datetime(2027, 3, 31, 9, 0)),
        ("Q3", datetime(2026, 9, 30, 9, 0)),  # an entry: the last Q3 that ended
        ("q4", datetime(2025, 12, 31, 9, 0)),  # Q4 2026 has not ended yet
        ("0001-01-01", datetime(1, 1, 1, 9, 0)),
        ("0999-06-15 10:00", datetime(999, 6, 15, 10, 0)),
        ("9999-12-31", datetime(9999, 12, 31, 9, 0)),
    ],
)
def test_entry_dates_in_words(words: str, expected: datetime | None) -> None:
    if expected is None:
        with pytest.raises(WhenError):
            parse_when(words, NOW)
    else:
        assert parse_when(words, NOW) == expected


@pytest.mark.parametrize(
    ("words", "as_entry", "as_due"),
    [
        # Sunday 22 November: "friday" is the 20th for an entry, the 27th for a due date.
        ("friday", date(2026, 11, 20), date(2026, 11, 27)),
        ("sunday", date(2026, 11, 15), date(2026, 11, 29)),
        ("march 3", date(2026, 3, 3), date(2027, 3, 3)),
        ("november 22", date(2026, 11, 22), date(2026, 11, 22)),
        ("feb 29", date(2024, 2, 29), date(2028, 2, 29)),
        ("Q3", date(2026, 9, 30), date(2027, 9, 30)),
        ("Q4", date(2025, 12, 31), date(2026, 12, 31)),
        # Words that carry a direction keep it either way.
        ("last friday", date(2026, 11, 20), date(2026, 11, 20)),
        ("next friday", date(2026, 11, 27), date(2026, 11, 27)),
        ("march 3 2025", date(2025, 3, 3), date(2025, 3, 3)),
    ],
)
def test_an_undirected_phrase_points_back_for_entries_and_ahead_for_due_dates(
    words: str, as_entry: date, as_due: date
) -> None:
    assert parse_when(words, NOW).date() == as_entry
    assert parse_due(words, NOW) == as_due


@pytest.mark.parametrize(
    ("words", "needle"),
    [
        ("13pm", "not a real time"),
        ("24:00", "not a real time"),
        ("february 30 2026", "not a real date"),
        ("0000-01-01", "years 1 to 9999"),
        ("in 9000 years", "years 1 to 9999"),
        ("2500 years ago", "years 1 to 9999"),
        ("next blursday", "unknown date"),
        ("2027", "unknown date"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(words: str, needle: str) -> None:
    with pytest.raises(WhenError, match=needle):
        parse_when(words, NOW)


@pytest.mark.parametrize(
    ("text", "moment", "rest", "starred"),
    [
        ("yesterday 3pm: met the VP", datetime(2026, 11, 21, 15, 0), "met the VP", False),
        (
            "2026-03-04 09:30: standup ran long",
            datetime(2026, 3, 4, 9, 30),
            "standup ran long",
            False,
        ),
        ("last friday: shipped it", datetime(2026, 11, 20, 9, 0), "shipped it", False),
        ("last friday*: shipped it", datetime(2026, 11, 20, 9, 0), "shipped it", True),
        ("march 3: line one\nline two", datetime(2026, 3, 3, 9, 0), "line one\nline two", False),
        ("Note: buy milk", None, "Note: buy milk", False),
        ("Todo: write the review", None, "Todo: write the review", False),
        ("Ratio 3:2 was fine", None, "Ratio 3:2 was fine", False),
        ("plain text, no date", None, "plain text, no date", False),
        ("Second line\nyesterday: is not the first line", None, None, False),
    ],
)
def test_inline_date_is_jrnls_rule(
    text: str, moment: datetime | None, rest: str | None, starred: bool
) -> None:
    assert split_inline_date(text, NOW) == (moment, text if rest is None else rest, starred)
