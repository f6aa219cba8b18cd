"""Competencies belong to the track that defined them; manager ratings; carried ratings.

Until now a link or rating named a competency by key alone, so two tracks that share a
key (``innovation`` on the technical and the technical-leadership tracks) shared every
rating and link. From here on:

- each competency link (entries, goals, activities) records the track it was made on
  (``track_key``, part of the key) and the version of that track (``snapshot_id``);
- each reflection records the track version held that day (``snapshot_id``; its
  ``track_key`` was already kept), and its ratings belong to that track;
- a rating says who gave it (``rater``: ``self`` or ``manager``);
- ``carried_rating`` holds ratings the person carries over on a switch, saying where
  each came from.

Existing links are attributed here with the rule the old code enforced when they were
made: a link belongs to the track chosen at the moment its record was created; a link
from before any choice belongs to the first chosen track that defines the key, and
otherwise to no track (``""``). A reflection's version is the choice in effect when it
was written if that choice was of the reflection's track, else the latest version of
that track chosen before it, else any version of it.

The link tables and ``rating`` are children only, so SQLite's batch copy of them is
safe with foreign keys on; ``reflection`` is a parent (answers and ratings cascade from
it) and gets a plain ADD COLUMN instead of a copy.

Revision ID: 0006_track_ownership
Revises: 0005_four_digit_years
"""

import json
from bisect import bisect_right
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_track_ownership"
down_revision = "0005_four_digit_years"
branch_labels = None
depends_on = None

_LINKS = (
    ("entry_competency", "entry_id", "entry"),
    ("goal_competency", "goal_id", "goal"),
    ("activity_competency", "activity_id", "activity"),
)
BATCH = 2000


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


class _Choices:
    """The track choices in time order, each with its snapshot's key and competency keys."""

    def __init__(self, conn: sa.Connection) -> None:
        rows = conn.execute(
            sa.text(
                "SELECT c.chosen_at, s.id, s.key, s.definition FROM track_choice c "
                "JOIN track_snapshot s ON s.id = c.snapshot_id ORDER BY c.chosen_at, c.id"
            )
        ).all()
        self.moments = [_moment(r[0]) for r in rows]
        self.snapshots: list[tuple[int, str, frozenset[str]]] = [
            (int(r[1]), str(r[2]), _keys(r[3])) for r in rows
        ]

    def link_owner(self, made: datetime, key: str) -> tuple[str, int | None]:
        index = bisect_right(self.moments, made) - 1
        if index >= 0:
            snapshot_id, track_key, _ = self.snapshots[index]
            return track_key, snapshot_id
        for snapshot_id, track_key, keys in self.snapshots:
            if key in keys:
                return track_key, snapshot_id
        return "", None

    def reflection_version(self, made: datetime, track_key: str) -> int | None:
        index = bisect_right(self.moments, made) - 1
        if index >= 0 and self.snapshots[index][1] == track_key:
            return self.snapshots[index][0]
        earlier = [s for s, key, _ in self.snapshots[: max(index, 0) + 1] if key == track_key]
        if earlier:
            return earlier[-1]
        later = [s for s, key, _ in self.snapshots if key == track_key]
        return later[0] if later else None


def _keys(definition: Any) -> frozenset[str]:
    try:
        data = json.loads(definition)
        return frozenset(str(c["key"]) for c in data.get("competencies", []))
    except (TypeError, ValueError, KeyError, AttributeError):
        return frozenset()


def _attribute_links(conn: sa.Connection, choices: _Choices) -> None:
    for table, owner, parent in _LINKS:
        rows = conn.execute(
            sa.text(
                f"SELECT l.{owner}, l.competency_key, p.created_at FROM {table} l "
                f"JOIN {parent} p ON p.id = l.{owner}"
            )
        ).all()
        updates = []
        for owner_id, key, created in rows:
            track_key, snapshot_id = choices.link_owner(_moment(created), str(key))
            if track_key:
                updates.append(
                    {"owner": owner_id, "key": key, "track": track_key, "snapshot": snapshot_id}
                )
        for start in range(0, len(updates), BATCH):
            conn.execute(
                sa.text(
                    f"UPDATE {table} SET track_key = :track, snapshot_id = :snapshot "
                    f"WHERE {owner} = :owner AND competency_key = :key AND track_key = ''"
                ),
                updates[start : start + BATCH],
            )


