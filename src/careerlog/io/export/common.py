"""Wording shared by the Markdown and HTML exports, so both say the same things."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from careerlog.domain.datetext import day_words, iso_day, iso_minute
from careerlog.domain.summary import GoalLine, Summary, TrackAt


def day_text(value: date | datetime | None) -> str:
    """``YYYY-MM-DD`` (:func:`careerlog.domain.datetext.iso_day`), or nothing for no day."""
    return "" if value is None else iso_day(value)


def span(summary: Summary) -> str:
    return f"{day_words(summary.start)} to {day_words(summary.end)}"


def track_text(track: TrackAt | None) -> str:
    if track is None:
        return "no track chosen"
    return f"{track.track_name} — {track.level_name} (since {day_text(track.since)})"


def goal_text(goal: GoalLine) -> str:
    parts = []
    if goal.status == "achieved":
        parts.append(f"achieved {day_text(goal.closed_at)}")
    elif goal.status == "dropped":
        parts.append(f"dropped {day_text(goal.closed_at)}")
    else:
        parts.append(f"{goal.progress}% done")
        if goal.status == "paused":
            parts.append("paused")
    if goal.milestones_total:
        parts.append(f"{goal.milestones_done}/{goal.milestones_total} milestones")
    if goal.due and goal.status not in ("achieved", "dropped"):
        parts.append(f"due {day_text(goal.due)}")
    return ", ".join(parts)


def stance_text(summary: Summary) -> str:
    """Where the person stood, in words: 0 is technical, 100 supervisory leadership."""
    if not summary.stance:
        return "No stance recorded in this period."
    first, last = summary.stance[0], summary.stance[-1]
    if len(summary.stance) == 1:
        return (
            f"Stance {first.stance}/100 on {day_text(first.day)} "
            "(0 = technical, 100 = supervisory)."
        )
    drift = summary.stance_drift or 0
    way = (
        "towards supervisory / political leadership"
        if drift > 0
        else "towards technical leadership"
        if drift < 0
        else "no drift"
    )
    return (
        f"From {first.stance}/100 on {day_text(first.day)} to {last.stance}/100 on "
        f"{day_text(last.day)}: {drift:+d}, {way} (0 = technical, 100 = supervisory)."
    )


def months(summary: Summary) -> list[tuple[str, int]]:
    """Entries per month across the range, months without writing included."""
    counts: Counter[tuple[int, int]] = Counter()
    for day, n in summary.writing.per_day:
        counts[(day.year, day.month)] += n
    out = []
    year, month = summary.start.year, summary.start.month
    while (year, month) <= (summary.end.year, summary.end.month):
        out.append((f"{year}-{month:02d}", counts[(year, month)]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def entry_heading(entry: dict[str, Any]) -> str:
    when = datetime.fromisoformat(entry["written_at"])
    star = " ★" if entry["starred"] else ""
    tags = "  " + " ".join(f"@{t}" for t in entry["tags"]) if entry["tags"] else ""
    return f"{iso_minute(when)}{star}{tags}"
