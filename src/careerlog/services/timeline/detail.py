"""The whole of one timeline item, for the panel that opens it in place.

Pages carry only a one-line title; the full text, links and answers are read here,
for one item at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from careerlog.domain.errors import NotFoundError
from careerlog.domain.timeline import TimelineItem
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
        comps = _values(
            conn,
            select(t.entry_competency.c.competency_key).where(
                t.entry_competency.c.entry_id == ident
            ),
        )
        facts = [("tags", " ".join(f"@{tag}" for tag in tags))] if tags else []
        facts += [("goal", title) for title in goals]
        facts += [("competencies", ", ".join(comps))] if comps else []
        facts += [("starred", "yes")] if row.starred else []
        return ItemDetail(item, f"Entry #{ident}", str(row.text), tuple(facts))
    if kind == "activity":
        a = t.activity
        row = _one(conn, select(a).where(a.c.id == ident), "the activity")
        comps = _values(
            conn,
            select(t.activity_competency.c.competency_key).where(
                t.activity_competency.c.activity_id == ident
            ),
        )
        facts = [("kind", str(row.kind)), ("minutes", str(row.minutes))]
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
            select(t.rating.c.competency_key, t.rating.c.value).where(
                t.rating.c.reflection_id == ident
            )
        ).all()
        facts = [("set", str(row.set_key))]
        facts += [("rated", ", ".join(f"{k} {v}" for k, v in ratings))] if ratings else []
        facts += [("stance", f"{row.stance} / 100")] if row.stance is not None else []
        return ItemDetail(item, f"Reflection: {row.set_key}", body, tuple(facts))
    if kind == "track-change":
        tc, ts = t.track_choice, t.track_snapshot
        row = _one(
            conn,
            select(ts.c.name, tc.c.level_key, tc.c.reason)
            .join(ts, ts.c.id == tc.c.snapshot_id)
            .where(tc.c.id == ident),
            "the track choice",
        )
        return ItemDetail(
            item, f"Track: {row.name}", str(row.reason), (("level", str(row.level_key)),)
        )
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
