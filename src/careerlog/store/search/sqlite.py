"""The SQLite side of the search contract: the SQL that matches, ranks and cuts
snippets from the FTS5 table ``search_index`` (made by migration 0001).

Every function takes a :data:`careerlog.store.snapshot.Query`, so the same SQL text
runs through the standard library (``careerlog search``, no SQLAlchemy) and through a
SQLAlchemy connection (the timeline). This is the only module that calls FTS5's
``snippet()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from careerlog.domain.hits import MARK_END, MARK_START
from careerlog.store.search.kinds import KINDS, STRIDE, IndexedKind
from careerlog.store.search.query import SearchQuery
from careerlog.store.snapshot import Query

TABLE = "search_index"
SNIPPET_MAX_CHARS = 20_000
"""Records longer than this show their opening instead of a snippet: FTS5's
``snippet()`` is quadratic in the hits inside one record (a word repeated all through
a 1 MB entry took a minute)."""
SNIPPET_TOKENS = 16
OPENING_CHARS = 200


def matching(id_sql: str, kind: IndexedKind, match: str = ":match") -> str:
    """``id_sql IN (ids of kind's rows whose text matches)``, ``match`` being the SQL
    (usually a parameter) holding :meth:`SearchQuery.fts5`.

    ``id IN (SELECT rowid / STRIDE …)`` lets SQLite drive from the index hits and look
    each record up by primary key instead of scanning the table."""
    return (
        f"{id_sql} IN (SELECT rowid / {STRIDE} FROM {TABLE} "
        f"WHERE {TABLE} MATCH {match} AND rowid % {STRIDE} = {kind.code})"
    )


def _snippet_column() -> str:
    opening = f"substr(ltrim(title || ' ' || body), 1, {OPENING_CHARS})"
    marks = f"char({ord(MARK_START)}), char({ord(MARK_END)})"
    return (
        f"CASE WHEN length(title) + length(body) > {SNIPPET_MAX_CHARS} THEN {opening} "
        f"ELSE snippet({TABLE}, -1, {marks}, '…', {SNIPPET_TOKENS}) END"
    )


def snippets(q: Query, query: SearchQuery, rids: Iterable[int]) -> dict[int, str]:
    """A snippet for each of the index rows ``rids`` that matches ``query``, matches
    between :data:`MARK_START` and :data:`MARK_END`; a record past the size guard gets
    its opening, unmarked."""
    listed = ",".join(str(int(r)) for r in rids)
    if not listed:
        return {}
    rows = q(
        f"SELECT rowid, {_snippet_column()} FROM {TABLE} "
        f"WHERE {TABLE} MATCH :match AND rowid IN ({listed})",
        {"match": query.fts5()},
    )
    return {int(rowid): str(snippet) for rowid, snippet in rows}


def owner_snippets(
    q: Query, kind: IndexedKind, query: SearchQuery, owner_ids: Iterable[int]
) -> dict[int, str]:
    """For a kind that is part of another record (a reflection's answers): a snippet
    per owner, from the first of its parts that matches."""
    listed = ",".join(str(int(i)) for i in owner_ids)
    if not listed:
        return {}
    rows = q(
        f"SELECT part.{kind.owner_key}, {_snippet_column()} FROM {TABLE} "
        f"JOIN {kind.table} part ON part.id * {STRIDE} + {kind.code} = {TABLE}.rowid "
        f"WHERE {TABLE} MATCH :match AND part.{kind.owner_key} IN ({listed}) ORDER BY part.id",
        {"match": query.fts5()},
    )
    found: dict[int, str] = {}
    for owner, snippet in rows:
        found.setdefault(int(owner), str(snippet))
    return found


TITLE_WEIGHT = 4.0
"""bm25 weight of a word in a title against one in a body."""


def ranked_rids(q: Query, query: SearchQuery) -> list[int]:
    """Every matching index row, best first: FTS5's bm25 with a title word worth
    :data:`TITLE_WEIGHT` body words, then newest rowid."""
    rows = q(
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :match "
        f"ORDER BY bm25({TABLE}, 0.0, {TITLE_WEIGHT}, 1.0), rowid DESC",
        {"match": query.fts5()},
    )
    return [int(row[0]) for row in rows]


def check(q: Query) -> tuple[int, int]:
    """Run FTS5's own integrity check (raises ``sqlite3.DatabaseError`` when the index
    disagrees with its copy of the text), then compare the index with the journal:
    ``(records the index lacks, index rows whose record is gone)``."""
    q(f"INSERT INTO {TABLE}({TABLE}) VALUES('integrity-check')")
    missing = stale = 0
    for kind in KINDS:
        missing += q(
            f"SELECT count(*) FROM {kind.table} WHERE id * {STRIDE} + {kind.code} NOT IN "
            f"(SELECT rowid FROM {TABLE})"
        )[0][0]
        stale += q(
            f"SELECT count(*) FROM {TABLE} WHERE rowid % {STRIDE} = {kind.code} "
            f"AND rowid / {STRIDE} NOT IN (SELECT id FROM {kind.table})"
        )[0][0]
    return missing, stale
