"""The SQLite side of the search contract (migration 0009 on).

Two FTS5 tables share the rowids of :mod:`.kinds`:

- ``search_index`` (trigram tokenizer, positions kept) holds each record's folded title
  and body: a term of three characters or more is a phrase of trigrams there, which
  finds it anywhere inside a word, exactly and without reading the text back.
- ``search_words`` (``porter unicode61``, contentless) holds the same text as words,
  each Chinese, Japanese or Korean character standing alone: it ranks whole words and
  stems first, and finds a CJK term shorter than three characters as a phrase of
  single characters (checked against ``search_index``'s text).

A term shorter than three characters in any other script is found by reading the
folded text (``instr``). SQL text only, with values bound through a callback, so the
same statements run through the standard library (``careerlog search``) and inside
SQLAlchemy statements (the timeline). Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable

from careerlog.store.search.fold import split_words
from careerlog.store.search.kinds import KINDS, MASK, SHIFT, IndexedKind, span
from careerlog.store.search.params import Params
from careerlog.store.search.query import AnyOf, Clause, Not, SearchQuery, Term
from careerlog.store.snapshot import Query

TABLE = "search_index"
WORDS = "search_words"
TITLE_WEIGHT = 4.0
"""bm25 weight of a word in a title against one in a body."""

Bind = Callable[[str], str]
"""Turns a value into a placeholder for it (``:name``) in the statement being built."""


CONTENT = f"{TABLE}_content"
"""FTS5's own table of ``search_index``'s text (columns ``id`` and ``c0``, as FTS5
documents its storage): scanned directly when no term can use the index, it reads
faster than through the virtual table."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _range(kind: IndexedKind | None, column: str = "rowid") -> str:
    """``column`` within ``kind``'s rowids; always true (every kind) for ``None``."""
    if kind is None:
        return "1"
    low, high = span(kind)
    return f"{column} >= {low} AND {column} < {high}"


def _trigram(option: Term | Not) -> bool:
    return isinstance(option, Term) and option.route == "trigram"


def _fts(clause: Clause) -> str | None:
    """The clause as one FTS5 expression over ``search_index``, if it can be one."""
    if isinstance(clause, Term) and _trigram(clause):
        return _quoted(clause.folded)
    if isinstance(clause, AnyOf) and all(_trigram(o) for o in clause.options):
        return "(" + " OR ".join(_quoted(o.folded) for o in clause.options) + ")"  # type: ignore[union-attr]
    return None


def _words_rows(term: Term, kind: IndexedKind | None, bind: Bind) -> str:
    """Rowids of ``kind``'s records holding the CJK ``term``'s characters side by side
    as words (each such character is one), to be checked against the text."""
    phrase = bind(_quoted(split_words(term.folded)))
    return f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH {phrase} AND {_range(kind)}"


def _test(option: Term | Not, kind: IndexedKind | None, bind: Bind, text: str, rowid: str) -> str:
    """Whether the row whose text and rowid are the SQL ``text`` and ``rowid`` satisfies
    ``option`` (a condition in a WHERE over that row). Unary plus keeps FTS5 from
    taking a subquery's IN as its own plan, which would re-run a MATCH per row."""
    term = option.term if isinstance(option, Not) else option
    if term.route == "trigram" and isinstance(option, Not):
        phrase = bind(_quoted(term.folded))
        found = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH {phrase} AND {_range(kind)}"
        return f"+{rowid} NOT IN ({found})"
    test = f"instr({text}, {bind(term.folded)}) > 0"
    return f"NOT ({test})" if isinstance(option, Not) else test


def _clause_test(
    clause: Clause, kind: IndexedKind | None, bind: Bind, text: str, rowid: str
) -> str:
    if isinstance(clause, AnyOf):
        either = [_test(o, kind, bind, text, rowid) for o in clause.options]
        return "(" + " OR ".join(either) + ")"
    return _test(clause, kind, bind, text, rowid)


def _anchor(query: SearchQuery) -> Term | None:
    """A required CJK term the word index can find, when no term can use the trigram
    index."""
    return next((c for c in query.clauses if isinstance(c, Term) and c.route == "unigram"), None)


def anchored(query: SearchQuery) -> bool:
    """Whether an index finds the query's candidates; otherwise every record of a kind
    is read (only terms shorter than three characters, in scripts written with
    spaces, and negations)."""
    return any(_fts(c) for c in query.clauses) or _anchor(query) is not None


