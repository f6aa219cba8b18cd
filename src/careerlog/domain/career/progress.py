"""Progress against the chosen track: pure rules over ratings and evidence counts.

Definitions (the tests work these out by hand):

- **ratings on a track**: only ratings given while that track was chosen, plus those
  the person carried over to it on a switch (marked with the track they came from).
  A rating given on another track never counts, even for a competency with the same
  key: competencies belong to the track that defined them.
- **latest rating**: a competency's most recent self-rating (by day, then by
  reflection id for two on one day; a carried rating keeps the day it was first
  given and sorts before any reflection of that day). A manager's rating is kept
  beside it and never replaces it.
- **trend**: over the last :data:`TREND_WINDOW` self-ratings of a competency, the
  last minus the first (``+2`` = two points up). ``None`` with fewer than two.
- **evidence window**: the :data:`EVIDENCE_DAYS` days ending today (today and the
  89 days before). Evidence = journal entries written in it, learning activities
  done in it, goals open at some point in it and feedback received in it, each
  linked to the competency on this track.
- **stale**: no evidence at all in the window.
- **not applicable**: a competency the person marked so (with a reason); it leaves
  readiness, in the count and in the share.
- **readiness**: the share (0-1) of the track's applicable competencies whose latest
  rating is at or above the next level's expectation; a competency never rated is
  not ready. ``None`` at the top level, where there is no next level.
- **held since**: the first day of the unbroken stretch, ending today, in which
  readiness was at least today's, but never before the day the current track and
  level were chosen. Readiness only changes on a day a rating is given, so the
  stretch starts on the last rating day before which readiness was lower. ``None``
  when readiness is 0 or ``None``.
- **months sustained**: whole calendar months from *held since* to today (14 March
  to 13 May is one month, to 14 May two).
- **learning time**: each activity's minutes once, whatever it is linked to. The
  per-competency figures count an activity under each competency it is linked to,
  so they can add up to more than the total.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

from careerlog.domain.model import Track
from careerlog.domain.records import Record, field

TREND_WINDOW = 4
EVIDENCE_DAYS = 90


class RatingPoint(Record, order=True):
    """One rating, ordered by when it was given."""

    day: date
    reflection_id: int
    """0 for a rating carried over from another track."""
    competency: str
    value: int
    rater: str = "self"
    """``self`` or ``manager``."""
    track_key: str = ""
    """The track it was given on (for a carried rating, the track it came from)."""
    track_name: str = ""
    carried: bool = False


class Evidence(Record):
    """How much was recorded against one competency: entries, activities, goals, feedback
    and learning minutes."""

    entries: int = 0
    activities: int = 0
    goals: int = 0
    feedback: int = 0
    minutes: int = 0
    """Learning minutes in the window, of activities linked to this competency (an
    activity linked to several competencies counts for each of them)."""
    minutes_total: int = 0
    """Learning minutes ever logged against the competency (same rule)."""

    @property
    def total(self) -> int:
        return self.entries + self.activities + self.goals + self.feedback


class CompetencyProgress(Record):
    """One competency's ratings over time, against what the current and the next level expect."""

    key: str
    name: str
    group: str
    signals: tuple[str, ...]
    latest: int | None
    expected: int
    expected_next: int | None
    trend: int | None
    history: tuple[tuple[date, int], ...]
    evidence: Evidence
    stale: bool
    manager: int | None = None
    """The manager's latest rating, if one was recorded."""
    ratings: tuple[RatingPoint, ...] = ()
    """Every rating of the competency on this track (self, manager, carried), oldest first."""
    latest_point: RatingPoint | None = None
    """Where the latest self-rating came from (its day, and the track for a carried one)."""
    not_applicable: str | None = None
    """The reason given, when the person marked this competency not applicable."""
    focus: bool = False
    next_signals: tuple[str, ...] = ()
    """What the next level looks like for this competency (its own signals if the
    track describes that level, else the general ones)."""

    @property
    def applicable(self) -> bool:
        return self.not_applicable is None

    @property
    def meets_current(self) -> bool:
        return self.latest is not None and self.latest >= self.expected

    @property
    def meets_next(self) -> bool:
        return (
            self.applicable
            and self.latest is not None
            and self.expected_next is not None
            and self.latest >= self.expected_next
        )


class ProgressReport(Record):
    """Progress on the chosen track: each competency, and readiness for the next level."""

    track_key: str
    track_name: str
    level_key: str
    level_name: str
    next_level_key: str | None
    next_level_name: str | None
    as_of: date
    competencies: tuple[CompetencyProgress, ...]
    readiness: float | None
    months_sustained: int
    stance: tuple[tuple[date, int], ...] = field(default=())
    """(reflection day, stance 0-100) oldest first: 0 technical, 100 supervisory."""
    held_since: date | None = None
    learning_minutes: int = 0
    """Learning minutes in the window, each activity once."""

    @property
    def ready_count(self) -> int:
        return sum(1 for c in self.competencies if c.meets_next)

    @property
    def applicable_count(self) -> int:
        return sum(1 for c in self.competencies if c.applicable)

    @property
    def stale(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.competencies if c.stale and c.applicable)


def evidence_window(today: date) -> tuple[date, date]:
    """First and last day (inclusive) of the evidence window ending ``today``."""
    return today - timedelta(days=EVIDENCE_DAYS - 1), today


