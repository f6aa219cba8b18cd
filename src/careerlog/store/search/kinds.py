"""What the search index holds: one row per searchable record, its rowid encoding the
record (``id * STRIDE + code``), so triggers replace and delete by rowid and a hit
names its table without a join.

Adding a searchable kind is one line in :data:`KINDS`, plus the migration that creates
its triggers (migrations keep frozen copies of their lines; a test holds them to this
table). Standard library only: ``careerlog search`` reads it without SQLAlchemy.
"""

from __future__ import annotations

from typing import NamedTuple

STRIDE = 8
"""Room for eight kind codes in the low part of each rowid."""


class IndexedKind(NamedTuple):
    name: str
    """The kind a search hit reports ("entry", "goal", …)."""
    code: int
    """The low part of the rowid, ``rowid % STRIDE``; never reused once landed."""
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

    def columns(self) -> tuple[str, ...]:
        """The indexed columns, title first."""
        return (self.title, self.body) if self.title else (self.body,)


KINDS: tuple[IndexedKind, ...] = (
    IndexedKind("entry", 0, "entry", "", "text", "written_at", False),
    IndexedKind("goal", 1, "goal", "title", "why", "created_at", False),
    IndexedKind("activity", 2, "activity", "title", "notes", "day", True),
    IndexedKind(
        "reflection",
        3,
        "reflection_answer",
        "prompt_text",
        "answer",
        "day",
        True,
        "reflection",
        "reflection_id",
    ),
    IndexedKind("feedback", 6, "feedback", "giver", "text", "given_at", False),
)
NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_CODE = {kind.code: kind for kind in KINDS}


def rid(kind: IndexedKind, record_id: int) -> int:
    """The index rowid of row ``record_id`` of ``kind``'s table."""
    return record_id * STRIDE + kind.code


def split(rowid: int) -> tuple[IndexedKind, int]:
    """The kind and table row id a search rowid stands for."""
    return BY_CODE[rowid % STRIDE], rowid // STRIDE


def rid_sql(id_sql: str, kind: IndexedKind) -> str:
    """:func:`rid` as SQL over the id column ``id_sql``."""
    return f"{id_sql} * {STRIDE} + {kind.code}"
