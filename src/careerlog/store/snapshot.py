"""One consistent read snapshot of a store, and the SQL pieces the year-in-review
summary and the export records share.

Everything is read with plain SQL, either through the store's SQLAlchemy connection
or, for an up-to-date SQLite file given as a :class:`Path`, through the standard
library alone (``careerlog export`` then never imports SQLAlchemy, ~0.3 s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.domain.errors import StoreError
from careerlog.store import sqlite
from careerlog.store.stamps import day_text, first_moment, last_moment

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from careerlog.store.db import Store

Query = Callable[..., list[Sequence[Any]]]
"""``q(sql, params=None)``: run one SQL statement (``:name`` parameters) in the open
snapshot and return its rows as tuples. Parameters work for SQLite stores only."""


@contextmanager
def reading(source: Store | Path) -> Iterator[Query]:
    """One consistent read snapshot of a store, or of an SQLite file given as a path."""
    if not isinstance(source, Path):
        with source.read() as conn:
            yield sql_query(conn)
        return
    try:
        con = sqlite.snapshot(source)
    except sqlite.Error as error:
        raise StoreError(f"cannot open the store at {source}: {error}") from None
    try:
        yield lambda sql, params=None: con.execute(sql, params or {}).fetchall()
    except sqlite.DatabaseError as error:
        raise StoreError(f"cannot read the store at {source}: {error}") from None
    finally:
        con.close()


def sqlite_json(source: Store | Path) -> bool:
    """Whether the store is SQLite with its JSON functions (built in since 3.38)."""
    if not isinstance(source, Path) and source.dialect != "sqlite":
        return False
    return sqlite.VERSION >= (3, 38)


def sql_query(conn: Connection) -> Query:
    """A :data:`Query` on a SQLAlchemy connection already open (in a store transaction)."""
    return lambda sql, params=None: list(conn.exec_driver_sql(sql, params or {}))


def sql_from(day: date) -> str:
    """SQL literal for the first moment of ``day`` (dates come from ``date``, never text)."""
    return f"'{first_moment(day)}'"


def sql_until(day: date) -> str:
    return f"'{last_moment(day)}'"


def sql_day(day: date) -> str:
    return f"'{day_text(day)}'"


def sql_where(*conditions: str | None) -> str:
    chosen = [c for c in conditions if c]
    return "WHERE " + " AND ".join(chosen) if chosen else ""


def also(where: str, condition: str) -> str:
    """``where`` (a WHERE clause or nothing) narrowed by one more condition."""
    return f"{where} AND {condition}" if where else f"WHERE {condition}"


def grouped(rows: list[Sequence[Any]]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = {}
    for owner, value in rows:
        found.setdefault(owner, []).append(value)
    return found


def linked(q: Query, table: str, column: str, parent: str, where: str) -> dict[Any, list[Any]]:
    """``{owner id: [values]}`` from the link ``table`` (alias ``l``), for the owners
    ``where`` keeps; ``parent`` is the owner's table and alias, e.g. ``"entry e"``.
    Values in order, the same on every backend."""
    owner, alias = parent.split()
    return grouped(
        q(
            f"SELECT l.{owner}_id, l.{column} FROM {table} l "
            f"JOIN {parent} ON {alias}.id = l.{owner}_id {where} ORDER BY 1, 2"
        )
    )


def moments_between(column: str, start: date | None, end: date | None) -> str:
    return sql_where(
        f"{column} >= {sql_from(start)}" if start else None,
        f"{column} <= {sql_until(end)}" if end else None,
    )


def days_between(column: str, start: date | None, end: date | None) -> str:
    return sql_where(
        f"{column} >= {sql_day(start)}" if start else None,
        f"{column} <= {sql_day(end)}" if end else None,
    )


def goal_filter(start: date | None, end: date | None) -> str:
    """Goals alive during the range: created by its end, not closed before its start."""
    return sql_where(
        f"g.created_at <= {sql_until(end)}" if end else None,
        f"(g.closed_at IS NULL OR g.closed_at >= {sql_from(start)})" if start else None,
    )


def competency_links(
    q: Query, table: str, owner: str, parent: str, where: str
) -> dict[Any, list[dict[str, Any]]]:
    """``{owner id: [{"track", "key", "version"}]}``, sorted by track then key; the
    version is the id of a record in ``track_versions``."""
    alias = parent.split()[1]
    found: dict[Any, list[dict[str, Any]]] = {}
    for owner_id, track_key, key, version in q(
        f"SELECT l.{owner}, l.track_key, l.competency_key, l.snapshot_id FROM {table} l "
        f"JOIN {parent} ON {alias}.id = l.{owner} {where} "
        "ORDER BY l.track_key, l.competency_key"
    ):
        found.setdefault(owner_id, []).append({"track": track_key, "key": key, "version": version})
    return found
