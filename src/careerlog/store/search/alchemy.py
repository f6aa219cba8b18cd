"""The search contract for code holding a SQLAlchemy connection, on either backend:
"this record matches" and "this record holds the words" conditions to put in any
SELECT, ranking, and snippets, chosen by the connection's dialect."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Boolean, Connection, String, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement

from careerlog.store import tables as t
from careerlog.store.search import postgres, snippets, sqlite
from careerlog.store.search.kinds import IndexedKind, rid
from careerlog.store.search.params import Params
from careerlog.store.search.query import SearchQuery
from careerlog.store.snapshot import sql_query


class _SearchCondition(ColumnElement[bool]):
    type = Boolean()
    inherit_cache = False
    words = False
    """Whole words and stems instead of the text anywhere."""

    def __init__(
        self, id_column: ColumnElement[Any], kind: IndexedKind, query: SearchQuery
    ) -> None:
        self.id_column = id_column
        self.kind = kind
        self.query = query


class TextMatches(_SearchCondition):
    """``id_column IN (ids of kind's records containing what query asks for)``."""

    inherit_cache = False  # the query's values are compiled in


class HoldsWords(_SearchCondition):
    """``id_column IN (ids of kind's records holding the query's terms as words)``;
    compiles to FALSE when no record can."""

    inherit_cache = False
    words = True


def text_matches(
    id_column: ColumnElement[Any], kind: IndexedKind, query: SearchQuery
) -> TextMatches:
    return TextMatches(id_column, kind, query)


def holds_words(id_column: ColumnElement[Any], kind: IndexedKind, query: SearchQuery) -> HoldsWords:
    return HoldsWords(id_column, kind, query)


def _compile(element: _SearchCondition, compiler: SQLCompiler, dialect: Any, **kw: Any) -> str:
    def bind(value: str) -> str:
        return compiler.process(bindparam("search", value, type_=String(), unique=True), **kw)

    column = compiler.process(element.id_column, **kw)
    if element.words:
        found = dialect.whole_words(column, element.kind, element.query, bind)
        return "1 = 0" if found is None else str(found)
    return str(dialect.matching(column, element.kind, element.query, bind))


@compiles(TextMatches, "sqlite")
@compiles(HoldsWords, "sqlite")
def _on_sqlite(element: _SearchCondition, compiler: SQLCompiler, **kw: Any) -> str:
    return _compile(element, compiler, sqlite, **kw)


@compiles(TextMatches, "postgresql")
@compiles(HoldsWords, "postgresql")
def _on_postgresql(element: _SearchCondition, compiler: SQLCompiler, **kw: Any) -> str:
    return _compile(element, compiler, postgres, **kw)


def ranked(conn: Connection, query: SearchQuery) -> list[int]:
    """Every matching search rowid, best first (whole words and stems, by relevance,
    then the other matches, newest first)."""
    is_pg = conn.dialect.name == "postgresql"
    params = Params("pyformat" if is_pg else "named")
    sql = postgres.ranked(query, params) if is_pg else sqlite.ranked(query, params)
    return [int(row[0]) for row in conn.exec_driver_sql(sql, dict(params))]


def snippet_map(conn: Connection, query: SearchQuery, rids: Iterable[int]) -> dict[int, str]:
    """Snippets keyed by search rowid (:func:`careerlog.store.search.snippets.snippets`)."""
    return snippets.snippets(sql_query(conn), query, rids)


def owner_snippets(
    conn: Connection, kind: IndexedKind, query: SearchQuery, owner_ids: Sequence[int]
) -> dict[int, str]:
    """For a kind that is part of another record (a reflection's answers): a snippet
    per owner, from the first of its parts that matches."""
    if not owner_ids:
        return {}
    part = t.metadata.tables[kind.table]
    owner = part.c[kind.owner_key]
    found = conn.execute(
        select(part.c.id, owner)
        .where(owner.in_(owner_ids), text_matches(part.c.id, kind, query))
        .order_by(part.c.id)
    ).all()
    marked = snippet_map(conn, query, [rid(kind, int(str(row[0]))) for row in found])
    result: dict[int, str] = {}
    for part_id, owner_id in found:
        result.setdefault(int(str(owner_id)), marked.get(rid(kind, int(str(part_id))), ""))
    return result
