"""Parse WHEN: ISO dates, times and plain words, past and future.

A phrase is an optional day and an optional time of day, in either order:

- days: ``2024-03-05`` (any year 1-9999), ``today``/``now``, ``yesterday``,
  ``tomorrow``, ``friday`` (also ``fri``), ``last|this|next friday``, ``march 3``,
  ``3 march 2027``, ``march 3rd, 2027``, ``N days|weeks|months|years ago``,
  ``in N days…``, ``N days from now``, ``last|next week|month|year``,
  ``start|end of [this|last|next] week|month|quarter|year``, ``Q3 [2027]`` (the
  quarter's last day);
- times: ``3pm``, ``3:30 pm``, ``15:00``, ``noon``, ``midnight``, optionally after
  ``at``.

A phrase without a direction (a bare weekday, a month and day, a quarter without a
year) means the coming one when ``future`` is true (a due date) and the last one
otherwise (an entry). A day given without a time is placed at 09:00, as jrnl does;
today keeps the current time. Anything else raises :class:`WhenError`, the only
error this module raises. The patterns are compiled on first use (the ``re``
cache), so importing this module costs next to nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from careerlog.domain.errors import CareerlogError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_TIME = time(9, 0)
"""A date given without a time is placed at 09:00, as jrnl does."""

HELP = (
    "use YYYY-MM-DD [HH:MM], or words like 'yesterday 3pm', 'last friday', 'march 3', "
    "'next friday', 'in 2 weeks' or 'end of quarter'"
)
MAX_INLINE_PREFIX = 40
"""The longest date phrase ``split_inline_date`` looks at before a colon."""

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_NUMBER = r"(\d{1,4}|a|an|one)"
_UNIT = r"(day|week|fortnight|month|quarter|year)s?"
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_OF_MONTH = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{1,4}))?"
_TIME = r"(?:at\s+)?(?:(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?|noon|midnight)"


class WhenError(CareerlogError):
    """WHEN was not understood."""


def _check_year(year: int, text: str) -> int:
    if not 1 <= year <= 9999:
        raise WhenError(f"{text!r} falls outside the years 1 to 9999")
    return year


def _real_date(year: int, month: int, day: int, text: str) -> date:
    _check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise WhenError(f"not a real date: {text!r} ({error})") from None


def _shift_months(day: date, months: int, text: str) -> date:
    """``day`` moved by ``months`` (either way), clamped to the end of a short month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    _check_year(year, text)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise WhenError(f"cannot move {months} months from {day}")  # unreachable for valid dates


def _shift(day: date, amount: int, unit: str, text: str) -> date:
    if unit in ("day", "week", "fortnight"):
        days = amount * {"day": 1, "week": 7, "fortnight": 14}[unit]
        try:
            return day + timedelta(days=days)
        except OverflowError:
            raise WhenError(f"{text!r} falls outside the years 1 to 9999") from None
    months = amount * {"month": 1, "quarter": 3, "year": 12}[unit]
    return _shift_months(day, months, text)


def _period(day: date, unit: str) -> tuple[date, date]:
    """The first and last day of the week (Monday to Sunday), month, quarter or year
    holding ``day``."""
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    first_month = day.month if unit == "month" else 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    after = _shift_months(start, 1 if unit == "month" else 3, "")
    return start, after - timedelta(days=1)


def _quarter_end(year: int, quarter: int) -> date:
    return _period(date(year, 3 * quarter, 1), "quarter")[1]