def rows(query: SearchQuery, kind: IndexedKind | None, bind: Bind) -> str:
    """A SELECT of the rowids of ``kind``'s records matching ``query`` (of every kind's
    for ``None``, when an index drives: see :func:`anchored`).

    The clauses FTS5 can answer from the trigram index become one MATCH (negated ones
    subtracted with NOT); the other clauses are checked on the text of the rows it
    finds. Without such a clause, a required CJK term narrows the rows through the word
    index; without that either, every row of the kind is read."""
    positive = [e for c in query.clauses if not isinstance(c, Not) and (e := _fts(c))]
    negative = [c for c in query.clauses if isinstance(c, Not) and _trigram(c.term)]
    if positive:
        expression = " AND ".join(positive) + "".join(
            f" NOT {_quoted(n.term.folded)}" for n in negative
        )
        where = [f"{TABLE} MATCH {bind(expression)}", _range(kind)]
        done = {id(c) for c in query.clauses if _fts(c) and not isinstance(c, Not)}
        done |= {id(n) for n in negative}
        source, text, rowid = TABLE, "text", "rowid"
    elif (anchor := _anchor(query)) is not None:
        where = [f"rowid IN ({_words_rows(anchor, kind, bind)})", _range(kind)]
        done, source, text, rowid = set(), TABLE, "text", "rowid"
    else:
        where = [_range(kind, "id")]
        done, source, text, rowid = set(), CONTENT, "c0", "id"
    for clause in query.clauses:
        if id(clause) not in done:
            where.append(_clause_test(clause, kind, bind, text, rowid))
    return f"SELECT {rowid} AS rowid FROM {source} WHERE {' AND '.join(where)}"


HITS, WORD_HITS = "search_hits", "search_word_hits"
"""The common table expressions of :func:`shared`: every kind's matches, found once."""


def shared(query: SearchQuery, bind: Bind) -> str:
    """A ``WITH`` clause (or ``""``) finding the matches of ``query`` once for a statement
    that asks about every kind: :func:`matching` and :func:`whole_words` with
    ``shared=True`` read them from it. A MATCH limited to one kind's rowids reads the
    terms' whole lists of rows all the same, so asking once per kind read them seven
    times ('kubernetes' at 50k: ~20 ms instead of ~11)."""
    ctes = []
    if anchored(query):
        ctes.append(f"{HITS}(hit) AS (SELECT rowid FROM ({rows(query, None, bind)}))")
    expression = word_expression(query)
    if expression is not None:
        ctes.append(
            f"{WORD_HITS}(hit) AS "
            f"(SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH {bind(expression)})"
        )
    return f"WITH {', '.join(ctes)} " if ctes else ""


def _shared_ids(id_sql: str, kind: IndexedKind, table: str) -> str:
    low, _ = span(kind)
    return f"{id_sql} IN (SELECT hit - {low} FROM {table} WHERE {_range(kind, 'hit')})"


def among_words(id_sql: str, kind: IndexedKind) -> str:
    """Whether the record with id ``id_sql`` of ``kind`` is among the whole-word matches
    of a statement that begins with :func:`shared`'s clause, for a query that has words
    (:func:`word_expression` is not ``None``)."""
    return _shared_ids(id_sql, kind, WORD_HITS)


def matching(
    id_sql: str,
    kind: IndexedKind,
    query: SearchQuery,
    bind: Bind,
    shared: bool = False,
    by_text: bool = False,
) -> str:
    """Whether the record with id ``id_sql`` of ``kind`` matches ``query`` (SQL);
    ``shared``: in a statement that begins with :func:`shared`'s clause.

    With an index to drive from: ``id IN (the ids it finds)``, looked up by primary key.
    Without one, or ``by_text`` (the statement finds its candidates another way): the
    record's own text is checked, so a listing newest first stops as soon as it has
    enough (``go`` in a journal of 50,000 entries reads a handful). Both say the same:
    ``search_index`` keeps case (``trigram case_sensitive 1``), so a MATCH of a term's
    trigrams is exactly ``instr`` of the term in the folded text."""
    low, _ = span(kind)
    if anchored(query) and not by_text:
        if shared:
            return _shared_ids(id_sql, kind, HITS)
        return f"{id_sql} IN (SELECT rowid - {low} FROM ({rows(query, kind, bind)}))"
    tests = [_clause_test(c, kind, bind, "c.c0", "c.id") for c in query.clauses]
    own = f"c.id = {id_sql} + {low}"
    return f"EXISTS (SELECT 1 FROM {CONTENT} c WHERE {' AND '.join([own, *tests])})"


