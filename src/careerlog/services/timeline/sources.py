"""How each kind of timeline item is read from the store: its table, indexed time
column and filters, and the key comparisons that make paging an index range.

Split from :mod:`careerlog.services.timeline`, which merges the sources into pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)

from careerlog.domain.career.tracks import level_name
from careerlog.domain.model import ActivityKind
from careerlog.domain.records import replace
from careerlog.domain.text import normalise_tag, one_line
from careerlog.domain.timeline import KINDS, RANK, Key, TimelineFilter, TimelineItem, day_start
from careerlog.store import tables as t
from careerlog.store.search import BY_NAME, IndexedKind, parse
from careerlog.store.search.alchemy import text_matches
from careerlog.store.stamps import to_moment

_TITLE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Source:
    kind: str
    table: Table
    when: Column[Any]
    id: Column[Any]
    is_day: bool
    base: Callable[[], Select[Any]]
    """SELECT id, w, title, detail, starred with the kind's fixed conditions and an explicit
    FROM, so ``with_only_columns`` (counts, keys) keeps the same tables."""
    search: IndexedKind | None = None
    """The searchable kind whose text the items are found by, or None."""


def goal_event(status: str) -> Callable[[], Select[Any]]:
    def base() -> Select[Any]:
        g = t.goal
        return (
            select(g.c.id, g.c.closed_at.label("w"), g.c.title, g.c.why.label("detail"), false())
            .select_from(g)
            .where(g.c.status == status, g.c.closed_at.is_not(None))
        )

    return base


def sources() -> dict[str, Source]:
    e, a, g, m, r, f = t.entry, t.activity, t.goal, t.milestone, t.reflection, t.feedback
    tc, ts = t.track_choice, t.track_snapshot
    return {
        "entry": Source(
            "entry",
            e,
            e.c.written_at,
            e.c.id,
            False,
            lambda: select(
                e.c.id,
                e.c.written_at.label("w"),
                func.substr(e.c.text, 1, _TITLE_CHARS).label("title"),
                literal("").label("detail"),
                e.c.starred,
            ).select_from(e),
            BY_NAME["entry"],
        ),
        "activity": Source(
            "activity",
            a,
            a.c.day,
            a.c.id,
            True,
            lambda: select(a.c.id, a.c.day.label("w"), a.c.title, a.c.kind, false()).select_from(a),
            BY_NAME["activity"],
        ),
        "reflection": Source(
            "reflection",
            r,
            r.c.day,
            r.c.id,
            True,
            lambda: select(
                r.c.id, r.c.day.label("w"), r.c.set_key, literal(""), false()
            ).select_from(r),
            BY_NAME["reflection"],
        ),
        "track-change": Source(
            "track-change",
            tc,
            tc.c.chosen_at,
            tc.c.id,
            False,
            lambda: (
                select(tc.c.id, tc.c.chosen_at.label("w"), ts.c.name, tc.c.level_key, false())
                .select_from(tc)
                .join(ts, ts.c.id == tc.c.snapshot_id)
            ),
            BY_NAME["track-change"],
        ),
        "goal-created": Source(
            "goal-created",
            g,
            g.c.created_at,
            g.c.id,
            False,
            lambda: select(
                g.c.id, g.c.created_at.label("w"), g.c.title, g.c.why, false()
            ).select_from(g),
            BY_NAME["goal"],
        ),
        "goal-achieved": Source(
            "goal-achieved",
            g,
            g.c.closed_at,
            g.c.id,
            False,
            goal_event("achieved"),
            BY_NAME["goal"],
        ),
        "goal-dropped": Source(
            "goal-dropped",
            g,
            g.c.closed_at,
            g.c.id,
            False,
            goal_event("dropped"),
            BY_NAME["goal"],
        ),
        "feedback": Source(
            "feedback",
            f,
            f.c.given_at,
            f.c.id,
            False,
            lambda: select(
                f.c.id,
                f.c.given_at.label("w"),
                func.substr(f.c.text, 1, _TITLE_CHARS).label("title"),
                f.c.giver.label("detail"),
                false(),
            ).select_from(f),
            BY_NAME["feedback"],
        ),
        "milestone": Source(
            "milestone",
            m,
            m.c.done_at,
            m.c.id,
            False,
            lambda: (
                select(m.c.id, m.c.done_at.label("w"), m.c.title, g.c.title, false())
                .select_from(m)
                .join(g, g.c.id == m.c.goal_id)
                .where(m.c.done_at.is_not(None))
            ),
            BY_NAME["milestone"],
        ),
    }


SOURCES = sources()
HIT_SOURCE = {src.search.name: src for src in reversed(SOURCES.values()) if src.search is not None}
"""The source that shows a ranked search hit of each searchable kind: the first one in
:data:`SOURCES` order (a goal is shown as its goal-created item)."""


def active(flt: TimelineFilter) -> Iterator[tuple[Source, list[ColumnElement[bool]]]]:
    """The sources that can hold items passing ``flt``, each with its conditions."""
    for kind in KINDS:
        src = SOURCES[kind]
        conds = filters(src, flt)
        if conds is not None:
            yield src, conds


def filters(src: Source, flt: TimelineFilter) -> list[ColumnElement[bool]] | None:
    """The source's conditions for ``flt``, or None when no item of the kind can pass."""
    if flt.kinds and src.kind not in flt.kinds:
        return None
    kind = src.kind
    conds: list[ColumnElement[bool]] = []
    if flt.tags or flt.starred:
        if kind != "entry":
            return None
        if flt.starred:
            conds.append(t.entry.c.starred.is_(True))
        for tag in flt.tags:
            # EXISTS walks the time index and probes the link's primary key, so a page
            # of a common tag stops after LIMIT rows instead of sorting every match.
            tagged = exists().where(
                t.entry_tag.c.entry_id == t.entry.c.id, t.entry_tag.c.tag == normalise_tag(tag)
            )
            conds.append(tagged)
    goal_column = {
        "entry": None,
        "activity": t.activity.c.goal_id,
        "milestone": t.milestone.c.goal_id,
    }.get(kind, t.goal.c.id if kind.startswith("goal-") else None)

    def on_track(table: Any) -> list[Any]:
        return [table.c.track_key == flt.track] if flt.track is not None else []

    for key in flt.competencies:
        if kind == "entry":
            ec = t.entry_competency
            conds.append(
                exists().where(
                    ec.c.entry_id == t.entry.c.id, ec.c.competency_key == key, *on_track(ec)
                )
            )
        elif kind == "activity":
            ac = t.activity_competency
            linked = select(ac.c.activity_id).where(ac.c.competency_key == key, *on_track(ac))
            conds.append(t.activity.c.id.in_(linked))
        elif kind == "feedback":
            fc = t.feedback_competency
            linked = select(fc.c.feedback_id).where(fc.c.competency_key == key, *on_track(fc))
            conds.append(t.feedback.c.id.in_(linked))
        elif kind == "reflection":
            rated = select(t.rating.c.reflection_id).where(t.rating.c.competency_key == key)
            conds.append(t.reflection.c.id.in_(rated))
            conds += on_track(t.reflection)
        elif goal_column is not None:
            gc = t.goal_competency
            linked = select(gc.c.goal_id).where(gc.c.competency_key == key, *on_track(gc))
            conds.append(goal_column.in_(linked))
        else:
            return None
    if flt.goal_id is not None:
        if kind == "entry":
            linked = select(t.entry_goal.c.entry_id).where(t.entry_goal.c.goal_id == flt.goal_id)
            conds.append(t.entry.c.id.in_(linked))
        elif goal_column is not None:
            conds.append(goal_column == flt.goal_id)
        else:
            return None
    if flt.start:
        conds.append(src.when >= (flt.start if src.is_day else day_start(flt.start)))
    if flt.end:
        if src.is_day:
            conds.append(src.when <= flt.end)
        else:
            conds.append(src.when < day_start(flt.end + timedelta(days=1)))
    if flt.query.strip():
        if src.search is None:
            return None
        found, query = src.search, parse(flt.query)
        if found.owner:  # a part of the item matches (a reflection's answer)
            part = t.metadata.tables[found.table]
            matched = text_matches(part.c.id, found, query)
            conds.append(src.id.in_(select(part.c[found.owner_key]).where(matched)))
        else:
            conds.append(text_matches(src.id, found, query))
    return conds


