"""Tracks: the built-in and personal definitions, and the person's choice of one.

Choosing snapshots the definition into the store, so editing a TOML file later
never rewrites what the person chose in the past.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, insert, select

from careerlog import paths
from careerlog.assets import asset
from careerlog.domain.career.tracks import (
    TrackFileError,
    load_track_file,
    track_from_json,
    track_to_json,
)
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Track, TrackChoice
from careerlog.domain.suggest import did_you_mean
from careerlog.store import tables as t
from careerlog.store.db import Store, new_id, statements
from careerlog.store.writers import snapshot_id


@dataclass(frozen=True, slots=True)
class TrackCatalogue:
    tracks: tuple[Track, ...]
    problems: tuple[str, ...]
    """One line per personal file that could not be used (file, spot, problem)."""

    def get(self, key: str) -> Track:
        for track in self.tracks:
            if track.key == key:
                return track
        known = ", ".join(track.key for track in self.tracks)
        hint = did_you_mean(key, (track.key for track in self.tracks))
        raise NotFoundError(f"unknown track {key!r}{hint}; choose one of: {known}")


def load_catalogue(user_dir: Path | None = None) -> TrackCatalogue:
    """Built-in tracks plus the person's own; a broken personal file is reported, not fatal."""
    tracks = [load_track_file(p, "built-in") for p in sorted(asset("tracks").glob("*.toml"))]
    problems: list[str] = []
    user_dir = user_dir or paths.user_tracks_dir()
    for path in sorted(user_dir.glob("*.toml")) if user_dir.is_dir() else []:
        try:
            track = load_track_file(path)
        except TrackFileError as error:
            problems.append(str(error))
            continue
        if any(known.key == track.key for known in tracks):
            problems.append(f"{path}: key: {track.key!r} is already used by another track")
            continue
        tracks.append(track)
    return TrackCatalogue(tuple(tracks), tuple(problems))


def _snapshot_id(conn: Connection, track: Track) -> int:
    now = datetime.now().replace(microsecond=0)
    return snapshot_id(statements(conn), track.key, track.name, track_to_json(track), now)


def choose_track(
    store: Store,
    key: str,
    level: str | None = None,
    reason: str = "",
    catalogue: TrackCatalogue | None = None,
    *,
    carry: Sequence[str] = (),
) -> TrackChoice:
    """Record a (new) track and target level; the history keeps every earlier choice.

    ``carry`` names competencies whose latest rating on the track held until now is
    carried over to the new one (see :func:`carry_offer`); each is stored marked with
    where it came from, in the same transaction as the choice.
    """
    from careerlog.services.career.carry import carry_ratings

    track = (catalogue or load_catalogue()).get(key)
    level_key = level or track.levels[0].key
    if level_key not in {lv.key for lv in track.levels}:
        known = ", ".join(lv.key for lv in track.levels)
        hint = did_you_mean(level_key, (lv.key for lv in track.levels))
        raise CareerlogError(f"track {key!r} has no level {level_key!r}{hint}; levels: {known}")
    now = datetime.now().replace(microsecond=0)
    with store.write() as conn:
        before = choice_on(conn)
        snapshot_id = _snapshot_id(conn, track)
        choice_id = new_id(
            conn.execute(
                insert(t.track_choice).values(
                    snapshot_id=snapshot_id,
                    level_key=level_key,
                    chosen_at=now,
                    reason=reason.strip(),
                )
            )
        )
        choice = TrackChoice(choice_id, track, level_key, now, reason.strip(), snapshot_id)
        if carry:
            carry_ratings(conn, before, choice, carry)
    return choice


def _choices_query() -> Select[Any]:
    return (
        select(
            t.track_choice.c.id,
            t.track_choice.c.level_key,
            t.track_choice.c.chosen_at,
            t.track_choice.c.reason,
            t.track_snapshot.c.definition,
            t.track_snapshot.c.id.label("snapshot_id"),
        )
        .join(t.track_snapshot, t.track_snapshot.c.id == t.track_choice.c.snapshot_id)
        .order_by(t.track_choice.c.chosen_at.desc(), t.track_choice.c.id.desc())
    )


def _choice(row: Any) -> TrackChoice:
    return TrackChoice(
        row.id,
        track_from_json(row.definition),
        row.level_key,
        row.chosen_at,
        row.reason,
        row.snapshot_id,
    )


def track_history(store: Store) -> list[TrackChoice]:
    """Every choice, newest first."""
    with store.read() as conn:
        rows = conn.execute(_choices_query()).all()
    return [_choice(row) for row in rows]


def choice_on(conn: Connection) -> TrackChoice | None:
    """The choice in effect, read inside a transaction already open."""
    row = conn.execute(_choices_query().limit(1)).first()
    return None if row is None else _choice(row)


def current_choice(store: Store) -> TrackChoice | None:
    with store.read() as conn:
        return choice_on(conn)
