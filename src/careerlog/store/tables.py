"""The schema as SQLAlchemy Core tables: the one source of truth for migrations,
the ORM models (mapped onto these tables in :mod:`careerlog.store.models`) and the
hot paths such as ``careerlog add``, which stay on Core to avoid importing the ORM
(``sqlalchemy.orm`` costs ~80 ms on top of ``sqlalchemy``)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

track_snapshot = Table(
    "track_snapshot",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("definition", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

track_choice = Table(
    "track_choice",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("snapshot_id", ForeignKey("track_snapshot.id"), nullable=False),
    Column("level_key", String(64), nullable=False),
    Column("chosen_at", DateTime, nullable=False, index=True),
    Column("reason", Text, nullable=False, default=""),
)

goal = Table(
    "goal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="active"),
    Column("due", Date),
    Column("progress_manual", Integer),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("updated_at", DateTime, nullable=False),
    Column("closed_at", DateTime),
    Column("version", Integer, nullable=False, default=1),
    CheckConstraint("status IN ('active', 'achieved', 'paused', 'dropped')", name="status"),
    CheckConstraint("progress_manual BETWEEN 0 AND 100", name="progress"),
)

milestone = Table(
    "milestone",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("goal_id", ForeignKey("goal.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("done_at", DateTime),
)


def _track_columns() -> tuple[Column[str], Column[int]]:
    """The track a competency link belongs to: its key (``""`` for a link made before
    any track was chosen that no track claims) and the version (snapshot) it was made
    on, whose names it is shown with. Competencies are identified by (track, key): two
    tracks that happen to share a key never share links (migration 0006)."""
    return (
        Column("track_key", String(64), primary_key=True, server_default=""),
        Column("snapshot_id", ForeignKey("track_snapshot.id")),
    )


goal_competency = Table(
    "goal_competency",
    metadata,
    Column("goal_id", ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True),
    Column("competency_key", String(64), primary_key=True),
    *_track_columns(),
)

activity = Table(
    "activity",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("day", Date, nullable=False, index=True),
    Column("minutes", Integer, nullable=False, default=0),
    Column("goal_id", ForeignKey("goal.id", ondelete="SET NULL"), index=True),
    Column("notes", Text, nullable=False, default=""),
    Column("link", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    CheckConstraint("minutes >= 0", name="minutes"),
)

activity_competency = Table(
    "activity_competency",
    metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("competency_key", String(64), primary_key=True),
    *_track_columns(),
)


entry = Table(
    "entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("written_at", DateTime, nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("starred", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("source_key", String(64), unique=True),
    Column("words", Integer),
)
"""``source_key`` identifies an imported entry (a hash of its origin) so importing
the same file twice adds nothing. ``words`` is the text's word count, kept so the year
in review and ``careerlog stats`` sum a column instead of splitting every text (about
50 ms for a year of 5,000 entries, 2 s all time at 100,000). NULL means "not counted",
and readers count those texts themselves. The entry writer
(:mod:`careerlog.store.writers`) fills it with the text, on insert and on edit."""

entry_tag = Table(
    "entry_tag",
    metadata,
    Column("entry_id", ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(128), primary_key=True),
    Index("ix_entry_tag_tag", "tag", "entry_id"),
)

entry_goal = Table(
    "entry_goal",
    metadata,
    Column("entry_id", ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True, index=True),
)

entry_competency = Table(
    "entry_competency",
    metadata,
    Column("entry_id", ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
    Column("competency_key", String(64), primary_key=True, index=True),
    *_track_columns(),
)

reflection = Table(
    "reflection",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("set_key", String(64), nullable=False),
    Column("day", Date, nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("track_key", String(64)),
    Column("level_key", String(64)),
    Column("stance", Integer),
    Column("snapshot_id", ForeignKey("track_snapshot.id")),
    CheckConstraint("stance BETWEEN 0 AND 100", name="stance"),
)
"""``track_key``, ``level_key`` and ``snapshot_id``: the track (and its version) held
the day the reflection was written; its ratings belong to that track."""

reflection_answer = Table(
    "reflection_answer",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "reflection_id", ForeignKey("reflection.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("prompt_id", String(64), nullable=False),
    Column("prompt_text", Text, nullable=False),
    Column("answer", Text, nullable=False),
    UniqueConstraint("reflection_id", "prompt_id", name="uq_reflection_answer_prompt"),
)

rating = Table(
    "rating",
    metadata,
    Column("reflection_id", ForeignKey("reflection.id", ondelete="CASCADE"), primary_key=True),
    Column("competency_key", String(64), primary_key=True),
    Column("value", Integer, nullable=False),
    Column("rater", String(16), primary_key=True, server_default="self"),
    CheckConstraint("value BETWEEN 1 AND 5", name="value"),
    CheckConstraint("rater IN ('self', 'manager')", name="rater"),
)
"""``rater``: the person's own rating (``self``) or the one their manager gave in the
same review session (``manager``)."""

carried_rating = Table(
    "carried_rating",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("choice_id", ForeignKey("track_choice.id", ondelete="CASCADE"), nullable=False),
    Column("track_key", String(64), nullable=False),
    Column("competency_key", String(64), nullable=False),
    Column("value", Integer, nullable=False),
    Column("from_track_key", String(64), nullable=False),
    Column("from_snapshot_id", ForeignKey("track_snapshot.id")),
    Column("from_day", Date, nullable=False),
    Column("carried_at", DateTime, nullable=False),
    CheckConstraint("value BETWEEN 1 AND 5", name="value"),
    UniqueConstraint("choice_id", "competency_key", name="uq_carried_rating_choice"),
)
"""A self-rating the person chose to carry over when switching to a track that shares
the competency's key: it counts on the new track (``track_key``) and always says where
it came from (the track, version and day it was first given)."""

fit_result = Table(
    "fit_result",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("taken_at", DateTime, nullable=False, index=True),
    Column("answers", Text, nullable=False),
    Column("scores", Text, nullable=False),
    Column("best_track", String(64), nullable=False),
)
"""One taking of the track-fit questionnaire; ``answers`` (statement id → 1-5) and
``scores`` (track key → 0-100) are JSON objects."""

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("given_at", DateTime, nullable=False, index=True),
    Column("giver", Text, nullable=False),
    Column("role", Text, nullable=False, server_default=""),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
"""What someone else said about the person's work: who (``giver``, and their ``role``
if given), when, in their words. It counts as evidence for the competencies it is
linked to (migration 0007)."""

feedback_competency = Table(
    "feedback_competency",
    metadata,
    Column("feedback_id", ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True),
    Column("competency_key", String(64), primary_key=True),
    *_track_columns(),
)

competency_mark = Table(
    "competency_mark",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("track_key", String(64), nullable=False),
    Column("competency_key", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("start", Date, nullable=False),
    Column("until", Date),
    Column("created_at", DateTime, nullable=False),
    Column("cleared_at", DateTime),
    CheckConstraint("kind IN ('not-applicable', 'focus')", name="kind"),
    Index("ix_competency_mark_track", "track_key", "kind"),
)
"""A competency of a track marked not applicable (with the reason; it then leaves
readiness) or as a focus for the period ``start``..``until``. Clearing a mark keeps it,
with ``cleared_at`` (migration 0008)."""

store_identity = Table(
    "store_identity",
    metadata,
    Column("id", String(32), primary_key=True),
)
"""One row: the store's own identity (random hex, written by migration 0010), which its
backups carry and are keyed by (:mod:`careerlog.store.files.identity`)."""
