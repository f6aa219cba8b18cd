"""Each entry's word count, stored, and an entry search trigger that fires on text only.

The year in review and ``careerlog stats`` used to split every text in Python to
count words; they now sum ``entry.words``. Existing entries are counted here, in
batches, with the same rule the writers use (:func:`careerlog.domain.text.count_words`).

On SQLite the FTS5 update trigger of ``entry`` fired on any change of the row, so
starring an entry (or filling in this column) re-indexed its text. It is recreated
as ``AFTER UPDATE OF text``; the index holds nothing else of an entry.

Revision ID: 0004_entry_words
Revises: 0003_pg_search
"""

import sqlalchemy as sa
from alembic import op

from careerlog.domain.text import count_words

revision = "0004_entry_words"
down_revision = "0003_pg_search"
branch_labels = None
depends_on = None

BATCH = 2000
_INDEX = (
    "INSERT INTO search_index(rowid, kind, title, body) VALUES (new.id * 8 + 0, 'entry', '', "
    "replace(replace(new.text, char(2), ''), char(3), ''));"
)
_UNINDEX = "DELETE FROM search_index WHERE rowid = old.id * 8 + 0;"


def _count_existing() -> None:
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.text("SELECT id, text FROM entry WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        conn.execute(
            sa.text("UPDATE entry SET words = :words WHERE id = :id"),
            [{"id": row[0], "words": count_words(row[1])} for row in rows],
        )
        last = rows[-1][0]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS entry_search_au")
    # A plain ADD COLUMN (no batch copy): recreating the table would drop its triggers.
    op.add_column("entry", sa.Column("words", sa.Integer(), nullable=True))
    _count_existing()
    if sqlite:
        op.execute(
            "CREATE TRIGGER entry_search_au AFTER UPDATE OF text ON entry "
            f"BEGIN {_UNINDEX} {_INDEX} END"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS entry_search_au")
    op.drop_column("entry", "words")
    if sqlite:
        op.execute(
            f"CREATE TRIGGER entry_search_au AFTER UPDATE ON entry BEGIN {_UNINDEX} {_INDEX} END"
        )
