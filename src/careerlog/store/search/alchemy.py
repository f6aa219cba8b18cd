"""The search contract for code holding a SQLAlchemy connection, on either backend:
a "this record matches" condition to put in any SELECT, and snippets and ranking
chosen by the connection's dialect.

The condition binds ``:match`` at execution time to a :class:`SearchQuery` (see
:func:`match_params`), rendered as FTS5 on SQLite and as a tsquery on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, Connection, Dialect, String, TypeDecorator, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement

from careerlog.store.search import postgres, sqlite
from careerlog.store.search.kinds import IndexedKind
from careerlog.store.search.query import SearchQuery
from careerlog.store.snapshot import sql_query


def match_params(query: SearchQuery) -> dict[str, Any]:
    """The execution parameters a statement holding :func:`text_matches` needs."""
    return {"match": query}


class _MatchValue(TypeDecorator[str]):
    """``:match``: a :class:`SearchQuery`, rendered for the dialect it is sent to."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        query: SearchQuery = value
        return query.tsquery() if dialect.name == "postgresql" else query.fts5()


class TextMatches(ColumnElement[bool]):
    """``id_column IN (ids of kind's records whose text matches :match)``."""

    type = Boolean()
    inherit_cache = False

    def __init__(self, id_column: ColumnElement[Any], kind: IndexedKind) -> None:
        self.id_column = id_column
        self.kind = kind
        self.match_value = bindparam("match", type_=_MatchValue())


def text_matches(id_column: ColumnElement[Any], kind: IndexedKind) -> TextMatches:
    return TextMatches(id_column, kind)


@compiles(TextMatches, "sqlite")
def _matches_sqlite(element: TextMatches, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.id_column, **kw)
    return sqlite.matching(column, element.kind, compiler.process(element.match_value, **kw))


@compiles(TextMatches, "postgresql")
def _matches_postgresql(element: TextMatches, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.id_column, **kw)
    return postgres.matching(column, element.kind, compiler.process(element.match_value, **kw))


def snippets(conn: Connection, query: SearchQuery, rids: Iterable[int]) -> dict[int, str]:
    """Snippets keyed by search rowid (see :func:`careerlog.store.search.sqlite.snippets`)."""
    if conn.dialect.name == "postgresql":
        return postgres.snippets(conn, query, rids)
    return sqlite.snippets(sql_query(conn), query, rids)


def owner_snippets(
    conn: Connection, kind: IndexedKind, query: SearchQuery, owner_ids: Iterable[int]
) -> dict[int, str]:
    """One snippet per owner of ``kind``'s matching parts (a reflection's answers)."""
    if conn.dialect.name == "postgresql":
        return postgres.owner_snippets(conn, kind, query, owner_ids)
    return sqlite.owner_snippets(sql_query(conn), kind, query, owner_ids)


def ranked_rids(conn: Connection, query: SearchQuery) -> list[int]:
    """Every matching search rowid, best first."""
    if conn.dialect.name == "postgresql":
        return postgres.ranked_rids(conn, query)
    return sqlite.ranked_rids(sql_query(conn), query)
