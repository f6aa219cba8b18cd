"""The review timeline: every kind of record in one stream, newest first, read from
SQLite a page at a time.

Each kind is a *source* (a table, its indexed time column, its filters). A page asks
every source for at most ``limit + 1`` rows past the cursor — an index range plus
LIMIT — and merges them by :attr:`TimelineItem.key`, so opening the timeline or
jumping to a date costs the same at 100 rows as at 100,000. Paging by key (never by
OFFSET) keeps pages stable: no repeats, no gaps, ties broken by (rank, id).
"""

from __future__ import annotations

import heapq
import operator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    func,
    literal,
    select,
    type_coerce,
    union_all,
)

from careerlog.domain.records import replace
from careerlog.domain.timeline import RANK, Key, TimelineFilter, TimelineItem, day_start
from careerlog.services.timeline import sources as q
from careerlog.store import tables as t
from careerlog.store.db import Store
from careerlog.store.dialects import iso_day
from careerlog.store.search import IndexedKind, parse, rid
from careerlog.store.search import alchemy as index
from careerlog.store.stamps import to_day, to_moment

PAGE = 60


@dataclass(frozen=True, slots=True)
class Page:
    items: tuple[TimelineItem, ...]
    older: bool
    """More items exist after the last one (further back in time)."""
    newer: bool
    """More items exist before the first one."""
    offset: int | None = None
    """How many items come before the first one in the whole stream, when known."""


def _fetch(
    conn: Connection, flt: TimelineFilter, cursor: Key | None, older: bool, limit: int
) -> list[TimelineItem]:
    """Up to ``limit`` items past ``cursor`` (from the newest/oldest end when None),
    in timeline order (newest first)."""
    streams: list[list[tuple[Key, str, Any]]] = []
    for src, conds in q.active(flt):
        query = src.base().where(*conds)
        if cursor is not None:
            query = query.where(q.past(src, cursor, older))
        order = (src.when.desc(), src.id.desc()) if older else (src.when.asc(), src.id.asc())
        rows = conn.execute(query.order_by(*order).limit(limit)).all()
        rank = RANK[src.kind]
        streams.append([((to_moment(row[1]), rank, row[0]), src.kind, row) for row in rows])
    # Merge on keys; only the rows that make the page become items.
    merged = heapq.merge(*streams, key=lambda entry: entry[0], reverse=older)
    found = [q.item(kind, row) for _, (_, kind, row) in zip(range(limit), merged, strict=False)]
    return found if older else found[::-1]


def _count(
    conn: Connection, flt: TimelineFilter, beyond: Key | None = None, *, older: bool = False
) -> int:
    """Items passing ``flt`` (only those newer — or ``older`` — than ``beyond`` when given)."""
    counts = []
    for src, conds in q.active(flt):
        # Counting the source's own columns only lets SQLite answer from the time index.
        query = src.base().with_only_columns(func.count()).where(*conds)
        if beyond is None:
            counts.append(query.scalar_subquery())
            continue
        for part in q.past_parts(src, beyond, older=older):
            counts.append(query.where(part).scalar_subquery())
    if not counts:
        return 0
    # One statement for every source: a round trip per source costs more than counting.
    return int(conn.scalar(select(reduce(operator.add, counts))) or 0)


def _snippets(
    conn: Connection, flt: TimelineFilter, items: list[TimelineItem]
) -> list[TimelineItem]:
    """``items`` with the snippet of their matching text (a reflection's from the first
    of its answers that matches)."""
    if not flt.query.strip() or not items:
        return items
    query = parse(flt.query)
    own: dict[int, TimelineItem] = {}
    owners: dict[str, tuple[IndexedKind, list[int]]] = {}
    for item in items:
        kind = q.SOURCES[item.kind].search
        if kind is not None and kind.owner:
            owners.setdefault(item.kind, (kind, []))[1].append(item.id)
        elif kind is not None:
            own[rid(kind, item.id)] = item
    found: dict[tuple[str, int], str] = {}
    for rowid, snippet in index.snippet_map(conn, query, own).items():
        found[(own[rowid].kind, own[rowid].id)] = snippet
    for item_kind, (kind, ids) in owners.items():
        for owner_id, snippet in index.owner_snippets(conn, kind, query, ids).items():
            found[(item_kind, owner_id)] = snippet
    return [replace(item, snippet=found.get((item.kind, item.id), "")) for item in items]


def _finish(
    conn: Connection, flt: TimelineFilter, items: list[TimelineItem]
) -> tuple[TimelineItem, ...]:
    return tuple(_snippets(conn, flt, q.finished(conn, items)))


