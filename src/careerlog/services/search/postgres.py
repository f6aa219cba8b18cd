"""``careerlog search`` on PostgreSQL: the same candidates as the SQLite listing, built
with SQLAlchemy Core from the search contract's kinds and matched through its GIN
indexes. SQLite stores never load this module."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Connection, and_, exists, func, literal, select, union_all

from careerlog.domain.hits import SearchHit
from careerlog.domain.text import normalise_tag
from careerlog.services.search import TITLE_CHARS, Row, SearchFilter, hit_from_row, searched_kinds
from careerlog.store import tables as t
from careerlog.store.db import Store
from careerlog.store.search import IndexedKind, SearchQuery
from careerlog.store.search import postgres as index
from careerlog.store.search.alchemy import match_params, text_matches
from careerlog.store.search.kinds import STRIDE


def _between(column: Any, kind: IndexedKind, flt: SearchFilter) -> list[Any]:
    conditions = []
    if flt.start:
        conditions.append(
            column >= (flt.start if kind.is_day else datetime.combine(flt.start, time.min))
        )
    if flt.end:
        conditions.append(
            column <= (flt.end if kind.is_day else datetime.combine(flt.end, time.max))
        )
    return conditions


def _candidates(flt: SearchFilter, query: SearchQuery | None) -> list[Any]:
    """One SELECT per kind (rid, kind, id, when, title, starred)."""
    parts = []
    for kind in searched_kinds(flt):
        x = t.metadata.tables[kind.table]
        holder = t.metadata.tables[kind.owner] if kind.owner else x
        moment = holder.c[kind.when]
        title = x.c[kind.title] if kind.title else func.substr(x.c[kind.body], 1, TITLE_CHARS)
        entry = kind.table == "entry"
        q = select(
            (x.c.id * STRIDE + kind.code).label("rid"),
            literal(kind.name).label("kind"),
            holder.c.id.label("id"),
            moment.label("when"),
            title.label("title"),
            (x.c.starred if entry else literal(False)).label("starred"),
        )
        if kind.owner:
            q = q.select_from(x.join(holder, holder.c.id == x.c[kind.owner_key]))
        q = q.where(*_between(moment, kind, flt))
        if entry and flt.starred:
            q = q.where(x.c.starred.is_(True))
        for tag in flt.tags if entry else ():
            q = q.where(
                exists().where(
                    and_(t.entry_tag.c.entry_id == x.c.id, t.entry_tag.c.tag == normalise_tag(tag))
                )
            )
        if query is not None:
            q = q.where(text_matches(x.c.id, kind))
        parts.append(q)
    return parts


def search_postgres(store: Store, flt: SearchFilter, query: SearchQuery | None) -> list[SearchHit]:
    parts = _candidates(flt, query)
    if not parts:
        return []
    combined = union_all(*parts).subquery()
    listing = select(combined).order_by(combined.c.when.desc(), combined.c.rid.desc())
    with store.read() as conn:
        rows = conn.execute(
            listing.limit(flt.limit), match_params(query) if query is not None else {}
        ).all()
        found = [
            Row(int(r.rid), str(r.kind), int(r.id), r.when, str(r.title), r.starred) for r in rows
        ]
        snippets = index.snippets(conn, query, [r.rid for r in found]) if query and found else {}
        tags = _tags_for(conn, [row.id for row in found if row.kind == "entry"])
    return [hit_from_row(row, snippets.get(row.rid), tags.get(row.id, ())) for row in found]


def _tags_for(conn: Connection, entry_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not entry_ids:
        return {}
    found: dict[int, list[str]] = {}
    query = (
        select(t.entry_tag.c.entry_id, t.entry_tag.c.tag)
        .where(t.entry_tag.c.entry_id.in_(entry_ids))
        .order_by(t.entry_tag.c.entry_id, t.entry_tag.c.tag)
    )
    for row in conn.execute(query):
        found.setdefault(int(row.entry_id), []).append(str(row.tag))
    return {k: tuple(v) for k, v in found.items()}
