"""The records careerlog keeps, frozen, so the UI and CLI can hold them safely.

Services build these from the store; nothing here knows about SQL or Textual. Each is
a :class:`~careerlog.domain.records.Record`: frozen and slotted like a dataclass, made
without the ``dataclasses`` module (see there why).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from careerlog.domain.hits import SearchHit as SearchHit  # re-exported
from careerlog.domain.records import Record, field


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

    @property
    def label(self) -> str:
        """The kind as a person says it: ``Mentoring given``."""
        return self.value.replace("-", " ").capitalize()

    @staticmethod
    def label_of(value: str) -> str:
        """The label of the kind stored as ``value``; a value no kind has any more is
        shown as it is."""
        try:
            return ActivityKind(value).label
        except ValueError:
            return value


class Level(Record):
    """One step of a track's ladder, as the track defines it."""

    key: str
    name: str
    summary: str


class LevelExpectation(Record):
    """What a competency looks like at one level: observable signals and examples."""

    level_key: str
    signals: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class Competency(Record):
    """A skill a track rates, with the rating each level expects and what shows it."""

    key: str
    name: str
    group: str
    description: str
    expected: tuple[int, ...]
    """Rating (1-5) expected at each level, in level order."""
    signals: tuple[str, ...]
    """Signals for every level; a level's own (:attr:`levels`) come first where given."""
    levels: tuple[LevelExpectation, ...] = ()

    def at(self, level_key: str) -> LevelExpectation:
        """The signals and examples for ``level_key``: the level's own where the track
        gives them, else the competency's general signals."""
        for level in self.levels:
            if level.level_key == level_key:
                if level.signals:
                    return level
                return LevelExpectation(level_key, self.signals, level.examples)
        return LevelExpectation(level_key, self.signals)


class Track(Record):
    """A career track: its levels in order and the competencies it rates."""

    key: str
    name: str
    summary: str
    levels: tuple[Level, ...]
    competencies: tuple[Competency, ...]
    source: str = ""
    origin: str = "built-in"
    """"built-in" or the path of the person's own file."""
    scale: tuple[str, ...] = ()
    """What each rating from 1 to 5 means on this track (five sentences), if given."""

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

    def has(self, competency_key: str) -> bool:
        return any(c.key == competency_key for c in self.competencies)

    def meaning(self, rating: int) -> str:
        """What ``rating`` means on this track, or ``""`` when the track does not say."""
        return self.scale[rating - 1] if len(self.scale) == 5 and 1 <= rating <= 5 else ""


class TrackChoice(Record):
    """The track and level the person chose, when and why."""

    id: int
    track: Track
    """The definition as it was when chosen (a snapshot), not today's file."""
    level_key: str
    chosen_at: datetime
    reason: str
    snapshot_id: int | None = None
    """The stored version of the track (``None`` only for a choice not yet stored)."""

    @property
    def level(self) -> Level:
        return self.track.level(self.level_key)


class CompetencyLink(Record, order=True):
    """A link from a record to one competency of one track.

    A competency is identified by its track and its key together: ``innovation`` on
    the technical track and ``innovation`` on technical leadership are different
    competencies. ``name`` and ``track_name`` are how the track version the link was
    made on names them (for display; they take no part in equality). ``track_key`` is
    ``""`` for a link made before any track was chosen that no track claims.
    """

    track_key: str
    key: str
    name: str = field(default="", compare=False)
    track_name: str = field(default="", compare=False)
    snapshot_id: int | None = field(default=None, compare=False)

    def label(self, current_track: str | None = None) -> str:
        """The name, with the track's name when it is not ``current_track``."""
        name = self.name or self.key.replace("-", " ").capitalize()
        if self.track_key == current_track or not self.track_name:
            return name
        return f"{name} ({self.track_name})"


def keys_on(links: tuple[CompetencyLink, ...], track_key: str | None) -> tuple[str, ...]:
    """The competency keys of ``links`` that belong to ``track_key``."""
    return tuple(link.key for link in links if link.track_key == track_key)


class Milestone(Record):
    """One step towards a goal, ticked off when done."""

    id: int
    title: str
    position: int
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Goal(Record):
    """Something the person means to reach, with its milestones and competencies."""

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
    competencies: tuple[CompetencyLink, ...] = ()

    @property
    def progress(self) -> int:
        """Percent done: milestones ticked, else the manual figure, else 100 when achieved."""
        if self.milestones:
            done = sum(1 for m in self.milestones if m.done)
            return round(100 * done / len(self.milestones))
        if self.progress_manual is not None:
            return self.progress_manual
        return 100 if self.status is GoalStatus.ACHIEVED else 0


class Activity(Record):
    """Time spent learning (a course, a book, mentoring...), on a day, in minutes."""

    id: int
    title: str
    kind: ActivityKind
    day: date
    minutes: int
    goal_id: int | None
    notes: str
    link: str
    competencies: tuple[CompetencyLink, ...] = ()


class Entry(Record):
    """One journal entry, with its tags and the goals and competencies it is linked to."""

    id: int
    written_at: datetime
    text: str
    starred: bool
    tags: tuple[str, ...] = ()
    goal_ids: tuple[int, ...] = ()
    competencies: tuple[CompetencyLink, ...] = ()
    updated_at: datetime | None = None
    """When the stored entry last changed (``None``: not read from a store). An edit
    hands it back, and is written only if the entry still has it."""


class Feedback(Record):
    """What someone else said about the person's work: evidence in another's words."""

    id: int
    given_at: datetime
    giver: str
    role: str
    text: str
    created_at: datetime
    competencies: tuple[CompetencyLink, ...] = ()


class Reflection(Record):
    """One reflection session: the answers given and the ratings taken."""

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
    """Self-ratings, competency key (of :attr:`track_key`) → 1-5."""
    manager_ratings: dict[str, int] = field(default_factory=dict)
    """Ratings the person's manager gave in the same session."""
    snapshot_id: int | None = None