def _attribute_reflections(conn: sa.Connection, choices: _Choices) -> None:
    rows = conn.execute(
        sa.text("SELECT id, created_at, track_key FROM reflection WHERE track_key IS NOT NULL")
    ).all()
    updates = []
    for reflection_id, created, track_key in rows:
        snapshot_id = choices.reflection_version(_moment(created), str(track_key))
        if snapshot_id is not None:
            updates.append({"id": reflection_id, "snapshot": snapshot_id})
    if updates:
        conn.execute(
            sa.text("UPDATE reflection SET snapshot_id = :snapshot WHERE id = :id"), updates
        )


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    for table, owner, _ in _LINKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("track_key", sa.String(length=64), nullable=False, server_default="")
            )
            batch_op.add_column(sa.Column("snapshot_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_snapshot_id_track_snapshot"),
                "track_snapshot",
                ["snapshot_id"],
                ["id"],
            )
            batch_op.drop_constraint(batch_op.f(f"pk_{table}"), type_="primary")
            batch_op.create_primary_key(
                batch_op.f(f"pk_{table}"), [owner, "competency_key", "track_key"]
            )
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rater", sa.String(length=16), nullable=False, server_default="self")
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_rating_rater"), "rater IN ('self', 'manager')"
        )
        batch_op.drop_constraint(batch_op.f("pk_rating"), type_="primary")
        batch_op.create_primary_key(
            batch_op.f("pk_rating"), ["reflection_id", "competency_key", "rater"]
        )
    if sqlite:
        # A copy of ``reflection`` would cascade-delete its answers and ratings.
        op.execute(
            "ALTER TABLE reflection ADD COLUMN snapshot_id INTEGER REFERENCES track_snapshot (id)"
        )
    else:
        op.add_column("reflection", sa.Column("snapshot_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_reflection_snapshot_id_track_snapshot"),
            "reflection",
            "track_snapshot",
            ["snapshot_id"],
            ["id"],
        )
    op.create_table(
        "carried_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=False),
        sa.Column("track_key", sa.String(length=64), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("from_track_key", sa.String(length=64), nullable=False),
        sa.Column("from_snapshot_id", sa.Integer(), nullable=True),
        sa.Column("from_day", sa.Date(), nullable=False),
        sa.Column("carried_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name=op.f("ck_carried_rating_value")),
        sa.ForeignKeyConstraint(
            ["choice_id"],
            ["track_choice.id"],
            name=op.f("fk_carried_rating_choice_id_track_choice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_snapshot_id"],
            ["track_snapshot.id"],
            name=op.f("fk_carried_rating_from_snapshot_id_track_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carried_rating")),
        sa.UniqueConstraint("choice_id", "competency_key", name="uq_carried_rating_choice"),
    )
    choices = _Choices(conn)
    _attribute_links(conn, choices)
    _attribute_reflections(conn, choices)


def downgrade() -> None:
    op.drop_table("carried_rating")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a foreign-key column only by copying the table, and a copy of
        # ``reflection`` would cascade-delete its answers: the nullable column stays.
        op.execute("UPDATE reflection SET snapshot_id = NULL")
    else:
        op.drop_constraint(
            op.f("fk_reflection_snapshot_id_track_snapshot"), "reflection", type_="foreignkey"
        )
        op.drop_column("reflection", "snapshot_id")
    op.execute("DELETE FROM rating WHERE rater <> 'self'")
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("pk_rating"), type_="primary")
        batch_op.create_primary_key(batch_op.f("pk_rating"), ["reflection_id", "competency_key"])
        batch_op.drop_constraint(batch_op.f("ck_rating_rater"), type_="check")
        batch_op.drop_column("rater")
    for table, owner, _ in _LINKS:
        # Two tracks' links to one key become one link again.
        op.execute(
            f"DELETE FROM {table} WHERE track_key <> (SELECT MIN(d.track_key) FROM {table} d "
            f"WHERE d.{owner} = {table}.{owner} AND d.competency_key = {table}.competency_key)"
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"pk_{table}"), type_="primary")
            batch_op.create_primary_key(batch_op.f(f"pk_{table}"), [owner, "competency_key"])
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_snapshot_id_track_snapshot"), type_="foreignkey"
            )
            batch_op.drop_column("snapshot_id")
            batch_op.drop_column("track_key")
