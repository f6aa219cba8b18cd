"""Search results by relevance for the timeline: FTS rank first, then the timeline's
filters, checked a batch of hits at a time. Split from :mod:`careerlog.services.timeline`,
whose sources and filters it reuses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, select, text

from careerlog.domain.timeline import TimelineFilter, TimelineItem
from careerlog.services.timeline import _active, _params, _with_tags
from careerlog.services.timeline import sources as q
from careerlog.store import tables as t
from careerlog.store.db import Store


def best_matches(store: Store, flt: TimelineFilter, *, limit: int = 20) -> tuple[TimelineItem, ...]:
    """Search hits ordered by relevance instead of date: FTS5's bm25, where a word in a
    title weighs four times a word in the body. The other filters still apply (checked
    a batch of hits at a time, best first); a goal is shown as its goal-created item, a
    reflection once however many of its answers match."""
    if not flt.query.strip():
        return ()
    active = {src.kind: (src, conds) for src, conds in _active(flt)}
    ranked = text(
        "SELECT rowid FROM search_index WHERE search_index MATCH :match "
        "ORDER BY bm25(search_index, 0.0, 4.0, 1.0), rowid DESC"
    )
    with store.read() as conn:
        if conn.dialect.name == "postgresql":
            from careerlog.store import pg_search  # only PostgreSQL stores need it

            rowids = pg_search.ranked_rids(conn, pg_search.from_fts(_params(flt)["match"]))
        else:
            rowids = [int(row[0]) for row in conn.execute(ranked, _params(flt)).all()]
        chosen: list[tuple[TimelineItem, int]] = []
        seen: set[tuple[str, int]] = set()
        for start in range(0, len(rowids), _BATCH):
            batch = rowids[start : start + _BATCH]
            passed = _passing(conn, active, batch, _params(flt))
            for rowid in batch:
                found = passed.get(rowid)
                if found is not None and (found.kind, found.id) not in seen:
                    seen.add((found.kind, found.id))
                    chosen.append((found, rowid))
            if len(chosen) >= limit:
                break
        chosen = chosen[:limit]
        snippets = _snippets_by_rowid(conn, [rowid for _, rowid in chosen], flt)
        items = [replace(item, snippet=snippets.get(rowid, "")) for item, rowid in chosen]
        return tuple(_with_tags(conn, items))


_BATCH = 200
_BY_CODE = {0: "entry", 1: "goal-created", 2: "activity", 3: "reflection"}


def _passing(
    conn: Connection,
    active: dict[str, tuple[q.Source, list[ColumnElement[bool]]]],
    rowids: list[int],
    params: dict[str, str],
) -> dict[int, TimelineItem]:
    """The hits among ``rowids`` whose records pass the filters, by rowid."""
    by_code: dict[int, list[int]] = {}
    for rowid in rowids:
        by_code.setdefault(rowid % 8, []).append(rowid // 8)
    passed: dict[int, TimelineItem] = {}
    for code, ids in by_code.items():
        kind = _BY_CODE[code]
        if kind not in active:
            continue
        src, conds = active[kind]
        if kind == "reflection":
            answers = t.reflection_answer
            owner_rows: Sequence[Any] = conn.execute(
                select(answers.c.id, answers.c.reflection_id).where(answers.c.id.in_(ids))
            ).all()
            owner = {int(a): int(r) for a, r in owner_rows}
            rows = conn.execute(src.base().where(src.id.in_(set(owner.values())), *conds), params)
            items = {int(row[0]): q.item(kind, row) for row in rows}
            for answer_id, reflection_id in owner.items():
                if reflection_id in items:
                    passed[answer_id * 8 + code] = items[reflection_id]
            continue
        for row in conn.execute(src.base().where(src.id.in_(ids), *conds), params):
            passed[int(row[0]) * 8 + code] = q.item(kind, row)
    return passed


def _snippets_by_rowid(conn: Connection, rowids: list[int], flt: TimelineFilter) -> dict[int, str]:
    if not rowids:
        return {}
    if conn.dialect.name == "postgresql":
        from careerlog.store import pg_search  # only PostgreSQL stores need it

        return pg_search.snippets(conn, rowids, pg_search.from_fts(_params(flt)["match"]))
    rows: Sequence[Any] = conn.execute(
        text(
            "SELECT rowid, snippet(search_index, -1, char(2), char(3), '…', 16) "
            "FROM search_index WHERE search_index MATCH :match AND rowid IN "
            f"({','.join(str(int(r)) for r in rowids)})"
        ),
        _params(flt),
    ).all()
    return {int(rowid): str(snippet) for rowid, snippet in rows}
