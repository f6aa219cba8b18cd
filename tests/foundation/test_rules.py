"""Pure rules: the WHEN parser and tag extraction."""

from __future__ import annotations

from datetime import datetime

import pytest

from careerlog.domain.text import find_tags, one_line, printable
from careerlog.domain.when import WhenError, parse_day, parse_when

NOW = datetime(2026, 11, 22, 15, 30)  # a Sunday


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("today", datetime(2026, 11, 22, 15, 30)),
        ("now", datetime(2026, 11, 22, 15, 30)),
        ("yesterday", datetime(2026, 11, 21, 9, 0)),
        ("Tomorrow", datetime(2026, 11, 23, 9, 0)),
        ("2026-11-22", datetime(2026, 11, 22, 15, 30)),
        ("2024-02-29", datetime(2024, 2, 29, 9, 0)),
        ("2024-02-29 18:05", datetime(2024, 2, 29, 18, 5)),
        ("2024-02-29T18:05:07", datetime(2024, 2, 29, 18, 5, 7)),
        ("3 days ago", datetime(2026, 11, 19, 9, 0)),
        ("a week ago", datetime(2026, 11, 15, 9, 0)),
        ("2 weeks ago", datetime(2026, 11, 8, 9, 0)),
        ("1 month ago", datetime(2026, 10, 22, 9, 0)),
        ("last month", datetime(2026, 10, 22, 9, 0)),
        ("2 years ago", datetime(2024, 11, 22, 9, 0)),
        # Sunday 22nd: the last Friday is the 20th, the last Sunday a week ago.
        ("last friday", datetime(2026, 11, 20, 9, 0)),
        ("friday", datetime(2026, 11, 20, 9, 0)),
        ("last sunday", datetime(2026, 11, 15, 9, 0)),
        ("  LAST   Monday ", datetime(2026, 11, 16, 9, 0)),
    ],
)
def test_when_words(words: str, expected: datetime) -> None:
    assert parse_when(words, NOW) == expected


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert parse_day("1 month ago", datetime(2026, 3, 31, 12)).isoformat() == "2026-02-28"
    assert parse_day("1 year ago", datetime(2024, 2, 29, 12)).isoformat() == "2023-02-28"


@pytest.mark.parametrize(
    "words",
    [
        "",
        "soon",
        "2024-13-01",
        "2023-02-29",
        "13pm",
        "25:00",
        "0000-01-01",
        "10000-01-01",
        "9999 years ago",
        "3",
        "-3 days ago",
        "99999 years ago",
        "2024/01/01",
    ],
)
def test_when_rejects_with_one_documented_error(words: str) -> None:
    with pytest.raises(WhenError):
        parse_when(words, NOW)


def test_tags_are_jrnl_style_and_lower_cased() -> None:
    text = "Met @Lena about @project-x. Mail me at me@example.com; @@odd @ok/sub, @ok"
    assert find_tags(text) == ["lena", "project-x", "ok/sub", "ok"]


def test_printable_strips_control_characters_but_keeps_lines() -> None:
    assert printable("a\x1b[2Jb\x00c\x07\nd\te") == "a[2Jbc\nd\te"
    assert one_line("\n\n  first line  \nsecond") == "first line"
