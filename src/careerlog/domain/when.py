"""Parse WHEN: ISO dates and a small set of plain words.

Accepted: ``2024-03-05``, ``2024-03-05 14:30``, ``2024-03-05T14:30``, ``today``,
``now``, ``yesterday``, ``tomorrow``, ``monday``…``sunday`` and ``last friday``
(the most recent such day before today), ``N days|weeks|months|years ago``
(``a`` / ``an`` for one), ``last week|month|year``. Anything else raises
:class:`WhenError`, the only error this module raises.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from careerlog.domain.errors import CareerlogError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_TIME = time(9, 0)
"""A past date given without a time is placed at 09:00, as jrnl does."""

_AGO = re.compile(r"^(\d{1,4}|a|an|one)\s+(day|week|month|year)s?\s+ago$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
HELP = "use YYYY-MM-DD, 'today', 'yesterday', 'last friday' or '3 days ago'"


class WhenError(CareerlogError):
    """WHEN was not understood."""


def _shift_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise WhenError(f"cannot go back {months} months from {day}")  # unreachable for valid dates


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """Return the moment ``text`` names; today's words keep the current time."""
    now = now or datetime.now().replace(microsecond=0)
    today = now.date()
    words = " ".join(text.strip().lower().split())
    if not words:
        raise WhenError(f"empty date: {HELP}")
    iso = _ISO.match(words)
    if iso:
        y, m, d, hh, mm, ss = iso.groups()
        try:
            day = date(int(y), int(m), int(d))
            if hh is None:
                return now if day == today else datetime.combine(day, DEFAULT_TIME)
            return datetime.combine(day, time(int(hh), int(mm), int(ss or 0)))
        except ValueError as error:
            raise WhenError(f"not a real date: {text.strip()!r} ({error})") from None
    if words in ("today", "now"):
        return now
    if words == "yesterday":
        return datetime.combine(today - timedelta(days=1), DEFAULT_TIME)
    if words == "tomorrow":
        return datetime.combine(today + timedelta(days=1), DEFAULT_TIME)
    if words in ("last week", "last month", "last year"):
        words = "1 " + words.split()[1] + " ago"
    ago = _AGO.match(words)
    if ago:
        amount = 1 if ago.group(1) in ("a", "an", "one") else int(ago.group(1))
        unit = ago.group(2)
        if unit == "day":
            day = today - timedelta(days=amount)
        elif unit == "week":
            day = today - timedelta(weeks=amount)
        elif unit == "month":
            day = _shift_months(today, amount)
        else:
            day = _shift_months(today, 12 * amount)
        if day.year < 1:
            raise WhenError(f"too far back: {text.strip()!r}")
        return datetime.combine(day, DEFAULT_TIME)
    name = words.removeprefix("last ")
    if name in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(name)) % 7 or 7
        return datetime.combine(today - timedelta(days=back), DEFAULT_TIME)
    raise WhenError(f"unknown date {text.strip()!r}: {HELP}")


def parse_day(text: str, now: datetime | None = None) -> date:
    """Like :func:`parse_when`, for options that name a whole day (``--from``, ``--due``)."""
    return parse_when(text, now).date()
