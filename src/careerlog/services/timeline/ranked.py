"""Search results by relevance for the timeline: the search contract's ranking first,
then the timeline's filters, checked a batch of hits at a time. Split from
:mod:`careerlog.services.timeline`, whose sources and filters it reuses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

from careerlog.domain.records import replace
from careerlog.domain.timeline import TimelineFilter, TimelineItem
from careerlog.services.timeline import sources as q
from careerlog.store import tables as t
from careerlog.store.db import Store
from careerlog.store.search import alchemy as index
from careerlog.store.search import parse, rid, split

_BATCH = 200


def best_matches(store: Store, flt: TimelineFilter, *, limit: int = 20) -> tuple[TimelineItem, ...]:
    """Search hits ordered by relevance instead of date: whole-word and stem matches
    first (a word in a title weighs four times a word in the body), then the others.
    The other filters still apply, checked a batch of hits at a time, best first; a goal
    is shown as its goal-created item, a reflection once however many answers match."""
    if not flt.query.strip():
        return ()
    query = parse(flt.query)
    active = {src.kind: (src, conds) for src, conds in q.active(flt)}
    with store.read() as conn:
        rowids = index.ranked(conn, query)
        chosen: list[tuple[TimelineItem, int]] = []
        seen: set[tuple[str, int]] = set()
        for start in range(0, len(rowids), _BATCH):
            batch = rowids[start : start + _BATCH]
            passed = _passing(conn, active, batch)
            for rowid in batch:
                found = passed.get(rowid)
                if found is not None and (found.kind, found.id) not in seen:
                    seen.add((found.kind, found.id))
                    chosen.append((found, rowid))
            if len(chosen) >= limit:
                break
        chosen = chosen[:limit]
        snippets = index.snippet_map(conn, query, [rowid for _, rowid in chosen])
        items = [replace(item, snippet=snippets.get(rowid, "")) for item, rowid in chosen]
        return tuple(q.finished(conn, items))


def _passing(
    conn: Connection,
    active: dict[str, tuple[q.Source, list[ColumnElement[bool]]]],
    rowids: list[int],
) -> dict[int, TimelineItem]:
    """The hits among ``rowids`` whose records pass the filters, by rowid."""
    by_kind: dict[str, list[int]] = {}
    for rowid in rowids:
        kind, record_id = split(rowid)
        by_kind.setdefault(kind.name, []).append(record_id)
    passed: dict[int, TimelineItem] = {}
    for name, ids in by_kind.items():
        shown = q.HIT_SOURCE[name]
        if shown.kind not in active or shown.search is None:
            continue
        src, conds = active[shown.kind]
        kind = shown.search
        if kind.owner:  # the hit is a part (an answer); the item is its owner
            part = t.metadata.tables[kind.table]
            owner_rows: Sequence[Any] = conn.execute(
                select(part.c.id, part.c[kind.owner_key]).where(part.c.id.in_(ids))
            ).all()
            owner = {int(a): int(r) for a, r in owner_rows}
            rows = conn.execute(src.base().where(src.id.in_(set(owner.values())), *conds))
            items = {int(row[0]): q.item(src.kind, row) for row in rows}
            for part_id, owner_id in owner.items():
                if owner_id in items:
                    passed[rid(kind, part_id)] = items[owner_id]
            continue
        for row in conn.execute(src.base().where(src.id.in_(ids), *conds)):
            passed[rid(kind, int(row[0]))] = q.item(src.kind, row)
    return passed
