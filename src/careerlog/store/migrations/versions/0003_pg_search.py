"""PostgreSQL full-text search: one GIN expression index per searchable table.

SQLite already has its FTS5 index (0001), so this revision does nothing there. On
PostgreSQL the indexed expression must be written exactly as
:mod:`careerlog.store.pg_search` queries it, or the planner will not use the index;
a test checks that it does. The ``simple`` configuration (lower-casing, no
stemming, no stop words) matches what the SQLite index finds, and ``translate``
turns the punctuation that PostgreSQL's parser glues into host names, paths,
e-mail addresses and tags into spaces, so every word inside them is findable too.

Revision ID: 0003_pg_search
Revises: 0002_fit_results
"""

from alembic import op

revision = "0003_pg_search"
down_revision = "0002_fit_results"
branch_labels = None
depends_on = None

_DOCUMENTS = {
    "entry": "text",
    "goal": "title || ' ' || why",
    "activity": "title || ' ' || notes",
    "reflection_answer": "prompt_text || ' ' || answer",
}


def _vector(document: str) -> str:
    return f"to_tsvector('simple'::regconfig, translate({document}, './@:<>&', '       '))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, document in _DOCUMENTS.items():
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (({_vector(document)}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _DOCUMENTS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
