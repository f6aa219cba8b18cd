"""How a day or a moment is written out for a person on the command line and in the
exports: ISO ``0999-01-01`` and ``0999-01-01 09:00`` in lists and records, ``01 Jan 0999``
in prose. Always four-digit years: glibc's ``strftime("%Y")`` writes the year 999 as
``999``, which sorts and reads wrongly. (The TUI's formats are in
``careerlog.ui.formats`` and follow the same rule.) Standard library only."""

from __future__ import annotations

from datetime import date, datetime


def iso_day(day: date | datetime) -> str:
    """``2026-03-06``; ``0999-01-01`` for a year below 1000."""
    return (day.date() if isinstance(day, datetime) else day).isoformat()


def iso_minute(moment: datetime) -> str:
    """``2026-03-06 10:15``."""
    return f"{iso_day(moment)} {moment:%H:%M}"


def day_words(day: date | datetime) -> str:
    """``06 Mar 2026``."""
    return f"{day.day:02d} {day:%b} {day.year:04d}"
