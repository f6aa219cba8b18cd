"""One writer per record kind: the SQL text that stores an entry (with its tags, goal
and competency links) or a track snapshot, and the rules of its stored form (the
word count, the timestamp text), written once.

Each writer runs its text through a :class:`Sql` transport: the standard library's
sqlite3 (:class:`careerlog.store.sqlite.Statements`, for ``careerlog add`` without
SQLAlchemy) or a SQLAlchemy connection (:func:`careerlog.store.db.statements`, on
SQLite and on PostgreSQL alike). The CLI's quick add, the journal service the TUI
uses, both importers and the sample generator all insert entries here.

Standard library only, so the fast add can import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from careerlog.domain.text import count_words
from careerlog.store.stamps import moment_text

Row = dict[str, Any]


class Sql(Protocol):
    """Runs careerlog's SQL text (``:name`` parameters) in an open write transaction."""

    def value(self, sql: str, params: Mapping[str, Any]) -> Any:
        """The first column of the first row the statement returns, or ``None``."""

    def each(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """The statement once per row (nothing at all for no rows)."""


def _insert(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(columns)
    values = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


_ENTRY = ("written_at", "text", "starred", "created_at", "updated_at", "source_key", "words")
INSERT_ENTRY = _insert("entry", _ENTRY) + " RETURNING id"
"""A new entry; the store picks its id (RETURNING works on SQLite 3.35+ and PostgreSQL)."""
INSERT_ENTRY_AT_ID = _insert("entry", ("id", *_ENTRY))
"""An entry whose id is already chosen: an import keeping its ids, the sample's bulk."""
INSERT_TAG = _insert("entry_tag", ("entry_id", "tag"))
INSERT_ENTRY_GOAL = _insert("entry_goal", ("entry_id", "goal_id"))
_LINK_COLUMNS = ("track_key", "competency_key", "snapshot_id")
COMPETENCY_LINK_TABLES = {
    "entry": ("entry_competency", "entry_id"),
    "goal": ("goal_competency", "goal_id"),
    "activity": ("activity_competency", "activity_id"),
    "feedback": ("feedback_competency", "feedback_id"),
}
"""Record kind → its competency link table and owner column."""
INSERT_COMPETENCY_LINK = {
    kind: _insert(table, (owner, *_LINK_COLUMNS))
    for kind, (table, owner) in COMPETENCY_LINK_TABLES.items()
}
INSERT_ENTRY_COMPETENCY = INSERT_COMPETENCY_LINK["entry"]

Link = tuple[str, str, int | None]
"""A competency link as stored: (track key, competency key, track version id). A
competency is its track's own, so the track is part of the link (migration 0006)."""


def entry_text(text: str) -> Row:
    """The columns that follow an entry's text: the text and its stored word count."""
    return {"text": text, "words": count_words(text)}


def entry_row(
    text: str,
    written_at: datetime,
    created_at: datetime,
    updated_at: datetime | None = None,
    *,
    starred: bool = False,
    source_key: str | None = None,
) -> Row:
    """An entry's columns as stored (the timestamps as SQLite text, which PostgreSQL
    reads as timestamps too)."""
    return {
        "written_at": moment_text(written_at),
        **entry_text(text),
        "starred": bool(starred),
        "created_at": moment_text(created_at),
        "updated_at": moment_text(updated_at or created_at),
        "source_key": source_key,
    }


def insert_entry(sql: Sql, row: Mapping[str, Any], entry_id: int | None = None) -> int:
    """Store one entry (an :func:`entry_row`); its id, ``entry_id`` when given."""
    if entry_id is not None:
        sql.each(INSERT_ENTRY_AT_ID, [{"id": entry_id, **row}])
        return entry_id
    return int(sql.value(INSERT_ENTRY, row))


def insert_entries(sql: Sql, rows: Sequence[Mapping[str, Any]]) -> None:
    """Store many entries whose ids are chosen (each row an :func:`entry_row` plus ``id``)."""
    sql.each(INSERT_ENTRY_AT_ID, rows)


def link_entry(
    sql: Sql,
    entry_id: int,
    tags: Iterable[str] = (),
    goal_ids: Iterable[int] = (),
    competencies: Iterable[Link] = (),
) -> None:
    """An entry's tags, goals and competencies, each once (the caller checks goals exist
    and that the competencies belong to their tracks)."""
    link_entries(
        sql,
        tags=[(entry_id, tag) for tag in dict.fromkeys(tags)],
        goals=[(entry_id, goal) for goal in dict.fromkeys(goal_ids)],
    )
    link_competencies(sql, "entry", [(entry_id, link) for link in competencies])


def link_entries(
    sql: Sql,
    *,
    tags: Sequence[tuple[int, str]] = (),
    goals: Sequence[tuple[int, int]] = (),
    competencies: Sequence[tuple[int, Link]] = (),
) -> None:
    """Links of many entries at once, as ``(entry id, value)`` pairs."""
    sql.each(INSERT_TAG, [{"entry_id": e, "tag": v} for e, v in tags])
    sql.each(INSERT_ENTRY_GOAL, [{"entry_id": e, "goal_id": v} for e, v in goals])
    link_competencies(sql, "entry", competencies)


def link_competencies(sql: Sql, kind: str, links: Sequence[tuple[int, Link]]) -> None:
    """Competency links of records of ``kind`` (entry, goal, activity, feedback), as
    ``(owner id, link)`` pairs; each (owner, track, key) once."""
    owner = COMPETENCY_LINK_TABLES[kind][1]
    rows: dict[tuple[int, str, str], dict[str, Any]] = {}
    for owner_id, (track_key, key, snapshot_id) in links:
        rows.setdefault(
            (owner_id, track_key, key),
            {owner: owner_id, "track_key": track_key, "competency_key": key,
             "snapshot_id": snapshot_id},
        )  # fmt: skip
    sql.each(INSERT_COMPETENCY_LINK[kind], list(rows.values()))


_FEEDBACK = ("given_at", "giver", "role", "text", "created_at")
INSERT_FEEDBACK = _insert("feedback", _FEEDBACK) + " RETURNING id"
INSERT_FEEDBACK_AT_ID = _insert("feedback", ("id", *_FEEDBACK))


def feedback_row(
    giver: str, text: str, given_at: datetime, created_at: datetime, role: str = ""
) -> Row:
    """A feedback record's columns as stored."""
    return {
        "given_at": moment_text(given_at),
        "giver": giver,
        "role": role,
        "text": text,
        "created_at": moment_text(created_at),
    }


def insert_feedback(sql: Sql, row: Mapping[str, Any], feedback_id: int | None = None) -> int:
    """Store one feedback record (a :func:`feedback_row`); its id."""
    if feedback_id is not None:
        sql.each(INSERT_FEEDBACK_AT_ID, [{"id": feedback_id, **row}])
        return feedback_id
    return int(sql.value(INSERT_FEEDBACK, row))


def snapshot_id(sql: Sql, key: str, name: str, definition: str, created_at: datetime) -> int:
    """The id of the stored snapshot of a track ``definition`` (its JSON text), stored
    now if no identical one is: the digest of the text is its identity."""
    import hashlib  # OpenSSL (~4 ms): only when a track is chosen or imported

    digest = hashlib.sha256(definition.encode()).hexdigest()
    found = sql.value("SELECT id FROM track_snapshot WHERE digest = :digest", {"digest": digest})
    if found is not None:
        return int(found)
    row = {
        "key": key,
        "name": name,
        "digest": digest,
        "definition": definition,
        "created_at": moment_text(created_at),
    }
    columns = ("key", "name", "digest", "definition", "created_at")
    return int(sql.value(_insert("track_snapshot", columns) + " RETURNING id", row))