def _amount(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def _month_day(
    month_word: str, day_word: str, year_word: str | None, today: date, future: bool, text: str
) -> date:
    month = _MONTHS[month_word[:3]]
    day = int(day_word)
    if year_word is not None:
        return _real_date(int(year_word), month, day, text)
    if not 1 <= day <= 31:
        raise WhenError(f"not a real date: {text!r}")
    step = 1 if future else -1
    year = today.year
    for _ in range(9):  # 29 February comes round within 8 years
        try:
            candidate = date(_check_year(year, text), month, day)
        except ValueError:
            year += step
            continue
        if (candidate >= today) if future else (candidate <= today):
            return candidate
        year += step
    raise WhenError(f"not a real date: {text!r}")


def _weekday(word: str) -> int | None:
    for index, name in enumerate(WEEKDAYS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index
    return None


def _relative_weekday(prefix: str | None, target: int, today: date, future: bool) -> date:
    ahead = (target - today.weekday()) % 7
    if prefix == "this":
        return today + timedelta(days=ahead)
    if prefix == "next" or (prefix is None and future):
        return today + timedelta(days=ahead or 7)
    behind = (today.weekday() - target) % 7 or 7
    return today - timedelta(days=behind)


def _day(words: str, today: date, future: bool, text: str) -> date | None:
    """The day ``words`` names, or ``None`` when they name no day at all."""
    if words in ("today", "now", "tonight"):
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words == "tomorrow":
        return today + timedelta(days=1)
    m = re.fullmatch(r"(\d{1,4})-(\d{1,2})-(\d{1,2})", words)
    if m:
        return _real_date(int(m[1]), int(m[2]), int(m[3]), text)
    m = re.fullmatch(r"(last|this|next|coming|past)?\s*([a-z]+)", words)
    if m:
        target = _weekday(m[2])
        if target is not None:
            prefix = {"coming": "next", "past": "last"}.get(m[1] or "", m[1])
            return _relative_weekday(prefix, target, today, future)
    m = re.fullmatch(_MONTH + r"\s+" + _DAY_OF_MONTH + _YEAR, words)
    if m:
        return _month_day(m[1], m[2], m[3], today, future, text)
    m = re.fullmatch(_DAY_OF_MONTH + r"\s+(?:of\s+)?" + _MONTH + _YEAR, words)
    if m:
        return _month_day(m[2], m[1], m[3], today, future, text)
    m = re.fullmatch(_NUMBER + r"\s+" + _UNIT + r"\s+ago", words)
    if m:
        return _shift(today, -_amount(m[1]), m[2], text)
    m = re.fullmatch(r"in\s+" + _NUMBER + r"\s+" + _UNIT, words) or re.fullmatch(
        _NUMBER + r"\s+" + _UNIT + r"\s+from\s+now", words
    )
    if m:
        return _shift(today, _amount(m[1]), m[2], text)
    m = re.fullmatch(r"(last|next)\s+(week|month|quarter|year)", words)
    if m:
        return _shift(today, 1 if m[1] == "next" else -1, m[2], text)
    m = re.fullmatch(
        r"(start|beginning|end)\s+of\s+(?:the\s+)?(?:(this|last|next)\s+)?"
        r"(week|month|quarter|year)",
        words,
    )
    if m:
        moved = {"last": -1, "next": 1}.get(m[2] or "", 0)
        anchor = _shift(today, moved, m[3], text) if moved else today
        start, end = _period(anchor, m[3])
        return end if m[1] == "end" else start
    m = re.fullmatch(r"q([1-4])(?:\s+(\d{1,4}))?", words) or re.fullmatch(
        r"(?:(\d{4})\s+)q([1-4])", words
    )
    if m:
        if words.startswith("q"):
            quarter, year_word = int(m[1]), m[2]
        else:
            quarter, year_word = int(m[2]), m[1]
        if year_word is not None:
            return _quarter_end(_check_year(int(year_word), text), quarter)
        year = today.year
        if future:
            return (
                _quarter_end(year, quarter)
                if _quarter_end(year, quarter) >= today
                else (_quarter_end(_check_year(year + 1, text), quarter))
            )
        end = _quarter_end(year, quarter)
        return end if end < today else _quarter_end(_check_year(year - 1, text), quarter)
    return None


def _clock(match: re.Match[str], text: str) -> time:
    whole = match.group(0).removeprefix("at").strip()
    if whole == "noon":
        return time(12, 0)
    if whole == "midnight":
        return time(0, 0)
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    meridiem = (match[4] or "").replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise WhenError(f"not a real time: {text!r} (hours run 1-12 with am/pm)")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError(f"not a real time: {text!r}")
    return time(hour, minute, second)


def _split_time(words: str) -> tuple[str, re.Match[str] | None]:
    """The words without their time of day, and the time's match (``None`` if none).

    A bare number is never a time ("march 3" is a day): a time has minutes, am/pm,
    or is noon or midnight.
    """
    for pattern in (r"(?:^|\s)(" + _TIME + r")$", r"^(" + _TIME + r")(?:\s|$)"):
        m = re.search(pattern, words)
        if m is None:
            continue
        inner = re.fullmatch(_TIME, m[1])
        assert inner is not None
        if inner[2] is None and inner[4] is None and inner[1] is not None:
            continue  # "3", "2027": a number, not a time
        rest = (words[: m.start()] + " " + words[m.end() :]).strip()
        return rest, inner
    return words, None


def parse_when(text: str, now: datetime | None = None, *, future: bool = False) -> datetime:
    """Return the moment ``text`` names. ``future`` says which way an undirected phrase
    points: the coming one (due dates) or, by default, the last one (entries)."""
    now = now or datetime.now().replace(microsecond=0)
    today = now.date()
    words = " ".join(text.strip().lower().split())
    if not words:
        raise WhenError(f"empty date: {HELP}")
    words = re.sub(r"^(\d{1,4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", words)
    if words == "now":
        return now
    rest, clock = _split_time(words)
    day = _day(rest, today, future, text.strip()) if rest else today
    if day is None:
        raise WhenError(f"unknown date {text.strip()!r}: {HELP}")
    if clock is not None:
        return datetime.combine(day, _clock(clock, text.strip()))
    return now if day == today else datetime.combine(day, DEFAULT_TIME)


def parse_year(text: str | int) -> int:
    """A year careerlog can store and export (``--year``): 1 to 9999, as ``date`` allows."""
    try:
        year = int(text)
    except ValueError:
        raise WhenError(f"{text!r} is not a year (like 2024)") from None
    return _check_year(year, str(text))


def parse_day(text: str, now: datetime | None = None, *, future: bool = False) -> date:
    """Like :func:`parse_when`, for options that name a whole day (``--from``, ``--due``)."""
    return parse_when(text, now, future=future).date()


def parse_due(text: str, now: datetime | None = None) -> date:
    """A due date: undirected words ("friday", "march 3", "Q3") mean the coming one."""
    return parse_day(text, now, future=True)


def split_inline_date(text: str, now: datetime | None = None) -> tuple[datetime | None, str, bool]:
    """jrnl's inline date: ``"yesterday 3pm: met the VP"`` is dated yesterday at 15:00
    and reads "met the VP"; a ``*`` before the colon stars it. Text whose first words
    before ``": "`` are not a date ("Note: …") comes back whole, with ``None``."""
    end_of_line = text.find("\n")
    first_line = text if end_of_line < 0 else text[:end_of_line]
    colon = first_line.find(": ", 0, MAX_INLINE_PREFIX + 2)
    if colon <= 0:
        return None, text, False
    prefix = first_line[:colon].strip()
    starred = prefix.endswith("*")
    try:
        moment = parse_when(prefix.removesuffix("*"), now)
    except WhenError:
        return None, text, False
    return moment, text[colon + 1 :].strip(), starred