def latest_ratings(history: Iterable[RatingPoint], as_of: date | None = None) -> dict[str, int]:
    """The most recent self-rating per competency, counting only ratings up to ``as_of``."""
    return {key: point.value for key, point in latest_points(history, as_of).items()}


def latest_points(
    history: Iterable[RatingPoint], as_of: date | None = None, rater: str = "self"
) -> dict[str, RatingPoint]:
    latest: dict[str, RatingPoint] = {}
    for point in sorted(history):
        if point.rater == rater and (as_of is None or point.day <= as_of):
            latest[point.competency] = point
    return latest


def trend(values: Sequence[int], window: int = TREND_WINDOW) -> int | None:
    """Last minus first of the last ``window`` ratings (oldest first); ``None`` below two."""
    recent = list(values)[-window:]
    if len(recent) < 2:
        return None
    return recent[-1] - recent[0]


def is_stale(evidence: Evidence) -> bool:
    return evidence.total == 0


def readiness(latest: Mapping[str, int], expected_next: Mapping[str, int]) -> float | None:
    """Share of competencies rated at or above their next-level expectation."""
    if not expected_next:
        return None
    ready = sum(1 for key, need in expected_next.items() if latest.get(key, 0) >= need)
    return ready / len(expected_next)


def held_since(
    history: Sequence[RatingPoint], expected_next: Mapping[str, int], today: date, since: date
) -> date | None:
    """First day of the stretch ending today in which readiness stayed at least today's,
    not before ``since`` (the day the current choice was made)."""
    now = readiness(latest_ratings(history, today), expected_next)
    if not now:
        return None
    since = min(since, today)
    days = sorted({p.day for p in history if since < p.day <= today}, reverse=True)
    for day in days:
        before = readiness(latest_ratings(history, day - timedelta(days=1)), expected_next)
        if before is None or before < now:
            return day
    return since


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when under one)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def months_sustained(
    history: Sequence[RatingPoint], expected_next: Mapping[str, int], today: date, since: date
) -> int:
    """Whole months readiness has held at today's level (see :func:`held_since`)."""
    start = held_since(history, expected_next, today, since)
    return 0 if start is None else whole_months(start, today)


def assess(
    track: Track,
    level_key: str,
    history: Sequence[RatingPoint],
    evidence: Mapping[str, Evidence],
    today: date,
    stance: Sequence[tuple[date, int]] = (),
    *,
    since: date | None = None,
    learning_minutes: int = 0,
    not_applicable: Mapping[str, str] | None = None,
    focus: Collection[str] = (),
) -> ProgressReport:
    """Put the figures together for the chosen track and current level.

    ``history`` must hold ratings on this track only (and those carried to it);
    ``since`` is the day the current choice was made (default: no limit).
    """
    index = track.level_index(level_key)
    nxt = track.next_level(level_key)
    skipped = dict(not_applicable or {})
    keys = {c.key for c in track.competencies}
    relevant = sorted(p for p in history if p.competency in keys and p.day <= today)
    own_ratings = [p for p in relevant if p.rater == "self"]
    latest = latest_points(own_ratings)
    managers = latest_points(relevant, rater="manager")
    rows: list[CompetencyProgress] = []
    for comp in track.competencies:
        own = [(p.day, p.value) for p in own_ratings if p.competency == comp.key]
        found = evidence.get(comp.key, Evidence())
        point = latest.get(comp.key)
        manager = managers.get(comp.key)
        rows.append(
            CompetencyProgress(
                key=comp.key,
                name=comp.name,
                group=comp.group,
                signals=comp.signals,
                latest=point.value if point else None,
                expected=comp.expected[index],
                expected_next=comp.expected[index + 1] if nxt else None,
                trend=trend([value for _, value in own]),
                history=tuple(own),
                evidence=found,
                stale=is_stale(found),
                manager=manager.value if manager else None,
                ratings=tuple(p for p in relevant if p.competency == comp.key),
                latest_point=point,
                not_applicable=skipped.get(comp.key),
                focus=comp.key in focus,
                next_signals=comp.at(nxt.key).signals if nxt else (),
            )
        )
    expected_next = (
        {c.key: c.expected[index + 1] for c in track.competencies if c.key not in skipped}
        if nxt is not None
        else {}
    )
    start = held_since(own_ratings, expected_next, today, since or date.min)
    return ProgressReport(
        track_key=track.key,
        track_name=track.name,
        level_key=level_key,
        level_name=track.level(level_key).name,
        next_level_key=nxt.key if nxt else None,
        next_level_name=nxt.name if nxt else None,
        as_of=today,
        competencies=tuple(rows),
        readiness=readiness(latest_ratings(own_ratings), expected_next),
        months_sustained=0 if start is None else whole_months(start, today),
        stance=tuple(sorted(stance)),
        held_since=start,
        learning_minutes=learning_minutes,
    )


def held_text(since: date | None, months: int, day: Callable[[date], str] = date.isoformat) -> str:
    """How long readiness has held, in words: ``held since 2026-03-14 (2 months)``, the
    date written by ``day`` (the TUI's is ``14 Mar 2026``)."""
    if since is None:
        return ""
    span = "under a month" if months < 1 else f"{months} month{'s' if months != 1 else ''}"
    return f"held since {day(since)} ({span})"
