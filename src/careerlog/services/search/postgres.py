"""Search on PostgreSQL: the candidate query built with SQLAlchemy Core, matched
through :mod:`careerlog.store.pg_search`. SQLite stores never load this module."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Connection, and_, exists, func, literal, select

from careerlog.domain.hits import SearchHit
from careerlog.domain.text import normalise_tag
from careerlog.services.search import _CODES, SearchFilter, _kinds, hit_from_row
from careerlog.store import pg_search
from careerlog.store import tables as t
from careerlog.store.db import Store


def _between(column: Any, flt: SearchFilter, is_date: bool) -> list[Any]:
    conditions = []
    if flt.start:
        conditions.append(
            column >= (flt.start if is_date else datetime.combine(flt.start, time.min))
        )
    if flt.end:
        conditions.append(column <= (flt.end if is_date else datetime.combine(flt.end, time.max)))
    return conditions


def _head(kind: str, indexed: Any, owner: Any, when: Any, title: Any, starred: Any = None) -> Any:
    """The columns of one kind's candidates, as the union needs them: the search rowid
    (``indexed`` row id * 8 + kind code), kind, the owner's id, when, title, starred."""
    return select(
        (indexed * 8 + _CODES[kind]).label("rid"),
        literal(kind).label("kind"),
        owner.label("id"),
        when.label("when"),
        title.label("title"),
        (literal(False) if starred is None else starred).label("starred"),
    )


def _candidates(flt: SearchFilter, match_rowids: Any | None) -> Any:
    """One SELECT per kind (rid, kind, id, when, title, starred), unioned."""
    parts = []
    for kind in _kinds(flt):
        code = _CODES[kind]
        if kind == "entry":
            e = t.entry
            q = _head(kind, e.c.id, e.c.id, e.c.written_at, e.c.text, e.c.starred)
            q = q.where(*_between(e.c.written_at, flt, False))
            if flt.starred:
                q = q.where(e.c.starred.is_(True))
            for tag in flt.tags:
                q = q.where(
                    exists().where(
                        and_(
                            t.entry_tag.c.entry_id == e.c.id,
                            t.entry_tag.c.tag == normalise_tag(tag),
                        )
                    )
                )
        elif kind == "goal":
            g = t.goal
            q = _head(kind, g.c.id, g.c.id, g.c.created_at, g.c.title)
            q = q.where(*_between(func.date(g.c.created_at), flt, True))
        elif kind == "activity":
            a = t.activity
            q = _head(kind, a.c.id, a.c.id, a.c.day, a.c.title)
            q = q.where(*_between(a.c.day, flt, True))
        else:
            r, ans = t.reflection, t.reflection_answer
            q = _head(kind, ans.c.id, r.c.id, r.c.day, ans.c.prompt_text).join(
                r, r.c.id == ans.c.reflection_id
            )
            q = q.where(*_between(r.c.day, flt, True))
        if match_rowids is not None:
            id_column = t.reflection_answer.c.id if kind == "reflection" else q.selected_columns.id
            q = q.where(id_column.in_(match_rowids(code)))
        parts.append(q)
    return parts


def search_postgres(store: Store, flt: SearchFilter, match: str | None) -> list[SearchHit]:
    with store.read() as conn:
        rows, snippets = pg_search.find(
            conn, lambda hits_for: _candidates(flt, hits_for), match and flt.query, flt.limit
        )
        tags = _tags_for(conn, [row.id for row in rows if row.kind == "entry"])
    return [
        hit_from_row(
            row, snippets.get(row.rid), tags.get(row.id, ()) if row.kind == "entry" else ()
        )
        for row in rows
    ]


def _tags_for(conn: Connection, entry_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not entry_ids:
        return {}
    found: dict[int, list[str]] = {}
    query = select(t.entry_tag.c.entry_id, t.entry_tag.c.tag).where(
        t.entry_tag.c.entry_id.in_(entry_ids)
    )
    for row in conn.execute(query):
        found.setdefault(int(row.entry_id), []).append(str(row.tag))
    return {k: tuple(v) for k, v in found.items()}
