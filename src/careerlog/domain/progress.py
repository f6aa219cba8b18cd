"""Progress against the chosen track: pure rules over ratings and evidence counts.

Definitions (the tests work these out by hand):

- **latest rating**: a competency's most recent self-rating (by reflection day,
  then by reflection id for two on one day).
- **trend**: over the last :data:`TREND_WINDOW` ratings of a competency, the last
  minus the first (``+2`` = two points up). ``None`` with fewer than two ratings.
- **evidence window**: the :data:`EVIDENCE_DAYS` days ending today (today and the
  89 days before). Evidence = journal entries written in it, learning activities
  done in it and goals open at some point in it, each linked to the competency.
- **stale**: no evidence at all in the window.
- **readiness**: the share (0-1) of the track's competencies whose latest rating
  is at or above the next level's expectation; a competency never rated is not
  ready. ``None`` at the top level, where there is no next level.
- **months sustained**: how many consecutive calendar months, ending with the
  current one, had a month-end readiness at least as high as today's (the current
  month is judged as of today). It answers "for how long has this held?", so it
  is 0 when readiness is 0 or ``None``. Month-end readiness uses the ratings
  given up to that day against the current track and level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from careerlog.domain.model import Track

TREND_WINDOW = 4
EVIDENCE_DAYS = 90


@dataclass(frozen=True, slots=True, order=True)
class RatingPoint:
    """One self-rating, ordered by when it was given."""

    day: date
    reflection_id: int
    competency: str
    value: int


@dataclass(frozen=True, slots=True)
class Evidence:
    entries: int = 0
    activities: int = 0
    goals: int = 0
    minutes: int = 0
    """Learning minutes in the window."""
    minutes_total: int = 0
    """Learning minutes ever logged against the competency."""

    @property
    def total(self) -> int:
        return self.entries + self.activities + self.goals


@dataclass(frozen=True, slots=True)
class CompetencyProgress:
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

    @property
    def meets_current(self) -> bool:
        return self.latest is not None and self.latest >= self.expected

    @property
    def meets_next(self) -> bool:
        return (
            self.latest is not None
            and self.expected_next is not None
            and self.latest >= self.expected_next
        )


@dataclass(frozen=True, slots=True)
class ProgressReport:
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

    @property
    def ready_count(self) -> int:
        return sum(1 for c in self.competencies if c.meets_next)

    @property
    def stale(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.competencies if c.stale)

    @property
    def learning_minutes(self) -> int:
        """Learning minutes in the window; an activity linked to two competencies counts
        for each, so this is the per-competency sum, not wall-clock time."""
        return sum(c.evidence.minutes for c in self.competencies)


def evidence_window(today: date) -> tuple[date, date]:
    """First and last day (inclusive) of the evidence window ending ``today``."""
    return today - timedelta(days=EVIDENCE_DAYS - 1), today


def latest_ratings(history: Iterable[RatingPoint], as_of: date | None = None) -> dict[str, int]:
    """The most recent rating per competency, counting only ratings up to ``as_of``."""
    latest: dict[str, int] = {}
    for point in sorted(history):
        if as_of is None or point.day <= as_of:
            latest[point.competency] = point.value
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


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def months_sustained(
    history: Sequence[RatingPoint], expected_next: Mapping[str, int], today: date
) -> int:
    """Consecutive months ending now whose month-end readiness was at least today's."""
    now = readiness(latest_ratings(history, today), expected_next)
    if not now or not history:
        return 0
    first = min(point.day for point in history)
    months = 0
    year, month = today.year, today.month
    while (year, month) >= (first.year, first.month):
        end = min(_month_end(year, month), today)
        then = readiness(latest_ratings(history, end), expected_next)
        if then is None or then < now:
            break
        months += 1
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def assess(
    track: Track,
    level_key: str,
    history: Sequence[RatingPoint],
    evidence: Mapping[str, Evidence],
    today: date,
    stance: Sequence[tuple[date, int]] = (),
) -> ProgressReport:
    """Put the figures together for the chosen track and current level."""
    index = track.level_index(level_key)
    nxt = track.next_level(level_key)
    keys = {c.key for c in track.competencies}
    relevant = sorted(p for p in history if p.competency in keys and p.day <= today)
    latest = latest_ratings(relevant)
    rows: list[CompetencyProgress] = []
    for comp in track.competencies:
        own = [(p.day, p.value) for p in relevant if p.competency == comp.key]
        found = evidence.get(comp.key, Evidence())
        rows.append(
            CompetencyProgress(
                key=comp.key,
                name=comp.name,
                group=comp.group,
                signals=comp.signals,
                latest=latest.get(comp.key),
                expected=comp.expected[index],
                expected_next=comp.expected[index + 1] if nxt else None,
                trend=trend([value for _, value in own]),
                history=tuple(own),
                evidence=found,
                stale=is_stale(found),
            )
        )
    expected_next = (
        {c.key: c.expected[index + 1] for c in track.competencies} if nxt is not None else {}
    )
    return ProgressReport(
        track_key=track.key,
        track_name=track.name,
        level_key=level_key,
        level_name=track.level(level_key).name,
        next_level_key=nxt.key if nxt else None,
        next_level_name=nxt.name if nxt else None,
        as_of=today,
        competencies=tuple(rows),
        readiness=readiness(latest, expected_next),
        months_sustained=months_sustained(relevant, expected_next, today),
        stance=tuple(sorted(stance)),
    )
