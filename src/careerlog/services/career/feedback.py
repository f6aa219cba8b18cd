"""Feedback: what someone else said about the person's work (a manager, a peer, a
client), kept with who said it, when, and the competencies it speaks to. It counts as
evidence for those competencies, beside entries, activities and goals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select

from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Feedback
from careerlog.services.career.links import Wanted, read_links, write_links
from careerlog.services.tracks import choice_on
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import Store, statements

MAX_TEXT_CHARS = 100_000
MAX_NAME_CHARS = 200


def _name(value: str, what: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_NAME_CHARS:
        raise CareerlogError(f"{what} is longer than {MAX_NAME_CHARS} characters")
    return value


def add_feedback(
    store: Store,
    text: str,
    *,
    giver: str,
    role: str = "",
    given_at: datetime | None = None,
    competencies: Sequence[Wanted] = (),
) -> Feedback:
    """Keep one piece of feedback; ``competencies`` are keys of the chosen track (checked)."""
    text = text.strip()
    if not text:
        raise CareerlogError("the feedback is empty: say what was said; nothing was written")
    if len(text) > MAX_TEXT_CHARS:
        raise CareerlogError("the feedback is too long; nothing was written")
    giver = _name(giver, "the name of who gave it")
    if not giver:
        raise CareerlogError("say who gave the feedback (--from WHO); nothing was written")
    role = _name(role, "the role")
    now = datetime.now().replace(microsecond=0)
    when = given_at or now
    with store.write() as conn:
        row = writers.feedback_row(giver, text, when, now, role)
        feedback_id = writers.insert_feedback(statements(conn), row)
        links = write_links(conn, "feedback", feedback_id, competencies, choice_on(conn))
    return Feedback(feedback_id, when, giver, role, text, now, tuple(sorted(links)))


def list_feedback(store: Store, limit: int | None = None) -> list[Feedback]:
    """Newest first, each with its competency links."""
    f = t.feedback.c
    query = select(t.feedback).order_by(f.given_at.desc(), f.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.read() as conn:
        rows = conn.execute(query).all()
        links = read_links(conn, "feedback", [row.id for row in rows])
    return [
        Feedback(
            row.id,
            row.given_at,
            row.giver,
            row.role,
            row.text,
            row.created_at,
            links.get(row.id, ()),
        )
        for row in rows
    ]


def delete_feedback(store: Store, feedback_id: int) -> None:
    with store.write() as conn:
        if conn.execute(delete(t.feedback).where(t.feedback.c.id == feedback_id)).rowcount == 0:
            raise NotFoundError(f"no feedback with id {feedback_id}")
