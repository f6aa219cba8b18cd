"""The PostgreSQL side of the search contract (migration 0005 on): the same terms,
found with ``LIKE`` over ``careerlog_fold`` (the server's version of
:func:`careerlog.store.search.fold.fold`, made by the migration from ``unaccent``),
through one ``pg_trgm`` GIN index per searchable table; whole words and stems through a
second GIN index of English ``tsvector`` for ranking.

An index is used only when a query repeats its expression exactly, so :func:`document`
and :func:`word_vector` are the one place that write them (a test holds the
migration's frozen copies to them). SQL text only, with values bound through a
callback.
"""

from __future__ import annotations

from careerlog.store.search.kinds import KINDS, IndexedKind, span
from careerlog.store.search.query import AnyOf, Not, SearchQuery, Term
from careerlog.store.search.sqlite import TITLE_WEIGHT, Bind

FOLD = "careerlog_fold"
WORD_CONFIG = "'english'::regconfig"


def document(kind: IndexedKind, alias: str = "") -> str:
    """The folded text of a row of ``kind``, as the trigram index holds it (SQL)."""
    prefix = f"{alias}." if alias else ""
    body = f"{FOLD}({prefix}{kind.body})"
    return f"{FOLD}({prefix}{kind.title}) || chr(10) || {body}" if kind.title else body


def word_vector(kind: IndexedKind, alias: str = "") -> str:
    """The indexed tsvector of a row of ``kind`` (whole words and English stems)."""
    return f"to_tsvector({WORD_CONFIG}, {document(kind, alias)})"


def index_names(kind: IndexedKind) -> tuple[str, str]:
    """The trigram index and the word index of ``kind``'s table."""
    return f"ix_{kind.table}_trgm", f"ix_{kind.table}_words"


def like_pattern(term: Term) -> str:
    """``LIKE`` pattern finding ``term`` anywhere (``\\`` escapes, as PostgreSQL's
    default)."""
    escaped = term.folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _option(option: Term | Not, doc: str, bind: Bind) -> str:
    term = option.term if isinstance(option, Not) else option
    test = f"{doc} LIKE {bind(like_pattern(term))}"
    return f"NOT ({test})" if isinstance(option, Not) else test


def condition(query: SearchQuery, kind: IndexedKind, alias: str, bind: Bind) -> str:
    """Whether the row aliased ``alias`` of ``kind`` matches ``query`` (SQL)."""
    doc = document(kind, alias)
    parts = []
    for clause in query.clauses:
        if isinstance(clause, AnyOf):
            parts.append("(" + " OR ".join(_option(o, doc, bind) for o in clause.options) + ")")
        else:
            parts.append(_option(clause, doc, bind))
    return " AND ".join(parts)


def matching(id_sql: str, kind: IndexedKind, query: SearchQuery, bind: Bind) -> str:
    """``id_sql IN (ids of kind's records matching query)``; the inner alias is never
    correlated with an outer SELECT over the same table."""
    alias = f"{kind.table}_match"
    return (
        f"{id_sql} IN (SELECT {alias}.id FROM {kind.table} AS {alias} "
        f"WHERE {condition(query, kind, alias, bind)})"
    )


def _words(query: SearchQuery, bind: Bind) -> str | None:
    """The tsquery (SQL) the required terms make as words, or None when one of them
    cannot be a word."""
    parts: list[str] = []
    for clause in query.clauses:
        if isinstance(clause, Not):
            continue
        options = clause.options if isinstance(clause, AnyOf) else (clause,)
        terms = [o for o in options if isinstance(o, Term) and any(c.isalnum() for c in o.folded)]
        if len(terms) < len(options):
            if isinstance(clause, Term):
                return None
            continue
        phrases = [f"phraseto_tsquery({WORD_CONFIG}, {bind(t.folded)})" for t in terms]
        parts.append("(" + " || ".join(phrases) + ")")
    return " && ".join(parts) if parts else None


def whole_words(id_sql: str, kind: IndexedKind, query: SearchQuery, bind: Bind) -> str | None:
    """``id_sql IN (ids whose record holds the required terms as words or stems)``, or
    None when no record can."""
    words = _words(query, bind)
    if words is None:
        return None
    alias = f"{kind.table}_words"
    return (
        f"{id_sql} IN (SELECT {alias}.id FROM {kind.table} AS {alias} "
        f"WHERE {word_vector(kind, alias)} @@ ({words}))"
    )


def ranked(query: SearchQuery, bind: Bind) -> str:
    """A SELECT of ``(rid, tier, rank, record id)`` for every matching record: tier 0 holds the
    whole-word and stem matches, ranked by ``ts_rank`` with a title word worth
    :data:`TITLE_WEIGHT` body words (as SQLite weighs bm25); tier 1 the rest."""
    weights = f"'{{{1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, 1.0}}'"
    selects = []
    for kind in KINDS:
        low, _ = span(kind)
        alias = f"{kind.table}_ranked"
        words = _words(query, bind)
        body = f"to_tsvector({WORD_CONFIG}, {FOLD}({alias}.{kind.body}))"
        weighted = (
            f"setweight(to_tsvector({WORD_CONFIG}, {FOLD}({alias}.{kind.title})), 'A') || {body}"
            if kind.title
            else body
        )
        if words is None:
            tier, rank = "1", "0.0"
        else:
            hit = f"{word_vector(kind, alias)} @@ ({words})"
            tier = f"CASE WHEN {hit} THEN 0 ELSE 1 END"
            rank = f"CASE WHEN {hit} THEN ts_rank({weights}, {weighted}, {words}) ELSE 0 END"
        selects.append(
            f"SELECT {alias}.id + {low} AS rid, {tier} AS tier, {rank} AS rank, "
            f"{alias}.id AS record FROM {kind.table} AS {alias} "
            f"WHERE {condition(query, kind, alias, bind)}"
        )
    return " UNION ALL ".join(selects) + " ORDER BY tier, rank DESC, record DESC, rid DESC"
