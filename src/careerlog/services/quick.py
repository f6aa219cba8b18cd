"""``careerlog add`` without loading SQLAlchemy when the store allows it.

The rules (non-empty text, inline and given tags) are the same as
:func:`careerlog.services.journal.add_entry`; only the writing differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from careerlog.domain.text import check_entry_text, merge_tags
from careerlog.store import fastpath
from careerlog.store.files.sqlite_file import is_url, resolve_location


def quick_add(
    db: str | None,
    text: str,
    *,
    when: datetime | None = None,
    tags: Sequence[str] = (),
    starred: bool = False,
    competencies: Sequence[str] = (),
    goal_ids: Sequence[int] = (),
) -> int:
    """Store one entry and return its id, by the fastest safe route.

    An entry linked to competencies or goals takes the full path: the links are checked
    against the chosen track and the goals there, by the one writer of links."""
    text = check_entry_text(text)
    all_tags = merge_tags(text, tags)
    now = datetime.now().replace(microsecond=0)
    location = resolve_location(db)
    if not is_url(location) and not competencies and not goal_ids:
        new_id = fastpath.add_entry(
            Path(location).expanduser(), text, when or now, now, starred, all_tags
        )
        if new_id is not None:
            return new_id
    from careerlog.services.journal import add_entry  # the full path: SQLAlchemy, migrations
    from careerlog.store.db import open_store

    store = open_store(db)
    try:
        return add_entry(
            store,
            text,
            when=when,
            tags=all_tags,
            starred=starred,
            goal_ids=goal_ids,
            competencies=competencies,
        ).id
    finally:
        store.close()
