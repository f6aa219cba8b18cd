"""Initial schema: the domain tables and, on SQLite, the FTS5 search index.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

# Search index (SQLite FTS5). One table for every searchable kind; the rowid encodes
# the record: id * 8 + kind code (0 entry, 1 goal, 2 activity, 3 reflection answer),
# so triggers update and delete by rowid instead of scanning. The \x02 / \x03 bytes
# are snippet markers, so they are stripped from the indexed text.
_KINDS = {
    "entry": (0, "''", "new.text"),
    "goal": (1, "new.title", "new.why"),
    "activity": (2, "new.title", "new.notes"),
    "reflection_answer": (3, "new.prompt_text", "new.answer"),
}
_CLEAN = "replace(replace({}, char(2), ''), char(3), '')"


def _search_statements() -> list[str]:
    statements = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for table, (code, title, body) in _KINDS.items():
        kind = "reflection" if table == "reflection_answer" else table
        insert = (
            f"INSERT INTO search_index(rowid, kind, title, body) VALUES "
            f"(new.id * 8 + {code}, '{kind}', {_CLEAN.format(title)}, {_CLEAN.format(body)});"
        )
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
        statements += [
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        ]
    return statements


revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry")),
        sa.UniqueConstraint("source_key", name=op.f("uq_entry_source_key")),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_written_at"), ["written_at"], unique=False)

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("progress_manual", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'achieved', 'paused', 'dropped')", name=op.f("ck_goal_status")
        ),
        sa.CheckConstraint("progress_manual BETWEEN 0 AND 100", name=op.f("ck_goal_progress")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_created_at"), ["created_at"], unique=False)

    op.create_table(
        "reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_key", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("track_key", sa.String(length=64), nullable=True),
        sa.Column("level_key", sa.String(length=64), nullable=True),
        sa.Column("stance", sa.Integer(), nullable=True),
        sa.CheckConstraint("stance BETWEEN 0 AND 100", name=op.f("ck_reflection_stance")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection")),
    )
    with op.batch_alter_table("reflection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reflection_day"), ["day"], unique=False)

    op.create_table(
        "track_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_track_snapshot")),
        sa.UniqueConstraint("digest", name=op.f("uq_track_snapshot_digest")),
    )
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minutes >= 0", name=op.f("ck_activity_minutes")),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_activity_goal_id_goal"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "entry_competency",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name=op.f("fk_entry_competency_entry_id_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "competency_key", name=op.f("pk_entry_competency")),
    )
    with op.batch_alter_table("entry_competency", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entry_competency_competency_key"), ["competency_key"], unique=False
        )

    op.create_table(
        "entry_goal",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name=op.f("fk_entry_goal_entry_id_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_entry_goal_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", "goal_id", name=op.f("pk_entry_goal")),
    )
    with op.batch_alter_table("entry_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_goal_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "entry_tag",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entry.id"], name=op.f("fk_entry_tag_entry_id_entry"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag", name=op.f("pk_entry_tag")),
    )
    with op.batch_alter_table("entry_tag", schema=None) as batch_op:
        batch_op.create_index("ix_entry_tag_tag", ["tag", "entry_id"], unique=False)

    op.create_table(
        "goal_competency",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goal.id"],
            name=op.f("fk_goal_competency_goal_id_goal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goal_id", "competency_key", name=op.f("pk_goal_competency")),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_milestone_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "rating",
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name=op.f("ck_rating_value")),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflection.id"],
            name=op.f("fk_rating_reflection_id_reflection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("reflection_id", "competency_key", name=op.f("pk_rating")),
    )
    op.create_table(
        "reflection_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.String(length=64), nullable=False),
        sa.Column("prompt_text", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflection.id"],
            name=op.f("fk_reflection_answer_reflection_id_reflection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection_answer")),
        sa.UniqueConstraint("reflection_id", "prompt_id", name="uq_reflection_answer_prompt"),
    )
    with op.batch_alter_table("reflection_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reflection_answer_reflection_id"), ["reflection_id"], unique=False
        )

    op.create_table(
        "track_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("level_key", sa.String(length=64), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["track_snapshot.id"],
            name=op.f("fk_track_choice_snapshot_id_track_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_track_choice")),
    )
    with op.batch_alter_table("track_choice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_track_choice_chosen_at"), ["chosen_at"], unique=False)

    op.create_table(
        "activity_competency",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_activity_competency_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "activity_id", "competency_key", name=op.f("pk_activity_competency")
        ),
    )

    if op.get_bind().dialect.name == "sqlite":
        for statement in _search_statements():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
    op.drop_table("activity_competency")
    with op.batch_alter_table("track_choice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_track_choice_chosen_at"))

    op.drop_table("track_choice")
    with op.batch_alter_table("reflection_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reflection_answer_reflection_id"))

    op.drop_table("reflection_answer")
    op.drop_table("rating")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_goal_id"))

    op.drop_table("milestone")
    op.drop_table("goal_competency")
    with op.batch_alter_table("entry_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_entry_tag_tag")

    op.drop_table("entry_tag")
    with op.batch_alter_table("entry_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_goal_goal_id"))

    op.drop_table("entry_goal")
    with op.batch_alter_table("entry_competency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_competency_competency_key"))

    op.drop_table("entry_competency")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_goal_id"))
        batch_op.drop_index(batch_op.f("ix_activity_day"))

    op.drop_table("activity")
    op.drop_table("track_snapshot")
    with op.batch_alter_table("reflection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reflection_day"))

    op.drop_table("reflection")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_created_at"))

    op.drop_table("goal")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_written_at"))

    op.drop_table("entry")
