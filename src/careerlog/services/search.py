"""Full-text search over entries, goals, activities and reflection answers.

Matching runs in the FTS5 index; candidates are ordered newest first and cut to the
limit *before* snippets are made, so a common word over 50,000 entries stays fast.
Snippets mark matches with ``\\x02`` … ``\\x03``; :func:`split_snippet` turns them
into (text, is_match) pieces for whatever renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, and_, exists, func, literal, select, text, union_all

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import SearchHit
from careerlog.domain.text import normalise_tag, one_line
from careerlog.store import tables as t
from careerlog.store.db import Store

KINDS = ("entry", "goal", "activity", "reflection")
_CODES = {"entry": 0, "goal": 1, "activity": 2, "reflection": 3}
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_MAX_CHARS = 20_000
_TOKEN = re.compile(r"[\w][\w'*-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchFilter:
    query: str = ""
    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    starred: bool = False
    limit: int = 20

    def entries_only(self) -> bool:
        return bool(self.tags) or self.starred


def fts_query(query: str) -> str:
    """Turn what a person typed into a safe FTS5 expression: every word must match,
    a trailing ``*`` keeps prefix search, FTS operators and quotes are taken literally."""
    terms = []
    for token in _TOKEN.findall(query):
        prefix = token.endswith("*")
        word = token.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    if not terms:
        raise CareerlogError(f"nothing to search for in {query!r}")
    return " ".join(terms)


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def _between(column: Any, flt: SearchFilter, is_date: bool) -> list[Any]:
    conditions = []
    if flt.start:
        conditions.append(
            column >= (flt.start if is_date else datetime.combine(flt.start, time.min))
        )
    if flt.end:
        conditions.append(column <= (flt.end if is_date else datetime.combine(flt.end, time.max)))
    return conditions


def _candidates(flt: SearchFilter, match_rowids: Any | None) -> Any:
    """One SELECT per kind (rid, kind, id, when, title, starred), unioned."""
    kinds = [k for k in (flt.kinds or KINDS) if not flt.entries_only() or k == "entry"]
    parts = []
    for kind in kinds:
        code = _CODES[kind]
        if kind == "entry":
            e = t.entry
            q = select(
                (e.c.id * 8 + code).label("rid"),
                literal(kind).label("kind"),
                e.c.id.label("id"),
                e.c.written_at.label("when"),
                e.c.text.label("title"),
                e.c.starred.label("starred"),
            )
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
            q = select(
                (g.c.id * 8 + code).label("rid"),
                literal(kind).label("kind"),
                g.c.id.label("id"),
                g.c.created_at.label("when"),
                g.c.title.label("title"),
                literal(False).label("starred"),
            )
            q = q.where(*_between(func.date(g.c.created_at), flt, True))
        elif kind == "activity":
            a = t.activity
            q = select(
                (a.c.id * 8 + code).label("rid"),
                literal(kind).label("kind"),
                a.c.id.label("id"),
                a.c.day.label("when"),
                a.c.title.label("title"),
                literal(False).label("starred"),
            )
            q = q.where(*_between(a.c.day, flt, True))
        else:
            r, ans = t.reflection, t.reflection_answer
            q = select(
                (ans.c.id * 8 + code).label("rid"),
                literal(kind).label("kind"),
                r.c.id.label("id"),
                r.c.day.label("when"),
                ans.c.prompt_text.label("title"),
                literal(False).label("starred"),
            ).join(r, r.c.id == ans.c.reflection_id)
            q = q.where(*_between(r.c.day, flt, True))
        if match_rowids is not None:
            id_column = t.reflection_answer.c.id if kind == "reflection" else q.selected_columns.id
            q = q.where(id_column.in_(match_rowids(code)))
        parts.append(q)
    return parts


def search(store: Store, flt: SearchFilter) -> list[SearchHit]:
    """Matches for ``flt`` newest first; with no query, the newest records that pass
    the filters (``careerlog search --tag work`` lists tagged entries)."""
    if flt.limit < 1:
        raise CareerlogError("--limit must be at least 1")
    for kind in flt.kinds:
        if kind not in KINDS:
            raise CareerlogError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    match = fts_query(flt.query) if flt.query.strip() else None
    with store.read() as conn:
        if store.dialect == "postgresql":
            from careerlog.store import pg_search  # only PostgreSQL stores need it

            rows, snippets = pg_search.find(
                conn, lambda hits_for: _candidates(flt, hits_for), match and flt.query, flt.limit
            )
            tags = _tags_for(conn, [row.id for row in rows if row.kind == "entry"])
            kept = [(row, tags.get(row.id, ()) if row.kind == "entry" else ()) for row in rows]
            return [_hit(row, snippets.get(row.rid), row_tags) for row, row_tags in kept]
        if store.dialect != "sqlite":
            raise CareerlogError(f"full-text search is not available on {store.dialect} yet")
        return _sqlite_search(conn, flt, match)


def _sqlite_search(conn: Connection, flt: SearchFilter, match: str | None) -> list[SearchHit]:
    def hits_for(code: int) -> Any:
        # ``id IN (SELECT rowid / 8 …)`` lets SQLite drive from the index hits and look
        # each record up by primary key, instead of scanning the table.
        return (
            select(text("rowid / 8"))
            .select_from(text("search_index"))
            .where(text(f"search_index MATCH :match AND rowid % 8 = {code}"))
        )

    parts = _candidates(flt, hits_for if match else None)
    if not parts:
        return []
    combined = union_all(*parts).subquery()
    rows = conn.execute(
        select(combined).order_by(combined.c.when.desc(), combined.c.rid.desc()).limit(flt.limit),
        {"match": match} if match else {},
    ).all()
    snippets: dict[int, str] = {}
    if match and rows:
        rids = ",".join(str(int(row.rid)) for row in rows)
        snippets = dict(
            conn.execute(
                text(
                    # FTS5's snippet() is quadratic in the hits inside one record: a word
                    # repeated all through a 1 MB entry took a minute. Long records show
                    # their first line instead (see _hit).
                    "SELECT rowid, CASE WHEN length(title) + length(body) > :long THEN NULL "
                    "ELSE snippet(search_index, -1, char(2), char(3), '…', 16) END "
                    f"FROM search_index WHERE search_index MATCH :match AND rowid IN ({rids})"
                ),
                {"match": match, "long": SNIPPET_MAX_CHARS},
            ).all()
        )
    tags = _tags_for(conn, [row.id for row in rows if row.kind == "entry"])
    return [
        _hit(row, snippets.get(row.rid), tags.get(row.id, ()) if row.kind == "entry" else ())
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


def _hit(row: Any, snippet: str | None, tags: tuple[str, ...]) -> SearchHit:
    when = row.when
    if isinstance(when, str):  # SQLite hands back DATE columns through a union as text
        when = datetime.fromisoformat(when)
    elif isinstance(when, date) and not isinstance(when, datetime):
        when = datetime.combine(when, time.min)
    title = one_line(row.title or "")
    return SearchHit(
        kind=row.kind,
        id=row.id,
        when=when,
        title=title,
        snippet=snippet if snippet is not None else one_line(row.title or "", 160),
        starred=bool(row.starred),
        tags=tags,
    )