def _word_phrase(term: Term) -> str | None:
    words = split_words(term.folded)
    return _quoted(words) if any(c.isalnum() for c in words) else None


def word_expression(query: SearchQuery) -> str | None:
    """The FTS5 expression over ``search_words`` that the required terms match as
    whole words or stems, or None when some required term has no word in it."""
    parts: list[str] = []
    for clause in query.clauses:
        if isinstance(clause, Not):
            continue
        if isinstance(clause, Term):
            phrase = _word_phrase(clause)
            if phrase is None:
                return None
            parts.append(phrase)
            continue
        options = [p for o in clause.options if isinstance(o, Term) and (p := _word_phrase(o))]
        if len(options) < len(clause.options):
            continue  # a negated or wordless option may carry the clause: no constraint
        parts.append("(" + " OR ".join(options) + ")")
    return " AND ".join(parts) if parts else None


def hit_counts(q: Query, query: SearchQuery, words: bool) -> dict[int, int] | None:
    """How many records of each kind (by code) match ``query`` as an index tells:
    ``words``, those holding the required terms as words or stems (:func:`whole_words`;
    ``None`` when no record can); else those holding the text (:func:`matching`;
    ``None`` when no index finds them, see :func:`anchored`). Reads the index lists of
    the terms, which a statement run next on the same connection finds in its cache."""
    bind = Params()
    if words:
        expression = word_expression(query)
        if expression is None:
            return None
        found = f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH {bind(expression)}"
    elif anchored(query):
        found = rows(query, None, bind)
    else:
        return None
    counted = q(f"SELECT rowid >> {SHIFT}, count(*) FROM ({found}) GROUP BY 1", dict(bind))
    return {int(code): int(count) for code, count in counted}


def whole_words(
    id_sql: str, kind: IndexedKind, query: SearchQuery, bind: Bind, shared: bool = False
) -> str | None:
    """``id_sql IN (ids whose record holds the required terms as words or stems)``, or
    None when no record can (combine it with :func:`matching`; ``shared`` as there)."""
    expression = word_expression(query)
    if expression is None:
        return None
    if shared:
        return among_words(id_sql, kind)
    low, _ = span(kind)
    return (
        f"{id_sql} IN (SELECT rowid - {low} FROM {WORDS} "
        f"WHERE {WORDS} MATCH {bind(expression)} AND {_range(kind)})"
    )


def ranked(query: SearchQuery, bind: Bind) -> str:
    """A SELECT of ``(rid, tier, rank)`` for every matching record, best first: tier 0
    holds the whole-word and stem matches ranked by bm25 (a title word worth
    :data:`TITLE_WEIGHT` body words), tier 1 the other matches, newest record first."""

    def substring() -> str:
        return " UNION ALL ".join(rows(query, kind, bind) for kind in KINDS)

    rest = (
        f"SELECT rowid AS rid, 1 AS tier, 0.0 AS rank, rowid & {MASK} AS record "
        f"FROM ({substring()})"
    )
    expression = word_expression(query)
    if expression is None:
        return rest + " ORDER BY record DESC, rid DESC"
    best = (
        f"SELECT rowid AS rid, 0 AS tier, bm25({WORDS}, {TITLE_WEIGHT}, 1.0) AS rank, "
        f"rowid & {MASK} AS record FROM {WORDS} WHERE {WORDS} MATCH {bind(expression)} "
        f"AND +rowid IN (SELECT rowid FROM ({substring()}))"
    )
    rest += (
        f" WHERE rowid NOT IN (SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH {bind(expression)})"
    )
    return f"{best} UNION ALL {rest} ORDER BY tier, rank, record DESC, rid DESC"


def check(q: Query) -> tuple[int, int]:
    """Run FTS5's own integrity checks (raises ``sqlite3.DatabaseError`` when an index
    disagrees with itself), then compare the substring index with the journal:
    ``(records the index lacks, index rows whose record is gone)``."""
    for table in (TABLE, WORDS):
        q(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
    missing = stale = 0
    for kind in KINDS:
        low, _ = span(kind)
        missing += q(
            f"SELECT count(*) FROM {kind.table} WHERE id + {low} NOT IN "
            f"(SELECT rowid FROM {TABLE} WHERE {_range(kind)})"
        )[0][0]
        stale += q(
            f"SELECT count(*) FROM {TABLE} WHERE {_range(kind)} "
            f"AND rowid - {low} NOT IN (SELECT id FROM {kind.table})"
        )[0][0]
    return missing, stale
