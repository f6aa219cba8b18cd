"""Naming linked competencies by the track version they were made on, read with plain
SQL in an open snapshot: the year-in-review export and the packet use this on the
standard-library route, so nothing here imports SQLAlchemy."""

from __future__ import annotations

from careerlog.domain.career.tracks import TrackNames
from careerlog.domain.model import CompetencyLink
from careerlog.store.snapshot import Query

NAMES_SQL = "SELECT id, key, name, definition FROM track_snapshot ORDER BY id"


def names_from(q: Query) -> TrackNames:
    """Every stored track version's names (a small table: one row per version chosen),
    read in an open snapshot (either transport)."""
    return TrackNames((r[0], r[1], r[2], r[3]) for r in q(NAMES_SQL))


def links_from(
    q: Query, table: str, owner: str, parent: str, where: str, names: TrackNames
) -> dict[int, tuple[CompetencyLink, ...]]:
    """``{owner id: links}`` from the link ``table`` for the owners ``where`` keeps, in an
    open snapshot; ``parent`` is the owner's table and alias, e.g. ``"activity a"``."""
    alias = parent.split()[1]
    found: dict[int, list[CompetencyLink]] = {}
    for owner_id, track_key, key, snapshot_id in q(
        f"SELECT l.{owner}, l.track_key, l.competency_key, l.snapshot_id FROM {table} l "
        f"JOIN {parent} ON {alias}.id = l.{owner} {where}"
    ):
        found.setdefault(int(owner_id), []).append(names.link(track_key, key, snapshot_id))
    return {owner_id: tuple(sorted(links)) for owner_id, links in found.items()}
