"""The PostgreSQL side of the search contract: matching through the GIN expression
indexes of migration ``0003_pg_search``, snippets through ``ts_headline`` with the same
markers and size guard as SQLite, and ranking through ``ts_rank``.

An index is used only when a query repeats its expression exactly, so :func:`vector`
is the one place that writes it (a test holds the migration's frozen copy to it). The
``simple`` configuration lower-cases without stemming or stop words, as the SQLite index
does, and ``translate`` turns the punctuation PostgreSQL's parser glues into host
names, paths and addresses into spaces, one character for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, text

from careerlog.domain.hits import MARK_END, MARK_START
from careerlog.store.search.kinds import KINDS, STRIDE, IndexedKind, split
from careerlog.store.search.query import SearchQuery
from careerlog.store.search.sqlite import OPENING_CHARS, SNIPPET_MAX_CHARS, TITLE_WEIGHT

ELLIPSIS = "…"
_GLUE, _SPACES = "./@:<>&", "       "
_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=16, MinWords=6, '
    'ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "'
)


def document(kind: IndexedKind) -> str:
    """The searched text of one of ``kind``'s rows, as SQL over its columns."""
    return " || ' ' || ".join(kind.columns())


def index_name(kind: IndexedKind) -> str:
    return f"ix_{kind.table}_search"


def searched(document: str) -> str:
    """``document`` as the index sees it, the glueing punctuation turned into spaces
    one character for one, so offsets in it are offsets in the original."""
    return f"translate({document}, '{_GLUE}', '{_SPACES}')"


def vector(document: str) -> str:
    """The indexed tsvector expression over ``document`` (SQL text)."""
    return f"to_tsvector('simple'::regconfig, {searched(document)})"


def matching(id_sql: str, kind: IndexedKind, tsquery: str = ":match") -> str:
    """``id_sql IN (ids of kind's rows matching)``, ``tsquery`` being the SQL (usually a
    parameter) holding :meth:`SearchQuery.tsquery`. The inner alias is never correlated
    with an outer SELECT over the same table."""
    alias = f"{kind.table}_match"
    return (
        f"{id_sql} IN (SELECT {alias}.id FROM {kind.table} AS {alias} "
        f"WHERE {vector(document(kind))} @@ to_tsquery('simple'::regconfig, {tsquery}))"
    )


def _clean(document: str) -> str:
    return f"replace(replace({document}, chr(2), ''), chr(3), '')"


def _snippet_column(document: str) -> str:
    clean = _clean(document)
    return (
        f"CASE WHEN length({clean}) > {SNIPPET_MAX_CHARS} THEN left(ltrim({clean}), "
        f"{OPENING_CHARS}) ELSE ts_headline('simple'::regconfig, {searched(clean)}, q, "
        ":options) END"
    )


def snippets(conn: Connection, query: SearchQuery, rids: Iterable[int]) -> dict[int, str]:
    """A snippet for each of the records ``rids`` (search rowids), keyed by rowid; a
    record past the size guard gets its opening, unmarked."""
    by_kind: dict[IndexedKind, list[int]] = {}
    for rowid in rids:
        kind, record_id = split(int(rowid))
        by_kind.setdefault(kind, []).append(record_id)
    if not by_kind:
        return {}
    selects = []
    for kind, ids in sorted(by_kind.items(), key=lambda item: item[0].code):
        doc = document(kind)
        selects.append(
            f"SELECT id * {STRIDE} + {kind.code} AS rid, {_clean(doc)} AS document, "
            f"{_snippet_column(doc)} AS snippet "
            f"FROM {kind.table}, to_tsquery('simple'::regconfig, :pg_query) AS q "
            f"WHERE id IN ({','.join(str(i) for i in ids)})"
        )
    found = conn.execute(
        text(" UNION ALL ".join(selects)),
        {"pg_query": query.tsquery(), "options": _HEADLINE_OPTIONS},
    ).all()
    result: dict[int, str] = {}
    for row in found:
        whole, snippet = str(row.document), str(row.snippet)
        if len(whole) > SNIPPET_MAX_CHARS:
            result[int(row.rid)] = snippet
        else:
            result[int(row.rid)] = _with_ellipses(_restore(snippet, whole), whole)
    return result


def _restore(snippet: str, document: str) -> str:
    """The headline was cut from the punctuation-free text; put the original characters
    back (``careerlog.dev``, not ``careerlog dev``) around the same markers."""
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "")
    start = document.translate(str.maketrans(_GLUE, _SPACES)).find(plain)
    if start < 0:
        return snippet
    pieces, position = [], start
    for piece in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if piece in (MARK_START, MARK_END):
            pieces.append(piece)
        else:
            pieces.append(document[position : position + len(piece)])
            position += len(piece)
    return "".join(pieces)


def _with_ellipses(snippet: str, document: str) -> str:
    """Mark cut text with ``…`` at either end, as the SQLite snippets do."""
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "").strip()
    whole = document.strip()
    if not plain:
        return snippet
    result = snippet.strip()
    if not whole.startswith(plain):
        result = ELLIPSIS + result
    if not whole.endswith(plain):
        result += ELLIPSIS
    return result


def owner_snippets(
    conn: Connection, kind: IndexedKind, query: SearchQuery, owner_ids: Iterable[int]
) -> dict[int, str]:
    """For a kind that is part of another record: a snippet per owner, from the first
    of its parts that matches."""
    listed = ",".join(str(int(i)) for i in owner_ids)
    if not listed:
        return {}
    parts = conn.execute(
        text(
            f"SELECT id, {kind.owner_key} AS owner FROM {kind.table} "
            f"WHERE {kind.owner_key} IN ({listed}) AND "
            f"{matching('id', kind, ':pg_query')} ORDER BY id"
        ),
        {"pg_query": query.tsquery()},
    ).all()
    found = snippets(conn, query, [int(part.id) * STRIDE + kind.code for part in parts])
    result: dict[int, str] = {}
    for part in parts:
        result.setdefault(int(part.owner), found.get(int(part.id) * STRIDE + kind.code, ""))
    return result


def ranked_rids(conn: Connection, query: SearchQuery) -> list[int]:
    """Every matching record's rowid, best first: ``ts_rank`` with a title word worth
    :data:`TITLE_WEIGHT` body words (as SQLite weighs bm25), then newest rowid."""
    selects = []
    weights = f"'{{{1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, 1.0}}'"
    for kind in KINDS:
        if kind.title:
            weighted = (
                f"setweight(to_tsvector('simple'::regconfig, {searched(kind.title)}), 'A') || "
                f"to_tsvector('simple'::regconfig, {searched(kind.body)})"
            )
        else:
            weighted = vector(kind.body)
        selects.append(
            f"SELECT id * {STRIDE} + {kind.code} AS rid, ts_rank({weights}, {weighted}, q) "
            f"AS rank FROM {kind.table}, to_tsquery('simple'::regconfig, :pg_query) AS q "
            f"WHERE {vector(document(kind))} @@ q"
        )
    sql = " UNION ALL ".join(selects) + " ORDER BY rank DESC, rid DESC"
    return [int(row[0]) for row in conn.execute(text(sql), {"pg_query": query.tsquery()}).all()]
