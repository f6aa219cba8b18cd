"""Search finds text anywhere in a word, in any script, ignoring case and accents.

The word index of 0001 (SQLite) and 0003 (PostgreSQL) found whole words only: a word
part, a product's short name, a German compound's parts, Chinese or Japanese written
without spaces could not be found. This revision replaces both.

SQLite: ``search_index`` becomes an FTS5 table with the trigram tokenizer over each
record's *folded* text (see :mod:`careerlog.store.search.fold`), which finds any piece
of three characters or more; ``search_words`` (porter stemmer, contentless) keeps whole
words and stems for ranking, with each Chinese, Japanese or Korean character a word
of its own, so a two-character word is a phrase there. Rowids become
``code << 40 | id``, one range per kind. Milestones and track-change reasons become
searchable; feedback (0007) keeps its code. The triggers call ``careerlog_fold`` and
``careerlog_words``, which careerlog registers on every connection it opens
(:mod:`careerlog.store.sqlite`): a tool that writes these tables without them fails
instead of leaving the index behind.

PostgreSQL: ``pg_trgm`` (shipped with PostgreSQL) indexes ``careerlog_fold`` of each
searchable table for ``LIKE``; an English ``tsvector`` index serves whole words and
stems. ``careerlog_fold`` is SQL written to fold as the Python function does, from
``normalize(…, NFKD)`` (built in since PostgreSQL 13) rather than ``unaccent``, whose
rules differ from it (``©`` becomes ``(C)``, the soft hyphen ``-``).

The kinds below are this revision's frozen copy of the search contract; a test holds
them to :mod:`careerlog.store.search.kinds`.

Revision ID: 0009_search_substrings
Revises: 0008_competency_marks
"""

import sqlalchemy as sa
from alembic import op

from careerlog.domain.errors import StoreError

revision = "0009_search_substrings"
down_revision = "0008_competency_marks"
branch_labels = None
depends_on = None

SHIFT = 40
KINDS = {
    # table: (code, title column or "", body column)
    "entry": (0, "", "text"),
    "goal": (1, "title", "why"),
    "activity": (2, "title", "notes"),
    "reflection_answer": (3, "", "answer"),
    "milestone": (4, "", "title"),
    "track_choice": (5, "", "reason"),
    "feedback": (6, "giver", "text"),
}
OLD = ("entry", "goal", "activity", "reflection_answer", "feedback")
"""The tables 0001 and 0007 indexed (triggers ``<table>_search_ai/ad/au``)."""

SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "text, tokenize = 'trigram case_sensitive 1', detail = full, columnsize = 0)"
)
SEARCH_WORDS = (
    "CREATE VIRTUAL TABLE search_words USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 0', content = '')"
)


def _indexed(row: str, title: str, body: str) -> str:
    first = f"coalesce({row}.{title}, '')" if title else "''"
    return f"careerlog_fold({first}) || char(10) || careerlog_fold(coalesce({row}.{body}, ''))"


def _words(first: str) -> str:
    """SELECT ``first`` and the word-index columns of rows of ``search_index``."""
    return (
        f"SELECT {first}rowid, careerlog_words(text, 0), careerlog_words(text, 1) FROM search_index"
    )


def _triggers(table: str, code: int, title: str, body: str) -> list[str]:
    new, old = f"new.id + {code << SHIFT}", f"old.id + {code << SHIFT}"
    insert = (
        f"INSERT INTO search_index(rowid, text) VALUES ({new}, {_indexed('new', title, body)});"
        " "
        f"INSERT INTO search_words(rowid, title, body) {_words('')} WHERE rowid = {new};"
    )
    forget = _words("'delete', ")
    delete = (
        f"INSERT INTO search_words(search_words, rowid, title, body) {forget} "
        f"WHERE rowid = {old}; DELETE FROM search_index WHERE rowid = {old};"
    )
    columns = ", ".join(c for c in (title, body) if c)
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def _sqlite_upgrade() -> None:
    for table in KINDS:  # 0001's triggers (and ours, should a store be upgraded twice)
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("DROP TABLE IF EXISTS search_words")
    op.execute(SEARCH_INDEX)
    op.execute(SEARCH_WORDS)
    for table, (code, title, body) in KINDS.items():
        for statement in _triggers(table, code, title, body):
            op.execute(statement)
        op.execute(
            f"INSERT INTO search_index(rowid, text) SELECT id + {code << SHIFT}, "
            f"{_indexed(table, title, body)} FROM {table}"
        )
    op.execute(f"INSERT INTO search_words(rowid, title, body) {_words('')}")


# --- PostgreSQL ------------------------------------------------------------------------

