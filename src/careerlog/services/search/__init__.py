"""``careerlog search``: matches among every searchable kind, newest first.

Matching, snippets and the kinds come from the search contract
(:mod:`careerlog.store.search`); this module lists the candidates. They are ordered
newest first and cut to the limit *before* titles and snippets are read, so a common
word over 50,000 entries stays fast. On SQLite this is plain SQL through
:func:`careerlog.store.snapshot.reading`: given an up-to-date store file it never
imports SQLAlchemy (~0.3 s of a search). PostgreSQL stores go through
:mod:`careerlog.services.search.postgres`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careerlog.domain.errors import CareerlogError
from careerlog.domain.hits import SearchHit
from careerlog.domain.suggest import did_you_mean
from careerlog.domain.text import normalise_tag, one_line
from careerlog.store.search import BY_NAME, NAMES, IndexedKind, SearchQuery, parse, split
from careerlog.store.search import sqlite as index
from careerlog.store.search.kinds import STRIDE
from careerlog.store.snapshot import Query, reading, sql_day, sql_from, sql_until
from careerlog.store.stamps import to_moment

if TYPE_CHECKING:
    from careerlog.store.db import Store

KINDS = NAMES
TITLE_CHARS = 4000


class SearchFilter(NamedTuple):
    query: str = ""
    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    starred: bool = False
    limit: int = 20

    def entries_only(self) -> bool:
        return bool(self.tags) or self.starred


def check_query(text: str) -> None:
    """Raise :class:`CareerlogError` (one clear line) when ``text`` asks for nothing
    searchable, before any store is opened."""
    parse(text)


def searched_kinds(flt: SearchFilter) -> list[IndexedKind]:
    """The kinds ``flt`` can find, in the contract's order (tags and stars exist only on
    journal entries)."""
    for name in flt.kinds:
        if name not in BY_NAME:
            hint = did_you_mean(name, KINDS)
            raise CareerlogError(f"unknown kind {name!r}{hint}; use one of: {', '.join(KINDS)}")
    chosen = flt.kinds or KINDS
    return [
        BY_NAME[name]
        for name in KINDS
        if name in chosen and (not flt.entries_only() or BY_NAME[name].table == "entry")
    ]


class Row(NamedTuple):
    """One candidate: search rowid, kind name, the id of the record the hit points at,
    when, title and starred."""

    rid: int
    kind: str
    id: int
    when: Any
    title: str
    starred: Any


def _bounds(kind: IndexedKind, column: str, flt: SearchFilter) -> list[str]:
    conds = []
    if flt.start:
        conds.append(f"{column} >= {sql_day(flt.start) if kind.is_day else sql_from(flt.start)}")
    if flt.end:
        conds.append(f"{column} <= {sql_day(flt.end) if kind.is_day else sql_until(flt.end)}")
    return conds


def _candidate_sql(
    flt: SearchFilter, query: SearchQuery | None, params: dict[str, Any]
) -> list[str]:
    """One SELECT (rid, kind, id, moment, starred) per kind, each newest first and cut
    to the limit on its own index, so the union never sorts more than (kinds x limit)."""
    parts = []
    for kind in searched_kinds(flt):
        source = f"{kind.table} x"
        holder = "x"
        if kind.owner:
            source += f" JOIN {kind.owner} o ON o.id = x.{kind.owner_key}"
            holder = "o"
        moment = f"{holder}.{kind.when}"
        conds = _bounds(kind, moment, flt)
        starred = "0"
        if kind.table == "entry":
            starred = "x.starred"
            if flt.starred:
                conds.append("x.starred = 1")
            for i, tag in enumerate(flt.tags):
                params[f"tag{i}"] = normalise_tag(tag)
                conds.append(
                    "EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = x.id "
                    f"AND et.tag = :tag{i})"
                )
        if query is not None:
            conds.append(index.matching("x.id", kind))
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        parts.append(
            f"SELECT * FROM (SELECT x.id * {STRIDE} + {kind.code} AS rid, "
            f"'{kind.name}' AS kind, {holder}.id AS id, {moment} AS moment, "
            f"{starred} AS starred FROM {source} {where} "
            f"ORDER BY {moment} DESC, x.id DESC LIMIT :limit)"
        )
    return parts


def _title_sql(kind: IndexedKind) -> str:
    title = kind.title or f"substr({kind.body}, 1, {TITLE_CHARS})"
    return f"SELECT id, {title} FROM {kind.table} WHERE id IN ({{ids}})"


def search(source: Store | Path, flt: SearchFilter) -> list[SearchHit]:
    """Matches for ``flt`` newest first; with no query, the newest records that pass
    the filters (``careerlog search --tag work`` lists tagged entries). ``source`` is an
    open store, or the path of an up-to-date SQLite store file."""
    if flt.limit < 1:
        raise CareerlogError("--limit must be at least 1")
    searched_kinds(flt)  # unknown kinds are an error on every backend
    query = parse(flt.query) if flt.query.strip() else None
    if not isinstance(source, Path) and source.dialect == "postgresql":
        from careerlog.services.search.postgres import search_postgres  # SQLAlchemy builder

        return search_postgres(source, flt, query)
    if not isinstance(source, Path) and source.dialect != "sqlite":
        raise CareerlogError(f"full-text search is not available on {source.dialect}")
    params: dict[str, Any] = {"limit": flt.limit}
    if query is not None:
        params["match"] = query.fts5()
    parts = _candidate_sql(flt, query, params)
    if not parts:
        return []
    with reading(source) as q:
        found = q(" UNION ALL ".join(parts) + " ORDER BY 4 DESC, 1 DESC LIMIT :limit", params)
        by_kind: dict[IndexedKind, list[int]] = {}
        for row in found:
            kind, indexed_id = split(int(row[0]))
            by_kind.setdefault(kind, []).append(indexed_id)
        titles: dict[int, str] = {}
        for kind, ids in by_kind.items():
            rows = q(_title_sql(kind).format(ids=",".join(map(str, ids))))
            titles.update({int(key) * STRIDE + kind.code: text for key, text in rows})
        rids = [int(r[0]) for r in found]
        snippets = index.snippets(q, query, rids) if query is not None else {}
        entry_ids = [int(r[2]) for r in found if BY_NAME[str(r[1])].table == "entry"]
        tags = _tags(q, entry_ids)
    hits = []
    for rid, kind, record_id, moment, starred in found:
        row = Row(int(rid), str(kind), int(record_id), moment, titles.get(int(rid), ""), starred)
        hits.append(hit_from_row(row, snippets.get(row.rid), tags.get(row.id, ())))
    return hits


def _tags(q: Query, entry_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not entry_ids:
        return {}
    found: dict[int, list[str]] = {}
    for entry_id, tag in q(
        "SELECT entry_id, tag FROM entry_tag WHERE entry_id IN "
        f"({','.join(map(str, entry_ids))}) ORDER BY entry_id, tag"
    ):
        found.setdefault(int(entry_id), []).append(str(tag))
    return {key: tuple(value) for key, value in found.items()}


def hit_from_row(row: Row, snippet: str | None, tags: tuple[str, ...]) -> SearchHit:
    """A hit from a candidate row, with the record's opening when there is no snippet."""
    when = to_moment(row.when)  # SQLite hands back DATE columns through a union as text
    title = one_line(row.title or "")
    return SearchHit(
        kind=row.kind,
        id=row.id,
        when=when,
        title=title,
        snippet=snippet if snippet is not None else one_line(row.title or "", 160),
        starred=bool(row.starred),
        tags=tags if BY_NAME[row.kind].table == "entry" else (),
    )
