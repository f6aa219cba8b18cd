"""Competency links: one writer and one reader for entries, goals, activities and
feedback.

A competency belongs to the track that defined it, so every link stores the track it
was made on (and that track's version, for its names). Callers name competencies in
two ways: a plain key means "this competency of the track chosen now" and is checked
against it; a :class:`~careerlog.domain.model.CompetencyLink` is an existing link
(any track) kept as it is — how an undo or an import puts back a link to an earlier
track. Replacing a record's links replaces only those on the current track: links to
earlier tracks survive every edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Table, and_, delete, or_, select

from careerlog.domain.career.tracks import TrackNames
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import CompetencyLink, TrackChoice
from careerlog.domain.suggest import did_you_mean
from careerlog.services.career.names import names_from
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import statements
from careerlog.store.snapshot import sql_query

Wanted = str | CompetencyLink

LINK_TABLES: dict[str, tuple[Table, str]] = {
    "entry": (t.entry_competency, "entry_id"),
    "goal": (t.goal_competency, "goal_id"),
    "activity": (t.activity_competency, "activity_id"),
    "feedback": (t.feedback_competency, "feedback_id"),
}
"""Record kind → its link table and owner column."""


def track_names(conn: Connection) -> TrackNames:
    return names_from(sql_query(conn))


def check_keys(choice: TrackChoice | None, keys: Iterable[str]) -> list[str]:
    """``keys`` as competencies of the chosen track, each once; one clear line if not."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    if choice is None:
        raise CareerlogError(
            "choose a track before linking competencies: 'careerlog tracks' lists them, "
            "'careerlog track choose KEY' picks one"
        )
    for key in keys:
        if not choice.track.has(key):
            hint = did_you_mean(key, (c.key for c in choice.track.competencies))
            raise NotFoundError(
                f"unknown competency {key!r} on the {choice.track.name} track{hint}; "
                "'careerlog track status' lists its competencies"
            )
    return keys


def resolve(choice: TrackChoice | None, wanted: Sequence[Wanted]) -> list[CompetencyLink]:
    """What ``wanted`` names, as links: plain keys on the chosen track (checked), links
    kept as given; each competency once."""
    keys = check_keys(choice, [w for w in wanted if isinstance(w, str)])
    links: dict[CompetencyLink, None] = {}
    for item in wanted:
        if isinstance(item, CompetencyLink):
            links.setdefault(item, None)
        elif item in keys and choice is not None:
            links.setdefault(
                CompetencyLink(choice.track.key, item, snapshot_id=choice.snapshot_id), None
            )
    return list(links)


def write_links(
    conn: Connection,
    kind: str,
    owner_id: int,
    wanted: Sequence[Wanted],
    choice: TrackChoice | None,
    *,
    replace: bool = False,
) -> list[CompetencyLink]:
    """Store the links of one record. With ``replace`` its links on the current track
    (and any given again) are replaced first; links to other tracks stay."""
    table, owner = LINK_TABLES[kind]
    links = resolve(choice, wanted)
    if replace:
        c = table.c
        mine = c[owner] == owner_id
        again = [
            and_(c.track_key == link.track_key, c.competency_key == link.key) for link in links
        ]
        current = [c.track_key == choice.track.key] if choice is not None else []
        if again or current:
            conn.execute(delete(table).where(mine, or_(*current, *again)))
    writers.link_competencies(
        statements(conn), kind, [(owner_id, (c.track_key, c.key, c.snapshot_id)) for c in links]
    )
    return links


def read_links(
    conn: Connection, kind: str, ids: Sequence[int], names: TrackNames | None = None
) -> dict[int, tuple[CompetencyLink, ...]]:
    """Each record's links with the names of the track version they were made on."""
    if not ids:
        return {}
    table, owner = LINK_TABLES[kind]
    c = table.c
    names = names or track_names(conn)
    found: dict[int, list[CompetencyLink]] = {}
    for chunk in range(0, len(ids), 900):
        for row in conn.execute(
            select(c[owner], c.track_key, c.competency_key, c.snapshot_id).where(
                c[owner].in_(ids[chunk : chunk + 900])
            )
        ):
            found.setdefault(int(row[0]), []).append(names.link(row[1], row[2], row[3]))
    return {owner_id: tuple(sorted(links)) for owner_id, links in found.items()}
