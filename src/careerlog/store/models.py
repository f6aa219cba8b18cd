"""Typed ORM models, mapped onto the Core tables of :mod:`careerlog.store.tables`.

Services use these where relationships help (goals with milestones, track choices
with their snapshots); hot paths use the Core tables directly.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from careerlog.store import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class TrackSnapshotRow(Base):
    __table__ = tables.track_snapshot
    id: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    digest: Mapped[str]
    definition: Mapped[str]
    created_at: Mapped[datetime]


class TrackChoiceRow(Base):
    __table__ = tables.track_choice
    id: Mapped[int]
    snapshot_id: Mapped[int]
    level_key: Mapped[str]
    chosen_at: Mapped[datetime]
    reason: Mapped[str]
    snapshot: Mapped[TrackSnapshotRow] = relationship(lazy="joined")


class MilestoneRow(Base):
    __table__ = tables.milestone
    id: Mapped[int]
    goal_id: Mapped[int]
    title: Mapped[str]
    position: Mapped[int]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class GoalRow(Base):
    __table__ = tables.goal
    __mapper_args__ = {"version_id_col": tables.goal.c.version}  # noqa: RUF012
    id: Mapped[int]
    title: Mapped[str]
    why: Mapped[str]
    status: Mapped[str]
    due: Mapped[date | None]
    progress_manual: Mapped[int | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    version: Mapped[int]
    milestones: Mapped[list[MilestoneRow]] = relationship(
        order_by=tables.milestone.c.position, cascade="all, delete-orphan", lazy="selectin"
    )
    # Competency links are written and read through careerlog.services.career.links
    # (they belong to a track), not through a relationship.


class ActivityRow(Base):
    __table__ = tables.activity
    id: Mapped[int]
    title: Mapped[str]
    kind: Mapped[str]
    day: Mapped[date]
    minutes: Mapped[int]
    goal_id: Mapped[int | None]
    notes: Mapped[str]
    link: Mapped[str]
    created_at: Mapped[datetime]


class ReflectionAnswerRow(Base):
    __table__ = tables.reflection_answer
    id: Mapped[int]
    reflection_id: Mapped[int]
    prompt_id: Mapped[str]
    prompt_text: Mapped[str]
    answer: Mapped[str]


class RatingRow(Base):
    __table__ = tables.rating
    reflection_id: Mapped[int]
    competency_key: Mapped[str]
    value: Mapped[int]
    rater: Mapped[str]


class ReflectionRow(Base):
    __table__ = tables.reflection
    id: Mapped[int]
    set_key: Mapped[str]
    day: Mapped[date]
    created_at: Mapped[datetime]
    track_key: Mapped[str | None]
    level_key: Mapped[str | None]
    stance: Mapped[int | None]
    snapshot_id: Mapped[int | None]
    answers: Mapped[list[ReflectionAnswerRow]] = relationship(
        order_by=tables.reflection_answer.c.id, cascade="all, delete-orphan", lazy="selectin"
    )
    ratings: Mapped[list[RatingRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
