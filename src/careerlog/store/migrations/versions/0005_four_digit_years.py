"""Entry moments written with a year below 1000 get their four-digit year back.

Before one module held the timestamp text encoding (:mod:`careerlog.store.stamps`),
``careerlog add --date 0999-01-01`` stored ``999-01-01 09:00:00.000000``: that text
sorts after every four-digit year and ``datetime.fromisoformat`` refuses it, so search,
stats and the entry lists failed on the whole store. Such moments are padded to
``0999-01-01 …`` here. Only ``entry.written_at`` was ever written that way (the other
moments are "now"). PostgreSQL stores real timestamps and has nothing to repair.

Revision ID: 0005_four_digit_years
Revises: 0004_entry_words
"""

from alembic import op

revision = "0005_four_digit_years"
down_revision = "0004_entry_words"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # "YYYY-MM-DD HH:MM:SS.ffffff" is 26 characters; a year of 1 to 3 digits makes 23-25.
    op.execute(
        "UPDATE entry SET written_at = substr('000' || written_at, -26) "
        "WHERE typeof(written_at) = 'text' AND length(written_at) BETWEEN 23 AND 25 "
        "AND substr(written_at, -16, 1) = ' '"
    )


def downgrade() -> None:
    """The short form was never valid; there is nothing to put back."""