def page(
    store: Store,
    flt: TimelineFilter | None = None,
    *,
    before: Key | None = None,
    after: Key | None = None,
    limit: int = PAGE,
) -> Page:
    """One page, newest first: the newest items (no cursor), those older than ``before``,
    or those just newer than ``after``."""
    flt = flt or TimelineFilter()
    if before is not None and after is not None:
        raise ValueError("page() takes before or after, not both")
    older = after is None
    with store.read() as conn:
        found = _fetch(conn, flt, after if after is not None else before, older, limit + 1)
        if older:
            items, more = found[:limit], len(found) > limit
            return Page(_finish(conn, flt, items), older=more, newer=before is not None)
        items, more = found[-limit:], len(found) > limit
        return Page(_finish(conn, flt, items), older=True, newer=more)


def open_view(
    store: Store, flt: TimelineFilter | None = None, *, limit: int = PAGE
) -> tuple[int, Page]:
    """What opening the timeline reads: how many items pass ``flt`` (the view's height)
    and the newest page, in one read transaction. The benchmark times this."""
    flt = flt or TimelineFilter()
    with store.read() as conn:
        total = _count(conn, flt)
        found = _fetch(conn, flt, None, True, limit + 1)
        page = Page(_finish(conn, flt, found[:limit]), len(found) > limit, False, 0)
    return total, page


def jump(
    store: Store,
    flt: TimelineFilter | None,
    day: date,
    *,
    limit: int = PAGE,
    total: int | None = None,
) -> Page:
    """The page starting at the newest item on or before ``day``, with its offset in the
    stream, so a view can put it in place.

    The offset is a count over an index range. Given ``total`` (the view knows it), the
    shorter side is counted: the items newer than the page, or those older (subtracted
    from the total), chosen by where ``day`` falls between the newest and oldest item.
    """
    flt = flt or TimelineFilter()
    cursor: Key = (day_start(day + timedelta(days=1)), -1, 0)
    with store.read() as conn:
        found = _fetch(conn, flt, cursor, True, limit + 1)
        if not found:  # nothing that old: show the oldest page instead
            found = _fetch(conn, flt, None, False, limit)
            offset = max((total if total is not None else _count(conn, flt)) - len(found), 0)
            return Page(_finish(conn, flt, found), False, offset > 0, offset)
        first = found[0]
        if total is not None and _in_older_half(conn, flt, first):
            offset = total - _count(conn, flt, first.key, older=True) - 1
        else:
            offset = _count(conn, flt, beyond=first.key)
        items = found[:limit]
        return Page(_finish(conn, flt, items), len(found) > limit, offset > 0, offset)


def _in_older_half(conn: Connection, flt: TimelineFilter, item: TimelineItem) -> bool:
    """Whether ``item`` is nearer the oldest item than the newest (one statement)."""
    ends = []
    for src, conds in q.active(flt):
        for bound in (func.max, func.min):
            ends.append(
                src.base().with_only_columns(bound(src.when)).where(*conds).scalar_subquery()
            )
    if not ends:
        return False
    row = conn.execute(select(*ends)).first()
    moments = [to_moment(value) for value in (row or ()) if value is not None]
    if not moments:
        return False
    return (max(moments) - item.when) > (item.when - min(moments))


def page_at(store: Store, flt: TimelineFilter | None, offset: int, *, limit: int = PAGE) -> Page:
    """The page starting ``offset`` items from the newest, for a far scrollbar jump.
    Costs a walk over ``offset`` entries of the time index (in SQLite, not Python)."""
    flt = flt or TimelineFilter()
    with store.read() as conn:
        key = _key_at(conn, flt, offset)
        if key is None:
            return Page((), older=False, newer=offset > 0, offset=offset)
        # Strictly older than (when, rank, id + 1) starts at the item holding ``key``.
        found = _fetch(conn, flt, (key[0], key[1], key[2] + 1), True, limit + 1)
        items = found[:limit]
        return Page(_finish(conn, flt, items), len(found) > limit, offset > 0, offset)


