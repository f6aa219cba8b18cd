"""Carrying ratings over on a track switch, only when the person says so.

Two tracks may share a competency key (``innovation`` is on the technical and the
technical-leadership tracks), but a rating given on one is never shown on the other
by itself. On a switch careerlog offers the shared ones: for each competency of the
new track whose key the track held until now also has, its latest self-rating there.
What the person accepts is stored as a carried rating on the new track, marked with
the track, version and day it was first given; a rating that was itself carried keeps
its original source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from careerlog.domain.datetext import day_words
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Track, TrackChoice
from careerlog.services.career.links import track_names
from careerlog.store import tables as t
from careerlog.store.db import Store


@dataclass(frozen=True, slots=True)
class CarryOffer:
    """One rating that could be carried: its value, and where and when it was given."""

    key: str
    name: str
    """The competency's name on the new track."""
    value: int
    day: date
    """The day the rating was first given."""
    from_track_key: str
    from_track_name: str
    from_name: str
    """The competency's name on the track the rating was given on."""
    from_snapshot_id: int | None

    def describe(self) -> str:
        """One line: what is carried and where it came from."""
        origin = f"{self.from_name}, {self.from_track_name}"
        return f"{self.name}: {self.value} (given {day_words(self.day)} on {origin})"


def offer_on(conn: Connection, before: TrackChoice | None, track: Track) -> list[CarryOffer]:
    """What a switch from ``before`` to ``track`` could carry, in the new track's order."""
    if before is None or before.track.key == track.key:
        return []
    shared = [c for c in track.competencies if before.track.has(c.key)]
    if not shared:
        return []
    names = track_names(conn)
    old = before.track.key
    latest: dict[str, tuple[tuple[date, int], int, str, int | None]] = {}
    rows: list[tuple[date, int, str, int, str, int | None]] = []
    r, f = t.rating.c, t.reflection.c
    rows += [
        (row[0], row[1], row[2], row[3], old, row[4])
        for row in conn.execute(
            select(f.day, f.id, r.competency_key, r.value, f.snapshot_id)
            .join(t.reflection, f.id == r.reflection_id)
            .where(f.track_key == old, r.rater == "self")
        )
    ]
    c = t.carried_rating.c
    rows += [
        (row[0], 0, row[1], row[2], row[3], row[4])
        for row in conn.execute(
            select(
                c.from_day, c.competency_key, c.value, c.from_track_key, c.from_snapshot_id
            ).where(c.track_key == old)
        )
    ]
    for day, order, key, value, source, snapshot_id in rows:
        when = (day, order)
        if key not in latest or latest[key][0] < when:
            latest[key] = (when, value, source, snapshot_id)
    offers = []
    for comp in shared:
        if comp.key not in latest:
            continue
        (day, _), value, source, snapshot_id = latest[comp.key]
        origin = names.link(source, comp.key, snapshot_id)
        offers.append(
            CarryOffer(
                key=comp.key,
                name=comp.name,
                value=value,
                day=day,
                from_track_key=source,
                from_track_name=origin.track_name or names.track_name(source),
                from_name=origin.label(source),
                from_snapshot_id=snapshot_id,
            )
        )
    return offers


def carry_offer(store: Store, track: Track) -> list[CarryOffer]:
    """What switching from the current track to ``track`` would offer to carry."""
    from careerlog.services.tracks import choice_on

    with store.read() as conn:
        return offer_on(conn, choice_on(conn), track)


def carry_ratings(
    conn: Connection, before: TrackChoice | None, choice: TrackChoice, keys: Sequence[str]
) -> list[CarryOffer]:
    """Store the offered ratings of ``keys`` on the new ``choice`` (inside its transaction)."""
    offers = {offer.key: offer for offer in offer_on(conn, before, choice.track)}
    for key in keys:
        if key not in offers:
            name = choice.track.competency(key).name if choice.track.has(key) else key
            raise CareerlogError(
                f"there is no rating of {name!r} to carry over to {choice.track.name}; "
                "nothing was changed"
            )
    carried = [offers[key] for key in dict.fromkeys(keys)]
    if carried:
        now = datetime.now().replace(microsecond=0)
        conn.execute(
            insert(t.carried_rating),
            [
                {
                    "choice_id": choice.id,
                    "track_key": choice.track.key,
                    "competency_key": offer.key,
                    "value": offer.value,
                    "from_track_key": offer.from_track_key,
                    "from_snapshot_id": offer.from_snapshot_id,
                    "from_day": offer.day,
                    "carried_at": now,
                }
                for offer in carried
            ],
        )
    return carried
