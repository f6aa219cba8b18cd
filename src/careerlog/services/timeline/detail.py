"""The whole of one timeline item, for the panel that opens it in place.

Pages carry only a one-line title; the full text, links and answers are read here,
for one item at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from careerlog.domain.career.tracks import level_name
from careerlog.domain.errors import NotFoundError
from careerlog.domain.text import duration
from careerlog.domain.timeline import TimelineItem
from careerlog.services.career.links import read_links, track_names
from careerlog.services.tracks import choice_on
from careerlog.store import tables as t
from careerlog.store.db import Store


@dataclass(frozen=True, slots=True)
class ItemDetail:
    item: TimelineItem
    heading: str
    body: str
    """Free text as written (Markdown for entries); shown literally."""
    facts: tuple[tuple[str, str], ...] = ()
    """(label, value) lines: tags, goal, minutes, status…"""


def _one(conn: Connection, query: Any, what: str) -> Any:
    row = conn.execute(query).first()
    if row is None:
        raise NotFoundError(f"{what} is gone (deleted since the timeline was read)")
    return row


def _values(conn: Connection, query: Any) -> list[str]:
    return [str(value) for value in conn.scalars(query).all()]


def _link_names(conn: Connection, kind: str, ident: int) -> list[str]:
    """A record's competencies, as the track each was linked on names them."""
    links = read_links(conn, kind, [ident]).get(ident, ())
    current = choice_on(conn)
    return [link.label(current.track.key if current else None) for link in links]


def _key_of(definition: str) -> str:
    try:
        return str(json.loads(definition)["key"])
    except (ValueError, KeyError, TypeError):
        return ""


def item_detail(store: Store, item: TimelineItem) -> ItemDetail:
    with store.read() as conn:
        return _detail(conn, item)


def _detail(conn: Connection, item: TimelineItem) -> ItemDetail:
    kind, ident = item.kind, item.id
    if kind == "entry":
        e = t.entry
        row = _one(conn, select(e.c.text, e.c.starred).where(e.c.id == ident), "the entry")
        tags = _values(conn, select(t.entry_tag.c.tag).where(t.entry_tag.c.entry_id == ident))
        goals = _values(
            conn,
            select(t.goal.c.title)
            .join(t.entry_goal, t.entry_goal.c.goal_id == t.goal.c.id)
            .where(t.entry_goal.c.entry_id == ident),
        )
        comps = _link_names(conn, "entry", ident)
        facts = [("tags", " ".join(f"@{tag}" for tag in tags))] if tags else []
        facts += [("goal", title) for title in goals]
        facts += [("competencies", ", ".join(comps))] if comps else []
        facts += [("starred", "yes")] if row.starred else []
        return ItemDetail(item, f"Entry #{ident}", str(row.text), tuple(facts))
    if kind == "activity":
        a = t.activity
        row = _one(conn, select(a).where(a.c.id == ident), "the activity")
        comps = _link_names(conn, "activity", ident)
        facts = [("kind", str(row.kind)), ("time", duration(int(row.minutes)))]
        facts += [("competencies", ", ".join(comps))] if comps else []
        facts += [("link", str(row.link))] if row.link else []
        return ItemDetail(item, str(row.title), str(row.notes), tuple(facts))
    if kind == "reflection":
        r, ans = t.reflection, t.reflection_answer
        row = _one(conn, select(r).where(r.c.id == ident), "the reflection")
        answers = conn.execute(
            select(ans.c.prompt_text, ans.c.answer)
            .where(ans.c.reflection_id == ident)
            .order_by(ans.c.id)
        ).all()
        body = "\n\n".join(f"{prompt}\n{answer}" for prompt, answer in answers)
        ratings = conn.execute(
            select(t.rating.c.competency_key, t.rating.c.value, t.rating.c.rater)
            .where(t.rating.c.reflection_id == ident)
            .order_by(t.rating.c.rater.desc(), t.rating.c.competency_key)
        ).all()
        names = track_names(conn)

        def rated(key: str, value: int, rater: str) -> str:
            name = names.link(row.track_key or "", key, row.snapshot_id).label(row.track_key)
            return f"{name} {value}" + (" (manager)" if rater == "manager" else "")

        facts = [("set", str(row.set_key))]
        if row.track_key:
            facts.append(("track", names.track_name(row.track_key, row.snapshot_id)))
        shown = [rated(str(r[0]), int(r[1]), str(r[2])) for r in ratings]
        facts += [("rated", ", ".join(shown))] if shown else []
        facts += [("stance", f"{row.stance} / 100")] if row.stance is not None else []
        return ItemDetail(item, f"Reflection: {row.set_key}", body, tuple(facts))
    if kind == "track-change":
        tc, ts = t.track_choice, t.track_snapshot
        row = _one(
            conn,
            select(ts.c.name, tc.c.level_key, tc.c.reason, ts.c.definition)
            .join(ts, ts.c.id == tc.c.snapshot_id)
            .where(tc.c.id == ident),
            "the track choice",
        )
        carried = conn.execute(
            select(t.carried_rating.c.competency_key, t.carried_rating.c.value)
            .where(t.carried_rating.c.choice_id == ident)
            .order_by(t.carried_rating.c.id)
        ).all()
        facts = [("level", level_name(row.definition, row.level_key))]
        if carried:
            names = track_names(conn)
            track_key = _key_of(row.definition)
            carried_names = [f"{names.link(track_key, str(k)).label()} {v}" for k, v in carried]
            facts.append(("carried over", ", ".join(carried_names)))
        return ItemDetail(item, f"Track: {row.name}", str(row.reason), tuple(facts))
    if kind == "feedback":
        f = t.feedback
        row = _one(conn, select(f).where(f.c.id == ident), "the feedback")
        comps = _link_names(conn, "feedback", ident)
        who = f"{row.giver} ({row.role})" if row.role else str(row.giver)
        facts = [("from", who)]
        facts += [("competencies", ", ".join(comps))] if comps else []
        return ItemDetail(item, f"Feedback from {who}", str(row.text), tuple(facts))
    if kind == "milestone":
        m, g = t.milestone, t.goal
        row = _one(
            conn,
            select(m.c.title, g.c.title.label("goal")).join(g, g.c.id == m.c.goal_id)
            .where(m.c.id == ident),
            "the milestone",
        )  # fmt: skip
        return ItemDetail(item, f"Milestone: {row.title}", "", (("goal", str(row.goal)),))
    g = t.goal
    row = _one(conn, select(g).where(g.c.id == ident), "the goal")
    milestones = conn.execute(
        select(t.milestone.c.title, t.milestone.c.done_at)
        .where(t.milestone.c.goal_id == ident)
        .order_by(t.milestone.c.position)
    ).all()
    facts = [("status", str(row.status))]
    facts += [("due", row.due.isoformat())] if row.due else []
    facts += [("milestone", f"{'[x]' if done else '[ ]'} {title}") for title, done in milestones]
    return ItemDetail(item, f"Goal: {row.title}", str(row.why), tuple(facts))
