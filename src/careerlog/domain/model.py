"""The records careerlog keeps, as frozen dataclasses the UI and CLI can hold safely.

Services build these from the store; nothing here knows about SQL or Textual.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from careerlog.domain.hits import SearchHit as SearchHit  # re-exported


class GoalStatus(enum.StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"


class ActivityKind(enum.StrEnum):
    COURSE = "course"
    BOOK = "book"
    TRAINING = "training"
    MENTORING_GIVEN = "mentoring-given"
    MENTORING_RECEIVED = "mentoring-received"
    CONFERENCE = "conference"
    CERTIFICATION = "certification"
    PROJECT = "project"
    PRACTICE = "practice"


@dataclass(frozen=True, slots=True)
class Level:
    key: str
    name: str
    summary: str


@dataclass(frozen=True, slots=True)
class Competency:
    key: str
    name: str
    group: str
    description: str
    expected: tuple[int, ...]
    """Rating (1-5) expected at each level, in level order."""
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Track:
    key: str
    name: str
    summary: str
    levels: tuple[Level, ...]
    competencies: tuple[Competency, ...]
    source: str = ""
    origin: str = "built-in"
    """"built-in" or the path of the person's own file."""

    def level(self, key: str) -> Level:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)

    def level_index(self, key: str) -> int:
        return [level.key for level in self.levels].index(key)

    def competency(self, key: str) -> Competency:
        for comp in self.competencies:
            if comp.key == key:
                return comp
        raise KeyError(key)

    def expected(self, competency_key: str, level_key: str) -> int:
        return self.competency(competency_key).expected[self.level_index(level_key)]

    def next_level(self, key: str) -> Level | None:
        index = self.level_index(key) + 1
        return self.levels[index] if index < len(self.levels) else None


@dataclass(frozen=True, slots=True)
class TrackChoice:
    id: int
    track: Track
    """The definition as it was when chosen (a snapshot), not today's file."""
    level_key: str
    chosen_at: datetime
    reason: str

    @property
    def level(self) -> Level:
        return self.track.level(self.level_key)


@dataclass(frozen=True, slots=True)
class Milestone:
    id: int
    title: str
    position: int
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    title: str
    why: str
    status: GoalStatus
    due: date | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    progress_manual: int | None
    version: int
    milestones: tuple[Milestone, ...] = ()
    competencies: tuple[str, ...] = ()

    @property
    def progress(self) -> int:
        """Percent done: milestones ticked, else the manual figure, else 100 when achieved."""
        if self.milestones:
            done = sum(1 for m in self.milestones if m.done)
            return round(100 * done / len(self.milestones))
        if self.progress_manual is not None:
            return self.progress_manual
        return 100 if self.status is GoalStatus.ACHIEVED else 0


@dataclass(frozen=True, slots=True)
class Activity:
    id: int
    title: str
    kind: ActivityKind
    day: date
    minutes: int
    goal_id: int | None
    notes: str
    link: str
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    written_at: datetime
    text: str
    starred: bool
    tags: tuple[str, ...] = ()
    goal_ids: tuple[int, ...] = ()
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reflection:
    id: int
    set_key: str
    day: date
    created_at: datetime
    track_key: str | None
    level_key: str | None
    stance: int | None
    """0 = wholly technical leadership ("what you do"), 100 = wholly supervisory /
    political leadership ("how you get things done")."""
    answers: tuple[tuple[str, str, str], ...] = ()
    """(prompt id, prompt text as asked, answer)."""
    ratings: dict[str, int] = field(default_factory=dict)
