"""The newest entries, one SQL text on either transport.

``careerlog show`` and the TUI's Today list read the newest page through here: through
the store's SQLAlchemy connection, or, for an up-to-date SQLite file given as a
:class:`~pathlib.Path`, through the standard library alone. The TUI reads its first
page that way while SQLAlchemy (~0.3 s) is still loading, so today's entries are on
screen right after the first frame. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.domain.model import Entry
from careerlog.services.career.names import links_from, names_from
from careerlog.store.snapshot import Query, grouped, reading
from careerlog.store.stamps import moment_text, to_moment

if TYPE_CHECKING:
    from careerlog.store.db import Store

LINKS = (
    ("entry_tag", "tag"),
    ("entry_goal", "goal_id"),
)


def quick_source(location: str | None) -> Path | None:
    """The store's path when it is an up-to-date SQLite file the standard library can
    read now (``None``: wait for the full store; a URL, a new or an older file)."""
    from careerlog.store.files.sqlite_file import readable_file, resolve_location

    return readable_file(resolve_location(location))


def recent_entries(
    source: Store | Path, limit: int = 20, before: datetime | None = None
) -> list[Entry]:
    """Newest first; ``before`` pages further back (an index range, never a full scan)."""
    where = f"WHERE written_at < '{moment_text(before)}'" if before is not None else ""
    with reading(source) as q:
        rows = q(
            f"SELECT id, written_at, text, starred, updated_at FROM entry {where} "
            f"ORDER BY written_at DESC, id DESC LIMIT {int(limit)}"
        )
        return _entries(q, rows)


def _entries(q: Query, rows: Sequence[Sequence[Any]]) -> list[Entry]:
    if not rows:
        return []
    ids = ", ".join(str(int(row[0])) for row in rows)
    links = [
        # Ordered: without it PostgreSQL hands links back in the order they were written
        # and SQLite in key order, and the two backends would show tags differently.
        grouped(
            q(
                f"SELECT entry_id, {column} FROM {table} WHERE entry_id IN ({ids}) "
                f"ORDER BY entry_id, {column}"
            )
        )
        for table, column in LINKS
    ]
    tags, goals = links
    where = f"WHERE e.id IN ({ids})"
    competencies = links_from(q, "entry_competency", "entry_id", "entry e", where, names_from(q))
    return [
        Entry(
            int(entry_id),
            to_moment(written_at),
            text,
            bool(starred),
            tuple(tags.get(entry_id, ())),
            tuple(goals.get(entry_id, ())),
            tuple(competencies.get(entry_id, ())),
            to_moment(updated_at),
        )
        for entry_id, written_at, text, starred, updated_at in rows
    ]
