"""What the search index holds: one row per searchable record, its rowid encoding the
record (``code << SHIFT | id``), so triggers replace and delete by rowid, a hit names
its table without a join, and each kind is one range of rowids (FTS5 then reads only
that kind's part of the index).

Adding a searchable kind is one line in :data:`KINDS`, plus the migration that creates
its triggers and indexes (migrations keep frozen copies of their lines; a test holds
them to this table). Standard library only: ``careerlog search`` reads it without
SQLAlchemy.
"""

from __future__ import annotations

from typing import Any, NamedTuple

SHIFT = 40
"""A record id takes the low 40 bits of a rowid, the kind code the bits above."""
MASK = (1 << SHIFT) - 1


class IndexedKind(NamedTuple):
    name: str
    """The kind a search hit reports ("entry", "goal", …), as ``--kind`` takes it."""
    code: int
    """The high part of the rowid, ``rowid >> SHIFT``; never reused once landed."""
    table: str
    """The table whose rows are indexed."""
    title: str
    """The column indexed as the title ("" when the kind has none)."""
    body: str
    """The column indexed as the body."""
    when: str
    """The column dating a hit, on the owner's table for a part of another record."""
    is_day: bool
    """Whether :attr:`when` holds a day (DATE) rather than a moment (DATETIME)."""
    owner: str = ""
    """For a part of another record (a reflection's answer): the table of the record a
    hit points at."""
    owner_key: str = ""
    """The column of :attr:`table` holding the owner's id."""
    competencies: str = ""
    """``link_table.column``: the table linking the hit's record to competency keys
    (``competency_key``) and its column holding the record's id, or
    ``link_table.column=own_column`` when it holds another column of the record (a
    milestone's goal); "" when the kind links to none."""
    rated: bool = False
    """The competency links are ratings of the record, whose track is the record's own
    (a reflection's ``track_key``); otherwise each link names its track."""
    goal: str = ""
    """How the hit's record names a goal: ``"id"`` (it is one), a column of its own
    (``"goal_id"``), ``link_table.column`` (a link table with ``goal_id``), or ""."""

    def columns(self) -> tuple[str, ...]:
        """The indexed columns, title first."""
        return (self.title, self.body) if self.title else (self.body,)


_ANSWER: dict[str, Any] = {
    "owner": "reflection",
    "owner_key": "reflection_id",
    "competencies": "rating.reflection_id",
    "rated": True,
}
KINDS: tuple[IndexedKind, ...] = (
    IndexedKind("entry", 0, "entry", "", "text", "written_at", False,
                competencies="entry_competency.entry_id", goal="entry_goal.entry_id"),
    IndexedKind("goal", 1, "goal", "title", "why", "created_at", False,
                competencies="goal_competency.goal_id", goal="id"),
    IndexedKind("activity", 2, "activity", "title", "notes", "day", True,
                competencies="activity_competency.activity_id", goal="goal_id"),
    IndexedKind("reflection", 3, "reflection_answer", "", "answer", "day", True, **_ANSWER),
    IndexedKind("milestone", 4, "milestone", "", "title", "created_at", False,
                competencies="goal_competency.goal_id=goal_id", goal="goal_id"),
    IndexedKind("track-change", 5, "track_choice", "", "reason", "chosen_at", False),
    IndexedKind("feedback", 6, "feedback", "giver", "text", "given_at", False,
                competencies="feedback_competency.feedback_id"),
)  # fmt: skip
NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_CODE = {kind.code: kind for kind in KINDS}


def rid(kind: IndexedKind, record_id: int) -> int:
    """The index rowid of row ``record_id`` of ``kind``'s table."""
    return (kind.code << SHIFT) + record_id


def split(rowid: int) -> tuple[IndexedKind, int]:
    """The kind and table row id a search rowid stands for."""
    return BY_CODE[rowid >> SHIFT], rowid & MASK


def span(kind: IndexedKind) -> tuple[int, int]:
    """The rowids of ``kind``: from the first (inclusive) to the last (exclusive)."""
    return kind.code << SHIFT, (kind.code + 1) << SHIFT


def rid_sql(id_sql: str, kind: IndexedKind) -> str:
    """:func:`rid` as SQL over the id column ``id_sql``."""
    return f"{id_sql} + {kind.code << SHIFT}"


def competency_link(kind: IndexedKind) -> tuple[str, str, str] | None:
    """``(link table, its column naming the record, the record's column it names)``
    for ``kind``'s competency links (the key is ``competency_key``), or None."""
    if not kind.competencies:
        return None
    link, _, own = kind.competencies.partition("=")
    table, column = link.split(".")
    return table, column, own or "id"


def goal_link(kind: IndexedKind) -> tuple[str, str] | None:
    """How ``kind``'s record names a goal: ``("", column)`` for a column of its own
    (``id`` when it is the goal), ``(link table, its column naming the record)`` for a
    link table with ``goal_id``; None when it cannot."""
    if not kind.goal:
        return None
    table, _, column = kind.goal.rpartition(".")
    return table, column


def linked_sql(
    kind: IndexedKind,
    alias: str,
    competency: str | None,
    goal: str | None,
    track: str | None = None,
) -> list[str] | None:
    """Conditions (portable SQL) that the record aliased ``alias`` links to the
    competency key (of the track ``track``, when given) and the goal id, each given as
    SQL (placeholders); None when ``kind`` cannot link to one that is asked for."""
    conditions = []
    if competency is not None:
        link = competency_link(kind)
        if link is None:
            return None
        table, column, own = link
        on_track = f" AND l.track_key = {track}" if track and not kind.rated else ""
        conditions.append(
            f"EXISTS (SELECT 1 FROM {table} l WHERE l.{column} = {alias}.{own} "
            f"AND l.competency_key = {competency}{on_track})"
        )
        if track and kind.rated:
            conditions.append(f"{alias}.track_key = {track}")
    if goal is not None:
        named = goal_link(kind)
        if named is None:
            return None
        table, column = named
        if table:
            conditions.append(
                f"EXISTS (SELECT 1 FROM {table} g WHERE g.{column} = {alias}.id "
                f"AND g.goal_id = {goal})"
            )
        else:
            conditions.append(f"{alias}.{column} = {goal}")
    return conditions