def compare(src: Source, op: str, moment: datetime) -> ColumnElement[bool]:
    """``item.when <op> moment`` for the source's column; a day item's when is 00:00."""
    col = src.when
    if not src.is_day:
        return {"<": col < moment, "<=": col <= moment, ">": col > moment, ">=": col >= moment,
                "=": col == moment}[op]  # fmt: skip
    day, midnight = moment.date(), moment.time() == datetime.min.time()
    if op == "<":
        return col < day if midnight else col <= day
    if op == "<=":
        return col <= day
    if op == ">":
        return col > day
    if op == ">=":
        return col >= day if midnight else col > day
    return col == day if midnight else false()


def past(src: Source, key: Key, older: bool) -> ColumnElement[bool]:
    """Items strictly after ``key`` in the direction of travel (older or newer)."""
    moment, rank, ident = key
    mine = RANK[src.kind]
    strict, loose = ("<", "<=") if older else (">", ">=")
    if mine == rank:
        same = src.id < ident if older else src.id > ident
        # The loose bound alone is an index range; the OR only filters inside it.
        return and_(compare(src, loose, moment), or_(compare(src, strict, moment), same))
    beyond = mine < rank if older else mine > rank
    return compare(src, loose if beyond else strict, moment)


def past_parts(src: Source, key: Key, older: bool) -> list[ColumnElement[bool]]:
    """:func:`past` as disjoint conditions, each a plain index range, for counting: an
    OR evaluated on every row of a long range costs three times the range itself."""
    moment, rank, ident = key
    if RANK[src.kind] != rank:
        return [past(src, key, older)]
    strict = "<" if older else ">"
    same = src.id < ident if older else src.id > ident
    return [compare(src, strict, moment), and_(compare(src, "=", moment), same)]