def _key_at(conn: Connection, flt: TimelineFilter, offset: int) -> Key | None:
    """The key of the item ``offset`` places from the newest.

    Entries are nearly every item, so the search starts from the entry at ``offset``
    (an OFFSET walk over the entry time index, in C) and corrects for the few other
    items newer than it: entry *i* sits at place *i* + (other items newer than it).
    Stepping *i* back by the excess never passes the target; the items left between
    are fetched by key. Without entries in the filter, one ordered UNION ALL does it.
    """
    active = dict((src.kind, (src, conds)) for src, conds in q.active(flt))
    if "entry" not in active:
        return _key_at_union(conn, flt, offset)
    src, conds = active.pop("entry")

    def entry_key(index: int) -> Key | None:
        row = conn.execute(
            src.base()
            .with_only_columns(src.when, src.id)
            .where(*conds)
            .order_by(src.when.desc(), src.id.desc())
            .limit(1)
            .offset(index),
        ).first()
        return None if row is None else (to_moment(row[0]), RANK["entry"], int(row[1]))

    def others_newer(key: Key) -> int:
        counts = [
            other.base().with_only_columns(func.count()).where(*where, part).scalar_subquery()
            for other, where in active.values()
            for part in q.past_parts(other, key, older=False)
        ]
        return int(conn.scalar(select(reduce(operator.add, counts))) or 0) if counts else 0

    index = offset
    key = entry_key(index)
    if key is None:  # fewer entries than ``offset``: start from the oldest entry
        entries = int(conn.scalar(src.base().with_only_columns(func.count()).where(*conds)) or 0)
        index = entries - 1
        key = entry_key(index) if index >= 0 else None
    place = 0
    while key is not None:
        place = index + others_newer(key)
        if place <= offset:
            break
        index -= place - offset
        key = entry_key(index) if index >= 0 else None
    if key is None:  # the target comes before the first entry: walk from the top
        found = _fetch(conn, flt, None, True, offset + 1)
        return found[offset].key if len(found) > offset else None
    if place == offset:
        return key
    found = _fetch(conn, flt, key, True, offset - place)
    return found[-1].key if len(found) == offset - place else None


def _key_at_union(conn: Connection, flt: TimelineFilter, offset: int) -> Key | None:
    """:func:`_key_at` by one ordered UNION ALL, which SQLite merges from each source's
    index instead of sorting (a walk over ``offset`` rows)."""
    arms = [
        src.base()
        .with_only_columns(
            type_coerce(src.when, String).label("w"),
            literal(RANK[src.kind]).label("r"),
            src.id.label("i"),
        )
        .where(*conds)
        for src, conds in q.active(flt)
    ]
    if not arms:
        return None
    union = union_all(*arms).subquery()
    row = conn.execute(
        select(union.c.w, union.c.r, union.c.i)
        .order_by(union.c.w.desc(), union.c.r.desc(), union.c.i.desc())
        .limit(1)
        .offset(offset),
    ).first()
    return None if row is None else (to_moment(row[0]), int(row[1]), int(row[2]))


def count(store: Store, flt: TimelineFilter | None = None) -> int:
    with store.read() as conn:
        return _count(conn, flt or TimelineFilter())


def day_counts(store: Store, start: date, end: date) -> dict[date, int]:
    """Items per day between ``start`` and ``end`` (inclusive), for the heatmap."""
    flt = TimelineFilter(start=start, end=end)
    counts: dict[date, int] = {}
    with store.read() as conn:
        for src, conds in q.active(flt):
            day = iso_day(src.when)  # substr on SQLite, to_char on PostgreSQL
            grouped = src.base().with_only_columns(day, func.count()).where(*conds).group_by(day)
            for value, number in conn.execute(grouped).all():
                key = to_day(value)
                counts[key] = counts.get(key, 0) + int(str(number))
    return counts


def on_this_day(
    store: Store, day: date, *, per_year: int = 20
) -> list[tuple[int, tuple[TimelineItem, ...]]]:
    """Items from the same calendar day in earlier years, newest year first; years
    without any are left out. Feb 29 is matched as documented in
    :func:`careerlog.domain.streaks.on_this_day`."""
    from careerlog.domain.streaks import on_this_day as matching_days

    with store.read() as conn:
        firsts = [
            conn.scalar(select(func.min(column)))
            for column in (t.entry.c.written_at, t.activity.c.day, t.goal.c.created_at)
        ]
    known = [to_moment(value).year for value in firsts if value is not None]
    if not known:
        return []
    found: list[tuple[int, tuple[TimelineItem, ...]]] = []
    for year, days in matching_days(day, min(known)):
        items: list[TimelineItem] = []
        for match in days:
            items.extend(page(store, TimelineFilter(start=match, end=match), limit=per_year).items)
        if items:
            found.append((year, tuple(sorted(items, key=lambda i: i.key, reverse=True))))
    return found


def best_matches(store: Store, flt: TimelineFilter, *, limit: int = 20) -> tuple[TimelineItem, ...]:
    """Search hits by relevance instead of date; see
    :func:`careerlog.services.timeline.ranked.best_matches`."""
    from careerlog.services.timeline.ranked import best_matches as ranked

    return ranked(store, flt, limit=limit)
