"""Each store gets an identity of its own, kept inside it: backups are keyed by it.

Backups used to be named after the store's file, so two stores both called ``j.db``
(in two folders) shared one daily copy, and ``careerlog doctor`` could advise restoring
the other one's. The identity is a random 128-bit hex string, written once, here; a
backup carries it (it is a copy of the store), so a backup says whose it is even when
renamed.

Revision ID: 0010_store_identity
Revises: 0009_search_substrings
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010_store_identity"
down_revision = "0009_search_substrings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_identity",
        sa.Column("id", sa.String(32), primary_key=True),
    )
    op.bulk_insert(table, [{"id": uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table("store_identity")
