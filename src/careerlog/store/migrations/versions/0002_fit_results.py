"""Track-fit results: each taking of the questionnaire, kept with its date.

Revision ID: 0002_fit_results
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_fit_results"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fit_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("best_track", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fit_result")),
    )
    with op.batch_alter_table("fit_result", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fit_result_taken_at"), ["taken_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fit_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fit_result_taken_at"))

    op.drop_table("fit_result")
