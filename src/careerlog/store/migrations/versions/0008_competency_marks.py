"""Competency marks: a competency of a track marked not applicable (with a reason) or as
a focus for a period.

Revision ID: 0008_competency_marks
Revises: 0007_feedback
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_competency_marks"
down_revision = "0007_feedback"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "competency_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_key", sa.String(length=64), nullable=False),
        sa.Column("competency_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('not-applicable', 'focus')", name=op.f("ck_competency_mark_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency_mark")),
    )
    with op.batch_alter_table("competency_mark", schema=None) as batch_op:
        batch_op.create_index("ix_competency_mark_track", ["track_key", "kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("competency_mark", schema=None) as batch_op:
        batch_op.drop_index("ix_competency_mark_track")
    op.drop_table("competency_mark")
