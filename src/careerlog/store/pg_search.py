"""Full-text search on PostgreSQL, behind :func:`careerlog.services.search.search`.

The services build the candidate query (filters, newest first) for both backends;
this module supplies what differs on PostgreSQL: matching through the GIN
expression indexes made by migration ``0003_pg_search``, and snippets through
``ts_headline`` with the same ``\\x02`` … ``\\x03`` markers the SQLite path uses.
The matching rules follow the SQLite index: every word must match, case is
ignored, a trailing ``*`` searches by prefix, and operators are taken literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Dialect,
    Row,
    Select,
    String,
    TypeDecorator,
    bindparam,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy import column as sql_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from careerlog.domain.errors import CareerlogError

MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "…"

DOCUMENTS: dict[int, tuple[str, str]] = {
    0: ("entry", "text"),
    1: ("goal", "title || ' ' || why"),
    2: ("activity", "title || ' ' || notes"),
    3: ("reflection_answer", "prompt_text || ' ' || answer"),
}
"""Kind code (as in the services' ``rid = id * 8 + code``) → table and searched text.
Must stay identical to the indexed expressions in migration ``0003_pg_search``."""

_TOKEN = re.compile(r"[\w][\w'*-]*", re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=16, MinWords=6, '
    'ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "'
)

Candidates = Callable[[Callable[[int], Any] | None], Sequence[Select[Any]]]
"""Given a matcher (kind code → SELECT of matching ids) or ``None``, the per-kind
candidate SELECTs with columns ``rid, kind, id, when, title, starred``."""


def searched(document: str) -> str:
    """``document`` as the index sees it: the glueing punctuation turned into spaces,
    one character for one, so offsets in it are offsets in the original."""
    return f"translate({document}, './@:<>&', '       ')"


def vector(document: str) -> str:
    """The indexed tsvector expression over ``document`` (SQL text)."""
    return f"to_tsvector('simple'::regconfig, {searched(document)})"


def tsquery(query: str) -> str:
    """What a person typed as a ``to_tsquery`` string of quoted lexemes joined by ``&``.

    Only letters and digits reach PostgreSQL, so nothing typed can be read as a
    tsquery operator; ``care*`` becomes ``'care':*``.
    """
    terms: list[str] = []
    for token in _TOKEN.findall(query):
        words = _WORD.findall(token.rstrip("*"))
        for i, word in enumerate(words):
            prefix = token.endswith("*") and i == len(words) - 1
            terms.append(f"'{word}'" + (":*" if prefix else ""))
    if not terms:
        raise CareerlogError(f"nothing to search for in {query!r}")
    return " & ".join(terms)


def _matcher(query: str) -> Callable[[int], Select[Any]]:
    def matching_ids(code: int) -> Select[Any]:
        name, document = DOCUMENTS[code]
        searched = table(name, sql_column("id")).alias(f"{name}_match")
        condition = text(
            f"{vector(document)} @@ to_tsquery('simple'::regconfig, :pg_query)"
        ).bindparams(pg_query=query)
        # A fresh alias, never correlated: the outer SELECT reads the same table.
        return select(searched.c.id).select_from(searched).where(condition).correlate(None)

    return matching_ids


def find(
    conn: Connection, candidates: Candidates, query: str | None, limit: int
) -> tuple[list[Row[Any]], dict[int, str]]:
    """The newest ``limit`` candidates (matching ``query`` when given) and, for each
    match, a highlighted snippet keyed by ``rid``."""
    pg_query = tsquery(query) if query else None
    parts = candidates(_matcher(pg_query) if pg_query else None)
    if not parts:
        return [], {}
    combined = union_all(*parts).subquery()
    rows = list(
        conn.execute(
            select(combined).order_by(combined.c.when.desc(), combined.c.rid.desc()).limit(limit)
        ).all()
    )
    if pg_query is None or not rows:
        return rows, {}
    return rows, snippets(conn, [int(row.rid) for row in rows], pg_query)


def _clean(document: str) -> str:
    return f"replace(replace({document}, chr(2), ''), chr(3), '')"


def snippets(conn: Connection, rids: Sequence[int], pg_query: str) -> dict[int, str]:
    """Highlighted snippets for the records ``rids`` (``id * 8 + code``) matching the
    tsquery ``pg_query``, keyed by rid."""
    by_code: dict[int, list[int]] = {}
    for rid in rids:
        by_code.setdefault(rid % 8, []).append(rid // 8)
    selects = []
    for code, ids in sorted(by_code.items()):
        name, document = DOCUMENTS[code]
        listed = ",".join(str(i) for i in ids)
        selects.append(
            f"SELECT id * 8 + {code} AS rid, {_clean(document)} AS document, "
            f"ts_headline('simple'::regconfig, {searched(_clean(document))}, q, :options) "
            "AS snippet "
            f"FROM {name}, to_tsquery('simple'::regconfig, :pg_query) AS q "
            f"WHERE id IN ({listed})"
        )
    found = conn.execute(
        text(" UNION ALL ".join(selects)),
        {"pg_query": pg_query, "options": _HEADLINE_OPTIONS},
    ).all()
    snippets: dict[int, str] = {}
    for row in found:
        document = str(row.document)
        snippets[int(row.rid)] = _with_ellipses(_restore(str(row.snippet), document), document)
    return snippets


def _restore(snippet: str, document: str) -> str:
    """The headline was cut from the punctuation-free text; put the original characters
    back (``careerlog.dev``, not ``careerlog dev``) around the same markers."""
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "")
    start = _find(document, plain)
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


def _find(document: str, plain: str) -> int:
    table = str.maketrans("./@:<>&", "       ")
    return document.translate(table).find(plain)


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


# --- for queries written against the SQLite index (the timeline) -------------------------

_FTS_TERM = re.compile(r'"([^"]*)"(\*?)')


def from_fts(match: str) -> str:
    """The tsquery for an FTS5 expression made by ``services.search.fts_query``
    (``"word" "pre"*``), so one prepared ``:match`` value serves both backends."""
    terms: list[str] = []
    for word, star in _FTS_TERM.findall(match):
        words = _WORD.findall(word)
        for i, part in enumerate(words):
            terms.append(f"'{part}'" + (":*" if star and i == len(words) - 1 else ""))
    if not terms:
        raise CareerlogError(f"nothing to search for in {match!r}")
    return " & ".join(terms)


class _MatchValue(TypeDecorator[str]):
    """The ``:match`` parameter: an FTS5 expression, turned into a tsquery on PostgreSQL."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return from_fts(value)


class TextMatches(ColumnElement[bool]):
    """``id_column IN (ids of records of kind `code` whose text matches :match)``,
    through FTS5 on SQLite and the GIN expression indexes on PostgreSQL. ``:match``
    is bound at execution time to an FTS5 expression, as the SQLite queries expect."""

    type = Boolean()
    inherit_cache = False

    def __init__(self, id_column: ColumnElement[Any], code: int) -> None:
        self.id_column = id_column
        self.code = code
        self.match_value = bindparam("match", type_=_MatchValue())


def text_matches(id_column: ColumnElement[Any], code: int) -> TextMatches:
    return TextMatches(id_column, code)


@compiles(TextMatches, "sqlite")
def _matches_sqlite(element: TextMatches, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.id_column, **kw)
    match = compiler.process(element.match_value, **kw)
    return (
        f"{column} IN (SELECT rowid / 8 FROM search_index "
        f"WHERE search_index MATCH {match} AND rowid % 8 = {int(element.code)})"
    )


@compiles(TextMatches, "postgresql")
def _matches_postgresql(element: TextMatches, compiler: SQLCompiler, **kw: Any) -> str:
    name, document = DOCUMENTS[element.code]
    column = compiler.process(element.id_column, **kw)
    match = compiler.process(element.match_value, **kw)
    return (
        f"{column} IN (SELECT {name}_match.id FROM {name} AS {name}_match "
        f"WHERE {vector(document)} @@ to_tsquery('simple'::regconfig, {match}))"
    )


def ranked_rids(conn: Connection, pg_query: str) -> list[int]:
    """Every matching record's rid, best first: ``ts_rank`` with a word in a title worth
    four times one in the body (as the SQLite path weighs bm25), then newest rid."""
    selects = []
    for code, (name, document) in sorted(DOCUMENTS.items()):
        title, _, body = document.partition(" || ' ' || ")
        weighted = (
            f"setweight(to_tsvector('simple'::regconfig, {searched(title)}), 'A') || "
            f"to_tsvector('simple'::regconfig, {searched(body)})"
            if body
            else vector(title)
        )
        selects.append(
            f"SELECT id * 8 + {code} AS rid, ts_rank('{{0.25, 0.25, 0.25, 1.0}}', {weighted}, q) "
            f"AS rank FROM {name}, to_tsquery('simple'::regconfig, :pg_query) AS q "
            f"WHERE {vector(document)} @@ q"
        )
    query = " UNION ALL ".join(selects) + " ORDER BY rank DESC, rid DESC"
    return [int(row[0]) for row in conn.execute(text(query), {"pg_query": pg_query}).all()]


def reflection_snippets(
    conn: Connection, reflection_ids: Sequence[int], pg_query: str
) -> dict[int, str]:
    """A snippet per reflection, from the first of its answers that matches."""
    if not reflection_ids:
        return {}
    listed = ",".join(str(int(i)) for i in reflection_ids)
    answers = conn.execute(
        text(
            f"SELECT id, reflection_id FROM reflection_answer AS reflection_answer_match "
            f"WHERE reflection_id IN ({listed}) AND {vector(DOCUMENTS[3][1])} "
            "@@ to_tsquery('simple'::regconfig, :pg_query) ORDER BY id"
        ),
        {"pg_query": pg_query},
    ).all()
    found = snippets(conn, [int(a.id) * 8 + 3 for a in answers], pg_query)
    result: dict[int, str] = {}
    for answer in answers:
        result.setdefault(int(answer.reflection_id), found.get(int(answer.id) * 8 + 3, ""))
    return result


# --- portable SQL pieces the services share with SQLite -----------------------------------


class iso_day(FunctionElement[str]):
    """The calendar day of a DATE or TIMESTAMP column as ``YYYY-MM-DD`` text, for
    grouping by day: a prefix of the stored text on SQLite, ``to_char`` on PostgreSQL."""

    type = String()
    inherit_cache = True
    name = "iso_day"


@compiles(iso_day)
def _iso_day_sqlite(element: iso_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(iso_day, "postgresql")
def _iso_day_postgresql(element: iso_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"
