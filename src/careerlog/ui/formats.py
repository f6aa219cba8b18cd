"""One way to show a date, a moment and a duration, on every screen.

A day is ``06 Mar 2026`` (with its weekday, ``Fri 06 Mar 2026``, where there is room
to say it); a moment adds the time, ``06 Mar 2026 10:15``; in a list of entries today's
show only their time. Durations have their one format in
:func:`careerlog.domain.text.duration`. Standard library only: the entry list uses it
on the first frame.
"""

from __future__ import annotations

from datetime import date, datetime

from careerlog.domain.datetext import day_words
from careerlog.domain.text import count_text


def day_text(day: date, *, weekday: bool = False) -> str:
    """``06 Mar 2026``, or ``Fri 06 Mar 2026`` with ``weekday``."""
    text = day_words(day)
    return f"{day:%a} {text}" if weekday else text


def near_day_text(day: date, today: date) -> str:
    """``06 Mar`` in ``today``'s year, else ``06 Mar 2025``: for narrow places where the
    year says nothing new."""
    return f"{day:%d %b}" if day.year == today.year else day_text(day)


def moment_text(moment: datetime, *, weekday: bool = False) -> str:
    """``06 Mar 2026 10:15``."""
    return f"{day_text(moment.date(), weekday=weekday)} {moment:%H:%M}"


def moment_label(moment: datetime, today: date) -> str:
    """A moment in a list: its time when it is today, else its day."""
    return f"{moment:%H:%M}" if moment.date() == today else day_text(moment.date())


def month_text(day: date) -> str:
    """``Mar 2026``: a month, never mistaken for a day."""
    return f"{day:%b} {day.year:04d}"


def evidence_text(entries: int, activities: int, goals: int, feedback: int = 0) -> str:
    """``2 entries, 1 activity``: what evidence there is, in words ("none" for nothing)."""
    parts = [
        count_text(entries, "entry", "entries"),
        count_text(activities, "activity", "activities"),
        count_text(goals, "goal"),
        count_text(feedback, "feedback", "feedback"),
    ]
    return ", ".join(part for part in parts if not part.startswith("0 ")) or "none"
