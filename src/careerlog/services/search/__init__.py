"""Full-text search over entries, goals, activities and reflection answers.

Matching runs in the FTS5 index; candidates are ordered newest first and cut to the
limit *before* titles and snippets are read, so a common word over 50,000 entries stays
fast. On SQLite this module is plain SQL through :func:`careerlog.store.snapshot.reading`:
given an up-to-date store file it never imports SQLAlchemy (~0.3 s of a search).
PostgreSQL stores go through :mod:`careerlog.services.search.postgres`.
Snippets mark matches with ``\\x02`` … ``\\x03``; :func:`split_snippet` turns them
into (text, is_match) pieces for whatever renders them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careerlog.domain.errors import CareerlogError
from careerlog.domain.hits import SearchHit
from careerlog.domain.text import normalise_tag, one_line
from careerlog.store.snapshot import reading, sql_day, sql_from, sql_until
from careerlog.store.stamps import to_moment

if TYPE_CHECKING:
    from careerlog.store.db import Store

KINDS = ("entry", "goal", "activity", "reflection")
_CODES = {"entry": 0, "goal": 1, "activity": 2, "reflection": 3}
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_MAX_CHARS = 20_000
_TOKEN = re.compile(r"[\w][\w'*-]*", re.UNICODE)


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


class _Row(NamedTuple):
    rid: int
    kind: str
    id: int
    when: Any
    title: str
    starred: int


def _kinds(flt: SearchFilter) -> list[str]:
    return [k for k in (flt.kinds or KINDS) if not flt.entries_only() or k == "entry"]


def _matching(code: int) -> str:
    # ``id IN (SELECT rowid / 8 …)`` lets SQLite drive from the index hits and look each
    # record up by primary key, instead of scanning the table.
    return (
        "IN (SELECT rowid / 8 FROM search_index "
        f"WHERE search_index MATCH :match AND rowid % 8 = {code})"
    )


class _KindSql(NamedTuple):
    source: str
    """FROM clause, aliased."""
    record_id: str
    """The id the hit points at (a reflection for its answers)."""
    indexed_id: str
    """The id the search index row was written for."""
    moment: str
    when_column: str
    """What --from/--to compare: a DATETIME (entries) or a day."""
    starred: str


_KIND_SQL = {
    "entry": _KindSql("entry e", "e.id", "e.id", "e.written_at", "e.written_at", "e.starred"),
    "goal": _KindSql("goal g", "g.id", "g.id", "g.created_at", "date(g.created_at)", "0"),
    "activity": _KindSql("activity a", "a.id", "a.id", "a.day", "a.day", "0"),
    "reflection": _KindSql(
        "reflection_answer ans JOIN reflection r ON r.id = ans.reflection_id",
        "r.id",
        "ans.id",
        "r.day",
        "r.day",
        "0",
    ),
}


def _candidate_sql(flt: SearchFilter, match: str | None, params: dict[str, Any]) -> list[str]:
    """One SELECT (rid, kind, id, when, starred) per kind, each newest first and cut to
    the limit on its own index, so the union never sorts more than (kinds x limit) rows."""
    parts = []
    for kind in _kinds(flt):
        code, spec = _CODES[kind], _KIND_SQL[kind]
        if kind == "entry":
            start = sql_from(flt.start) if flt.start else ""
            end = sql_until(flt.end) if flt.end else ""
        else:
            start = sql_day(flt.start) if flt.start else ""
            end = sql_day(flt.end) if flt.end else ""
        conds = [
            f"{spec.when_column} >= {start}" if start else "",
            f"{spec.when_column} <= {end}" if end else "",
        ]
        if kind == "entry":
            if flt.starred:
                conds.append("e.starred = 1")
            for i, tag in enumerate(flt.tags):
                params[f"tag{i}"] = normalise_tag(tag)
                conds.append(
                    "EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id "
                    f"AND et.tag = :tag{i})"
                )
        if match:
            conds.append(f"{spec.indexed_id} {_matching(code)}")
        where = " AND ".join(c for c in conds if c)
        parts.append(
            f"SELECT * FROM (SELECT {spec.indexed_id} * 8 + {code} AS rid, '{kind}' AS kind, "
            f"{spec.record_id} AS id, {spec.moment} AS moment, {spec.starred} AS starred "
            f"FROM {spec.source} {'WHERE ' + where if where else ''} "
            f"ORDER BY {spec.moment} DESC, {spec.indexed_id} DESC LIMIT :limit)"
        )
    return parts


_TITLES = {
    "entry": "SELECT id, substr(text, 1, 4000) FROM entry WHERE id IN ({ids})",
    "goal": "SELECT id, title FROM goal WHERE id IN ({ids})",
    "activity": "SELECT id, title FROM activity WHERE id IN ({ids})",
    "reflection": "SELECT id, prompt_text FROM reflection_answer WHERE id IN ({ids})",
}


def search(source: Store | Path, flt: SearchFilter) -> list[SearchHit]:
    """Matches for ``flt`` newest first; with no query, the newest records that pass
    the filters (``careerlog search --tag work`` lists tagged entries). ``source`` is an
    open store, or the path of an up-to-date SQLite store file."""
    if flt.limit < 1:
        raise CareerlogError("--limit must be at least 1")
    for kind in flt.kinds:
        if kind not in KINDS:
            raise CareerlogError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    match = fts_query(flt.query) if flt.query.strip() else None
    if not isinstance(source, Path) and source.dialect == "postgresql":
        from careerlog.services.search.postgres import search_postgres  # SQLAlchemy builder

        return search_postgres(source, flt, match)
    if not isinstance(source, Path) and source.dialect != "sqlite":
        raise CareerlogError(f"full-text search is not available on {source.dialect}")
    params: dict[str, Any] = {"limit": flt.limit}
    if match:
        params["match"] = match
    parts = _candidate_sql(flt, match, params)
    if not parts:
        return []
    with reading(source) as q:
        found = q(" UNION ALL ".join(parts) + " ORDER BY 4 DESC, 1 DESC LIMIT :limit", params)
        titles: dict[int, str] = {}
        for kind in KINDS:
            ids = [int(r[0]) // 8 for r in found if r[1] == kind]
            if ids:
                rows = q(_TITLES[kind].format(ids=",".join(map(str, ids))))
                titles.update({int(key) * 8 + _CODES[kind]: text for key, text in rows})
        snippets: dict[int, str | None] = {}
        if match and found:
            rids = ",".join(str(int(r[0])) for r in found)
            # FTS5's snippet() is quadratic in the hits inside one record: a word repeated
            # all through a 1 MB entry took a minute. Long records show their first line
            # instead (see hit_from_row).
            sql = (
                "SELECT rowid, CASE WHEN length(title) + length(body) > :long THEN NULL "
                "ELSE snippet(search_index, -1, char(2), char(3), '…', 16) END "
                f"FROM search_index WHERE search_index MATCH :match AND rowid IN ({rids})"
            )
            for rid, snippet in q(sql, {"match": match, "long": SNIPPET_MAX_CHARS}):
                snippets[int(rid)] = snippet
        entry_ids = [int(r[2]) for r in found if r[1] == "entry"]
        tags: dict[int, list[str]] = {}
        if entry_ids:
            for entry_id, tag in q(
                "SELECT entry_id, tag FROM entry_tag WHERE entry_id IN "
                f"({','.join(map(str, entry_ids))}) ORDER BY entry_id, tag"
            ):
                tags.setdefault(int(entry_id), []).append(str(tag))
    hits = []
    for rid, kind, record_id, moment, starred in found:
        row = _Row(int(rid), str(kind), int(record_id), moment, titles.get(int(rid), ""), starred)
        own_tags = tuple(tags.get(row.id, ())) if kind == "entry" else ()
        hits.append(hit_from_row(row, snippets.get(row.rid), own_tags))
    return hits


def hit_from_row(row: Any, snippet: str | None, tags: tuple[str, ...]) -> SearchHit:
    when = to_moment(row.when)  # SQLite hands back DATE columns through a union as text
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
