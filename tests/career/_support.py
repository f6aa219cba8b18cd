"""Helpers for the career-model tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from careerlog.store import tables as t
from careerlog.store.db import Store


def dated(store: Store, choice_id: int, when: datetime) -> None:
    """Move a track choice to ``when``, as if it had been made then."""
    with store.write() as conn:
        conn.execute(
            update(t.track_choice).where(t.track_choice.c.id == choice_id).values(chosen_at=when)
        )
