"""How a moment or a day is written as text in an SQLite store, and read back.

SQLite has no date type: careerlog stores a DATETIME as ``"YYYY-MM-DD HH:MM:SS.ffffff"``
(SQLAlchemy's own format, so the SQLAlchemy and the standard-library routes write the
same bytes) and a DATE as ``"YYYY-MM-DD"``. The year always has four digits: text
comparison is then date order, for every year from 1 to 9999 (``strftime("%Y")``
writes 999 as ``"999"`` on glibc, which sorts after ``"2025"`` and which
``datetime.fromisoformat`` refuses). PostgreSQL hands back ``datetime`` and ``date``
objects, which the readers here accept as they are. Standard library only.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any


def moment_text(moment: datetime) -> str:
    """A DATETIME as stored: ``0999-01-01 09:00:00.000000``."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}"
    )


def day_text(day: date) -> str:
    """A DATE as stored (and the day part of a stored DATETIME): ``0999-01-01``."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def first_moment(day: date) -> str:
    """The stored text of the first moment of ``day``, for ``>=`` range bounds."""
    return f"{day_text(day)} 00:00:00.000000"


def last_moment(day: date) -> str:
    """The stored text of the last moment of ``day``, for ``<=`` range bounds."""
    return f"{day_text(day)} 23:59:59.999999"


def to_moment(value: Any) -> datetime:
    """A DATETIME (or a DATE, read as its first moment) as a store hands it back: text
    from SQLite, a ``datetime`` or ``date`` from a server."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    return datetime.fromisoformat(str(value))


def to_day(value: Any) -> date:
    """The day of a stored DATE or DATETIME."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def iso_moment(value: Any) -> str | None:
    """ISO 8601 text of a stored DATETIME, without a zero fraction (``None`` stays).

    The stored text is rewritten in place, without a ``datetime`` round trip (a yearly
    export does 15,000 of these); :func:`iso_moment_sql` is the same rule in SQL.
    """
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 26 and value[10] == " ":
        return value[:10] + "T" + (value[11:19] if value.endswith(".000000") else value[11:])
    return to_moment(value).isoformat()


def iso_moment_sql(column: str) -> str:
    """:func:`iso_moment` as an SQLite expression over a stored DATETIME ``column``."""
    day, clock = f"substr({column}, 1, 10) || 'T' || ", f"substr({column}, 12"
    return (
        f"CASE WHEN substr({column}, 20) = '.000000' THEN {day}{clock}, 8) ELSE {day}{clock}) END"
    )


def iso_day(value: Any) -> str | None:
    return None if value is None else day_text(to_day(value))