ACCENTS = "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]"
"""The combining marks folding drops (as ``fold.ACCENTS``), as a PostgreSQL regex."""
LETTERS = ("\u00f8\u0142\u0111\u00f0\u0127\u0131\u0167\u03c2", "olddhit\u03c3")
"""Letters without a decomposition, and the final sigma, mapped one for one."""
LIGATURES = (("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"))
CONTROLS = (*range(1, 0x20), *range(0x7F, 0xA0))
INVISIBLE = (
    *(0xAD, 0x61C, 0x180E, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB),
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x2070),
)


def _pg_fold(icu: bool) -> str:
    """The body of ``careerlog_fold(text)``: lower-cased through ICU when the server has
    it (full Unicode whatever the database's locale), else through the locale."""

    def lower(expr: str) -> str:
        return f'lower({expr} COLLATE "und-x-icu")' if icu else f"lower({expr})"

    folded = lower(f"regexp_replace(normalize({lower('$1')}, NFKD), '{ACCENTS}', '', 'g')")
    for letter, plain in LIGATURES:
        folded = f"replace({folded}, '{letter}', '{plain}')"
    dropped = "".join(f"\\u{c:04x}" for c in INVISIBLE)
    controls = "".join(f"\\u{c:04x}" for c in CONTROLS)
    return (
        f"SELECT translate({folded}, '{LETTERS[0]}' || E'{controls}{dropped}', "
        f"'{LETTERS[1]}{' ' * len(CONTROLS)}')"
    )


def _pg_document(title: str, body: str) -> str:
    folded = f"careerlog_fold({body})"
    return f"careerlog_fold({title}) || chr(10) || {folded}" if title else folded


def _pg_extension() -> None:
    conn = op.get_bind()
    available = conn.scalar(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    )
    if not available:
        raise StoreError(
            "this PostgreSQL server lacks the pg_trgm extension careerlog's search needs; "
            "install the server's contrib package (Debian: postgresql-contrib) and try again"
        )
    try:
        with conn.begin_nested():
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0]
        raise StoreError(
            f"careerlog could not create the pg_trgm extension ({reason}); ask the "
            "database's owner to run CREATE EXTENSION pg_trgm, then try again"
        ) from None


def _pg_upgrade() -> None:
    _pg_extension()
    icu = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'")
    )
    op.execute(
        "CREATE FUNCTION careerlog_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $fold$ {_pg_fold(bool(icu))} $fold$"
    )
    for table in OLD:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
    for table, (_, title, body) in KINDS.items():
        document = _pg_document(title, body)
        op.execute(f"CREATE INDEX ix_{table}_trgm ON {table} USING gin (({document}) gin_trgm_ops)")
        op.execute(
            f"CREATE INDEX ix_{table}_words ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {document}))"
        )


# --- the way back: the word index of 0001 and 0007 (SQLite), 0003 and 0007 (PostgreSQL) -

OLD_KINDS = {
    "entry": (0, "''", "new.text"),
    "goal": (1, "new.title", "new.why"),
    "activity": (2, "new.title", "new.notes"),
    "reflection_answer": (3, "new.prompt_text", "new.answer"),
    "feedback": (6, "new.giver", "new.text"),
}
OLD_DOCUMENTS = {
    "entry": "text",
    "goal": "title || ' ' || why",
    "activity": "title || ' ' || notes",
    "reflection_answer": "prompt_text || ' ' || answer",
    "feedback": "giver || ' ' || text",
}
OLD_UPDATED = {"entry": " OF text", "feedback": " OF giver, text"}
"""Update triggers 0004 and 0007 narrowed to the indexed columns."""
_CLEAN = "replace(replace({}, char(2), ''), char(3), '')"


def _sqlite_downgrade() -> None:
    for table in KINDS:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_words")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for table, (code, title, body) in OLD_KINDS.items():
        kind = "reflection" if table == "reflection_answer" else table
        values = f"(new.id * 8 + {code}, '{kind}', {_CLEAN.format(title)}, {_CLEAN.format(body)})"
        insert = f"INSERT INTO search_index(rowid, kind, title, body) VALUES {values};"
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
        of_text = OLD_UPDATED.get(table, "")
        op.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE{of_text} ON {table} "
            f"BEGIN {delete} {insert} END"
        )
        rows = values.replace("new.", "")
        op.execute(
            f"INSERT INTO search_index(rowid, kind, title, body) SELECT {rows[1:-1]} FROM {table}"
        )


def _pg_downgrade() -> None:
    for table in KINDS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_trgm")
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_words")
    op.execute("DROP FUNCTION IF EXISTS careerlog_fold(text)")
    for table, document in OLD_DOCUMENTS.items():
        vector = f"to_tsvector('simple'::regconfig, translate({document}, './@:<>&', '       '))"
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (({vector}))")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _pg_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_downgrade()
    elif dialect == "postgresql":
        _pg_downgrade()
