"""The shape of a year in review (or any date range): frozen plain data, so the TUI
preview, the Markdown/HTML/JSON exports and the tests all see the same thing, and
its JSON-ready form.

Named tuples rather than dataclasses: ``careerlog export`` builds these once, and
creating nine dataclasses costs ~7 ms at import, a few per cent of the command.
Without ``from __future__ import annotations`` on purpose: ``typing.NamedTuple``
checks each field's type, and a type written as a string is compiled first (70
``compile()`` calls here, ~1.2 ms of every export's start).
"""

from datetime import date, datetime
from typing import Any, NamedTuple


class TrackAt(NamedTuple):
    track_key: str
    track_name: str
    level_key: str
    level_name: str
    since: datetime
    reason: str = ""


class Highlight(NamedTuple):
    entry_id: int
    written_at: datetime
    title: str
    text: str
    tags: tuple[str, ...]


class GoalLine(NamedTuple):
    id: int
    title: str
    status: str
    progress: int
    due: date | None
    closed_at: datetime | None
    milestones_done: int
    milestones_total: int


class TimeSpent(NamedTuple):
    key: str
    name: str
    minutes: int
    activities: int
    track: str = ""
    """For a competency, the track it belongs to (``""``: no competency, or a kind)."""


class RatingChange(NamedTuple):
    key: str
    name: str
    start: int | None
    end: int | None
    expected: int | None
    """What the level held at the end of the range expects, when known."""
    track: str = ""
    """The track the ratings were given on."""

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


class StancePoint(NamedTuple):
    day: date
    stance: int


class Excerpt(NamedTuple):
    day: date
    set_key: str
    prompt: str
    answer: str


class FeedbackLine(NamedTuple):
    id: int
    given_at: datetime
    giver: str
    role: str
    text: str
    competencies: tuple[str, ...]
    """The competencies it speaks to, by name (with the track's name when not the one
    held at the end of the range)."""


class Writing(NamedTuple):
    entries: int
    words: int
    days_written: int
    starred: int
    current_streak: int
    longest_streak: int
    per_day: tuple[tuple[date, int], ...]
    """Entries per day, only days with writing, oldest first (the heatmap)."""


class Summary(NamedTuple):
    start: date
    end: date
    title: str
    track_start: TrackAt | None
    track_end: TrackAt | None
    track_changes: tuple[TrackAt, ...]
    """Choices made during the range, oldest first."""
    highlights: tuple[Highlight, ...]
    goals_achieved: tuple[GoalLine, ...]
    goals_ongoing: tuple[GoalLine, ...]
    goals_dropped: tuple[GoalLine, ...]
    learning_minutes: int
    learning_by_competency: tuple[TimeSpent, ...]
    learning_by_kind: tuple[TimeSpent, ...]
    ratings: tuple[RatingChange, ...]
    stance: tuple[StancePoint, ...]
    excerpts: tuple[Excerpt, ...]
    reflections: int
    writing: Writing
    feedback: tuple[FeedbackLine, ...] = ()
    """What others said in the range, oldest first."""

    @property
    def stance_drift(self) -> int | None:
        """End minus start (positive: moved towards supervisory leadership)."""
        if len(self.stance) < 2:
            return None
        return self.stance[-1].stance - self.stance[0].stance


class Omit(NamedTuple):
    """What a document meant for someone else leaves out."""

    journal: bool = False
    """The journal's own words: every entry's text, the starred highlights included."""
    reflections: bool = False
    """The answers to reflection prompts, and the leadership stance given with them."""

    def names(self) -> list[str]:
        return [name for name in ("journal", "reflections") if getattr(self, name)]


NOTHING = Omit()
"""Leave nothing out (the default)."""


def without(summary: Summary, omit: Omit) -> Summary:
    """``summary`` with what ``omit`` names taken out (counts stay: they say nothing)."""
    if omit.journal:
        summary = summary._replace(highlights=())
    if omit.reflections:
        summary = summary._replace(excerpts=(), stance=())
    return summary


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "_asdict"):  # one of the records above
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """JSON-ready: dates as ISO strings, the heatmap as ``{"day": count}``."""
    # The heatmap is written here, not walked by _plain first (a year has ~300 days).
    data: dict[str, Any] = _plain(summary._replace(writing=summary.writing._replace(per_day=())))
    data["writing"]["per_day"] = {day.isoformat(): n for day, n in summary.writing.per_day}
    data["stance_drift"] = summary.stance_drift
    return data
