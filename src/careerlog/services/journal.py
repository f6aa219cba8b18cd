"""Journal entries: add, read, edit, delete. Core SQL only (no ORM import), because
``careerlog add`` runs this on every call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, delete, select, update

from careerlog.domain.errors import ConflictError, NotFoundError
from careerlog.domain.model import CompetencyLink, Entry
from careerlog.domain.text import check_entry_text, merge_tags
from careerlog.services import recent
from careerlog.services.career.links import Wanted, read_links, write_links
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import Store, statements


def _write_links(
    conn: Connection,
    entry_id: int,
    tags: Sequence[str],
    goal_ids: Sequence[int],
    competencies: Sequence[Wanted],
    *,
    replace: bool = False,
) -> tuple[CompetencyLink, ...]:
    if goal_ids:
        found: set[int] = set(conn.scalars(select(t.goal.c.id).where(t.goal.c.id.in_(goal_ids))))
        missing = sorted(set(goal_ids) - found)
        if missing:
            raise NotFoundError(f"no goal with id {missing[0]}")
    writers.link_entry(statements(conn), entry_id, tags, goal_ids)
    if not competencies and not replace:
        return ()
    from careerlog.services.tracks import choice_on

    return tuple(
        write_links(conn, "entry", entry_id, competencies, choice_on(conn), replace=replace)
    )


def add_entry(
    store: Store,
    text: str,
    *,
    when: datetime | None = None,
    tags: Iterable[str] = (),
    starred: bool = False,
    goal_ids: Sequence[int] = (),
    competencies: Sequence[Wanted] = (),
    source_key: str | None = None,
) -> Entry:
    """Store one entry in one transaction; inline ``@tags`` are picked up from the text.

    ``competencies``: keys of the chosen track's competencies (checked), or links kept
    as they are (see :mod:`careerlog.services.career.links`)."""
    text = check_entry_text(text)
    all_tags = merge_tags(text, tags)
    now = datetime.now().replace(microsecond=0)
    written_at = when or now
    with store.write() as conn:
        row = writers.entry_row(text, written_at, now, starred=starred, source_key=source_key)
        entry_id = writers.insert_entry(statements(conn), row)
        links = _write_links(conn, entry_id, all_tags, goal_ids, competencies)
    return Entry(
        entry_id,
        written_at,
        text,
        starred,
        tuple(all_tags),
        tuple(dict.fromkeys(goal_ids)),
        links,
        now,
    )


def _load(conn: Connection, rows: Sequence[Row[Any]]) -> list[Entry]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    tags = _grouped(conn, t.entry_tag.c.tag, ids)
    goals = _grouped(conn, t.entry_goal.c.goal_id, ids)
    comps = read_links(conn, "entry", ids)
    return [
        Entry(
            row.id,
            row.written_at,
            row.text,
            bool(row.starred),
            tuple(tags.get(row.id, ())),
            tuple(goals.get(row.id, ())),
            tuple(comps.get(row.id, ())),
            row.updated_at,
        )
        for row in rows
    ]


def _grouped(conn: Connection, column: Any, ids: Sequence[int]) -> dict[int, list[Any]]:
    """Values of one link table's ``column`` for each entry id."""
    owner = column.table.c.entry_id
    grouped: dict[int, list[Any]] = {}
    for row in conn.execute(select(owner, column).where(owner.in_(ids)).order_by(owner, column)):
        grouped.setdefault(row[0], []).append(row[1])
    return grouped


_COLUMNS = (
    t.entry.c.id,
    t.entry.c.written_at,
    t.entry.c.text,
    t.entry.c.starred,
    t.entry.c.updated_at,
)


def get_entry(store: Store, entry_id: int) -> Entry:
    with store.read() as conn:
        row = conn.execute(select(*_COLUMNS).where(t.entry.c.id == entry_id)).first()
        if row is None:
            raise NotFoundError(f"no entry with id {entry_id}")
        return _load(conn, [row])[0]


def recent_entries(store: Store, limit: int = 20, before: datetime | None = None) -> list[Entry]:
    """Newest first; ``before`` pages further back (see :mod:`careerlog.services.recent`,
    which the TUI also calls on an SQLite file before SQLAlchemy has loaded)."""
    return recent.recent_entries(store, limit, before)


def update_entry(
    store: Store,
    entry_id: int,
    text: str,
    *,
    when: datetime | None = None,
    starred: bool | None = None,
    tags: Iterable[str] = (),
    goal_ids: Sequence[int] = (),
    competencies: Sequence[Wanted] = (),
    unchanged_since: datetime | None = None,
) -> Entry:
    """Replace an entry's text, tags, goals and its competency links on the chosen
    track, in one transaction. Links to earlier tracks' competencies are kept.

    ``unchanged_since``: the ``updated_at`` of the entry the caller read. The entry is
    then written only if it still has that stamp (checked in the UPDATE itself), and
    :class:`ConflictError` says another program changed it in between."""
    text = check_entry_text(text)
    all_tags = merge_tags(text, tags)
    values: dict[str, object] = {**writers.entry_text(text), "updated_at": _stamp(unchanged_since)}
    if when is not None:
        values["written_at"] = when
    if starred is not None:
        values["starred"] = starred
    where = t.entry.c.id == entry_id
    if unchanged_since is not None:
        where &= t.entry.c.updated_at == unchanged_since
    with store.write() as conn:
        if conn.execute(update(t.entry).where(where).values(**values)).rowcount == 0:
            if conn.scalar(select(t.entry.c.id).where(t.entry.c.id == entry_id)) is None:
                raise NotFoundError(f"no entry with id {entry_id}")
            raise ConflictError(
                f"entry {entry_id} was changed by another program since you opened it; "
                "nothing was written"
            )
        for link in (t.entry_tag, t.entry_goal):
            conn.execute(delete(link).where(link.c.entry_id == entry_id))
        _write_links(conn, entry_id, all_tags, goal_ids, competencies, replace=True)
    return get_entry(store, entry_id)


def _stamp(unchanged_since: datetime | None) -> datetime:
    """The new ``updated_at`` of a changed entry: now, to the microsecond, and always
    later than the stamp an edit checked, so a second edit made from the same read
    fails its check even if the clock stood still or went back."""
    now = datetime.now()
    if unchanged_since is not None and now <= unchanged_since:
        return unchanged_since + timedelta(microseconds=1)
    return now


def set_starred(store: Store, entry_id: int, starred: bool) -> None:
    """Star or unstar; the entry's stamp moves, so an editor open on it elsewhere
    does not silently put the old star back."""
    values = {"starred": starred, "updated_at": _stamp(None)}
    with store.write() as conn:
        if (
            conn.execute(update(t.entry).where(t.entry.c.id == entry_id).values(values)).rowcount
            == 0
        ):
            raise NotFoundError(f"no entry with id {entry_id}")


def delete_entry(store: Store, entry_id: int) -> Entry:
    """Delete one entry and return it, so the caller can offer an undo."""
    entry = get_entry(store, entry_id)
    with store.write() as conn:
        conn.execute(delete(t.entry).where(t.entry.c.id == entry_id))
    return entry


def restore_entry(store: Store, entry: Entry) -> Entry:
    """Undo a delete: the entry comes back with its date, star, tags and links."""
    return add_entry(
        store,
        entry.text,
        when=entry.written_at,
        tags=entry.tags,
        starred=entry.starred,
        goal_ids=entry.goal_ids,
        competencies=entry.competencies,
    )


def count_entries(store: Store) -> int:
    from sqlalchemy import func

    with store.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(t.entry)) or 0)
