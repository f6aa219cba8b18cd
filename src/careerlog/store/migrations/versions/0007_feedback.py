"""Feedback: what someone else said about the person's work, with its competency links,
in the search index like every other kind of text.

The search rows use kind code 6 of the index (codes 4 and 5 are kept for milestones and
track changes). On SQLite three triggers keep the FTS5 index in step, written as 0001
wrote those of the other kinds; on PostgreSQL one GIN expression index, written as
0003 wrote the others. Both are frozen copies of the rule in
:mod:`careerlog.store.search.kinds`; a test holds them to it.

Revision ID: 0007_feedback
Revises: 0006_track_ownership
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_feedback"
down_revision = "0006_track_ownership"
branch_labels = None
depends_on = None

CODE = 6
_TITLE, _BODY = "new.giver", "new.text"
_CLEAN = "replace(replace({}, char(2), ''), char(3), '')"
_INDEX = (
    f"INSERT INTO search_index(rowid, kind, title, body) VALUES (new.id * 8 + {CODE}, "
    f"'feedback', {_CLEAN.format(_TITLE)}, {_CLEAN.format(_BODY)});"
)
_UNINDEX = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {CODE};"
_DOCUMENT = "giver || ' ' || text"


def _vector(document: str) -> str:
    return f"to_tsvector('simple'::regconfig, translate({document}, './@:<>&', '       '))"


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("giver", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False, server_default=""),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_given_at"), ["given_at"], unique=False)
    op.create_table(
        "feedback_competency",
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.Column("track_key", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_feedback_competency_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["track_snapshot.id"],
            name=op.f("fk_feedback_competency_snapshot_id_track_snapshot"),
        ),
        sa.PrimaryKeyConstraint(
            "feedback_id", "competency_key", "track_key", name=op.f("pk_feedback_competency")
        ),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"CREATE TRIGGER feedback_search_ai AFTER INSERT ON feedback BEGIN {_INDEX} END")
        op.execute(
            f"CREATE TRIGGER feedback_search_ad AFTER DELETE ON feedback BEGIN {_UNINDEX} END"
        )
        op.execute(
            "CREATE TRIGGER feedback_search_au AFTER UPDATE OF giver, text ON feedback "
            f"BEGIN {_UNINDEX} {_INDEX} END"
        )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE INDEX ix_feedback_search ON feedback USING gin (({_vector(_DOCUMENT)}))"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS feedback_search_{suffix}")
        op.execute(f"DELETE FROM search_index WHERE rowid % 8 = {CODE}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_feedback_search")
    op.drop_table("feedback_competency")
    op.drop_table("feedback")