def item(kind: str, row: Any) -> TimelineItem:
    title, detail = one_line(str(row[2] or ""), 200), one_line(str(row[3] or ""), 200)
    if kind == "reflection":
        title, detail = f"Reflection: {_set_name(title)}", ""
    elif kind == "activity":
        detail = ActivityKind.label_of(detail)
    elif kind == "track-change":
        title = f"Track: {title}"  # the level's name comes in :func:`finished`
    elif kind == "milestone":
        detail = f"goal: {detail}"
    return TimelineItem(kind, int(row[0]), to_moment(row[1]), title, detail, bool(row[4]))


@functools.cache
def _set_names() -> dict[str, str]:
    from careerlog.services.reflections import load_prompt_catalogue

    return {prompt_set.key: prompt_set.name for prompt_set in load_prompt_catalogue().sets}


def _set_name(key: str) -> str:
    """A prompt set's name ("Weekly check-in"), or its key if no set has it any more."""
    return _set_names().get(key, key)


def finished(conn: Connection, items: Sequence[TimelineItem]) -> list[TimelineItem]:
    """``items`` with each entry's tags filled in, and each track change naming its
    level as the track version chosen names it (never its key)."""
    return _with_tags(conn, _level_names(conn, items))


def _level_names(conn: Connection, items: Sequence[TimelineItem]) -> list[TimelineItem]:
    ids = [item.id for item in items if item.kind == "track-change"]
    if not ids:
        return list(items)
    tc, ts = t.track_choice.c, t.track_snapshot.c
    names = {
        int(row[0]): level_name(row[2], row[1])
        for row in conn.execute(
            select(tc.id, tc.level_key, ts.definition)
            .join(t.track_snapshot, ts.id == tc.snapshot_id)
            .where(tc.id.in_(ids))
        )
    }
    return [
        replace(item, detail=names[item.id]) if item.id in names and
        item.kind == "track-change" else item
        for item in items
    ]  # fmt: skip


def _with_tags(conn: Connection, items: Sequence[TimelineItem]) -> list[TimelineItem]:
    """``items`` with each entry's tags filled in (one query)."""
    ids = [item.id for item in items if item.kind == "entry"]
    if not ids:
        return list(items)
    tags: dict[int, list[str]] = {}
    rows: Sequence[Any] = conn.execute(
        select(t.entry_tag.c.entry_id, t.entry_tag.c.tag)
        .where(t.entry_tag.c.entry_id.in_(ids))
        .order_by(t.entry_tag.c.entry_id, t.entry_tag.c.tag)
    ).all()
    for entry_id, tag in rows:
        tags.setdefault(int(entry_id), []).append(str(tag))
    return [
        replace(item, tags=tuple(tags.get(item.id, ()))) if item.kind == "entry" else item
        for item in items
    ]
