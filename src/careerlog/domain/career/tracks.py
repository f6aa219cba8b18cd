"""Read and validate track definitions (TOML), built-in or the person's own.

A broken file raises :class:`TrackFileError` naming the file, the line or key and
the problem; callers list the other tracks and report it instead of crashing.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from careerlog.domain.definitions import (
    check_schema,
    key_value,
    load_definition,
    reject_unknown,
    tables,
    text_field,
)
from careerlog.domain.errors import CareerlogError, StoreError
from careerlog.domain.model import Competency, CompetencyLink, Level, LevelExpectation, Track

SCHEMA = 1
_TRACK_KEYS = {"schema", "key", "name", "summary", "source", "scale", "levels", "competencies"}
_LEVEL_KEYS = {"key", "name", "summary"}
_COMP_KEYS = {"key", "name", "group", "description", "expected", "signals", "levels"}
_COMP_LEVEL_KEYS = {"level", "signals", "examples"}


class TrackFileError(CareerlogError):
    """A track file that cannot be used; the message names the file and the spot."""


def _key(table: dict[str, Any], where: str) -> str:
    return key_value(text_field(table, "key", where), f"{where}key")


def _strings(table: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{where}{name}: expected a list of strings")
    return tuple(s.strip() for s in value)


def _scale(data: dict[str, Any]) -> tuple[str, ...]:
    scale = _strings(data, "scale", "")
    if scale and len(scale) != 5:
        raise ValueError("scale: needs five sentences, one for each rating from 1 to 5")
    return scale


def _comp_levels(
    raw: dict[str, Any], where: str, levels: list[Level]
) -> tuple[LevelExpectation, ...]:
    """``[[competencies.levels]]``: optional signals and examples for one level each."""
    if "levels" not in raw:
        return ()
    value = raw["levels"]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{where}levels: expected [[competencies.levels]] tables")
    known = [level.key for level in levels]
    found: list[LevelExpectation] = []
    for i, table in enumerate(value):
        spot = f"{where}levels[{i}]."
        reject_unknown(table, _COMP_LEVEL_KEYS, spot)
        level_key = text_field(table, "level", spot)
        if level_key not in known:
            raise ValueError(f"{spot}level: {level_key!r} is not one of {', '.join(known)}")
        found.append(
            LevelExpectation(
                level_key, _strings(table, "signals", spot), _strings(table, "examples", spot)
            )
        )
    if len({f.level_key for f in found}) != len(found):
        raise ValueError(f"{where}levels: a level is described twice")
    return tuple(sorted(found, key=lambda f: known.index(f.level_key)))


def track_from_dict(data: dict[str, Any], origin: str = "built-in") -> Track:
    """Build a :class:`Track`, raising ``ValueError("key.path: problem")`` on bad data."""
    reject_unknown(data, _TRACK_KEYS, "")
    check_schema(data, SCHEMA)
    levels: list[Level] = []
    for i, raw in enumerate(tables(data, "levels")):
        where = f"levels[{i}]."
        reject_unknown(raw, _LEVEL_KEYS, where)
        levels.append(
            Level(
                _key(raw, where),
                text_field(raw, "name", where),
                text_field(raw, "summary", where, optional=True),
            )
        )
    if len({level.key for level in levels}) != len(levels):
        raise ValueError("levels: two levels share a key")
    competencies: list[Competency] = []
    for i, raw in enumerate(tables(data, "competencies")):
        where = f"competencies[{i}]."
        reject_unknown(raw, _COMP_KEYS, where)
        expected = raw.get("expected")
        if (
            not isinstance(expected, list)
            or len(expected) != len(levels)
            or not all(type(v) is int and 1 <= v <= 5 for v in expected)
        ):
            raise ValueError(
                f"{where}expected: needs {len(levels)} whole numbers from 1 to 5, one per level"
            )
        competencies.append(
            Competency(
                key=_key(raw, where),
                name=text_field(raw, "name", where),
                group=text_field(raw, "group", where),
                description=text_field(raw, "description", where, optional=True),
                expected=tuple(expected),
                signals=_strings(raw, "signals", where),
                levels=_comp_levels(raw, where, levels),
            )
        )
    if len({c.key for c in competencies}) != len(competencies):
        raise ValueError("competencies: two competencies share a key")
    return Track(
        key=_key(data, ""),
        name=text_field(data, "name", ""),
        summary=text_field(data, "summary", "", optional=True),
        levels=tuple(levels),
        competencies=tuple(competencies),
        source=text_field(data, "source", "", optional=True),
        origin=origin,
        scale=_scale(data),
    )


def load_track_file(path: Path, origin: str | None = None) -> Track:
    """Parse one TOML track file; every failure becomes a :class:`TrackFileError`."""
    return load_definition(
        path, lambda data: track_from_dict(data, origin or str(path)), TrackFileError
    )


def _competency_dict(c: Competency) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": c.key,
        "name": c.name,
        "group": c.group,
        "description": c.description,
        "expected": list(c.expected),
        "signals": list(c.signals),
    }
    if c.levels:
        data["levels"] = [
            {
                "level": lv.level_key,
                **({"signals": list(lv.signals)} if lv.signals else {}),
                **({"examples": list(lv.examples)} if lv.examples else {}),
            }
            for lv in c.levels
        ]
    return data


def track_to_dict(track: Track) -> dict[str, Any]:
    """The definition as plain data: what a track choice snapshots. The optional parts
    (scale, per-level detail) appear only when given, so a definition without them
    keeps the digest it always had."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "key": track.key,
        "name": track.name,
        "summary": track.summary,
        "source": track.source,
        "levels": [{"key": lv.key, "name": lv.name, "summary": lv.summary} for lv in track.levels],
        "competencies": [_competency_dict(c) for c in track.competencies],
    }
    if track.scale:
        data["scale"] = list(track.scale)
    return data


def track_to_json(track: Track) -> str:
    return json.dumps(track_to_dict(track), sort_keys=True, ensure_ascii=False)


DAMAGED_VERSION = (
    "the track version stored in this journal is damaged ({why}); nothing was changed. "
    "Restore a backup from before it was, with 'careerlog restore FILE' (the backups "
    "folder is in 'careerlog where')"
)


def stored_definition(text: str) -> dict[str, Any]:
    """A stored track version's definition, as the dict it was written from; a
    :class:`StoreError` in one line when the stored text is not one (edited by hand,
    damaged on disk), never a bare parser error."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise StoreError(DAMAGED_VERSION.format(why="not JSON")) from None
    if not isinstance(data, dict):
        raise StoreError(DAMAGED_VERSION.format(why="not a track definition"))
    return data


def track_from_json(text: str, origin: str = "snapshot") -> Track:
    """The track of a stored version (see :func:`stored_definition`)."""
    try:
        return track_from_dict(stored_definition(text), origin)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        why = " ".join(str(error).split())[:120] or "not a track definition"
        raise StoreError(DAMAGED_VERSION.format(why=why)) from None


class TrackNames:
    """How every stored track version names its competencies, for showing links.

    Built from the stored versions (snapshot id, track key, track name, definition
    JSON). A link is named by the version it was made on; a link without a version
    (made before any track was chosen) by the newest version that defines its key;
    failing all that, its key is turned into words, so no raw key reaches a screen.
    """

    def __init__(self, versions: Iterable[tuple[int, str, str, str]]) -> None:
        self._versions: dict[int, tuple[str, str, dict[str, str]]] = {}
        for snapshot_id, track_key, track_name, definition in versions:
            self._versions[int(snapshot_id)] = (track_key, track_name, _names_in(definition))

    def track_name(self, track_key: str, snapshot_id: int | None = None) -> str:
        if snapshot_id in self._versions and self._versions[snapshot_id][0] == track_key:
            return self._versions[snapshot_id][1]
        for key, name, _ in reversed(list(self._versions.values())):
            if key == track_key:
                return name
        return ""

    def link(self, track_key: str, key: str, snapshot_id: int | None = None) -> CompetencyLink:
        version = self._versions.get(snapshot_id) if snapshot_id is not None else None
        if version is not None and key in version[2]:
            return CompetencyLink(track_key, key, version[2][key], version[1], snapshot_id)
        newest = sorted(self._versions.items(), reverse=True)
        for sid, (owner, owner_name, names) in newest:
            # Unattributed links ("" track) take the name of any version defining the key.
            if key in names and owner == (track_key or owner):
                shown_track = owner_name if track_key else ""
                return CompetencyLink(track_key, key, names[key], shown_track, snapshot_id or sid)
        return CompetencyLink(track_key, key, "", self.track_name(track_key), snapshot_id)


def _names_in(definition: str) -> dict[str, str]:
    """Competency key → name in a stored definition (a damaged one names nothing)."""
    try:
        data = json.loads(definition)
        return {str(c["key"]): str(c["name"]) for c in data.get("competencies", [])}
    except (TypeError, ValueError, KeyError, AttributeError):
        return {}


class LinkOwners:
    """Which track a link that names only a key belongs to (careerlog exports before
    schema 2 wrote links that way): the track chosen when its record was created; for
    a record from before any choice, the first chosen track that defines the key; else
    none (``""``). The same rule migration 0006 applied to stores.

    ``choices``: (chosen at, snapshot id, track key, competency keys of that version).
    """

    def __init__(self, choices: Iterable[tuple[datetime, int, str, frozenset[str]]]) -> None:
        ordered = sorted(choices, key=lambda c: (c[0], c[1]))
        self._moments = [c[0] for c in ordered]
        self._choices = ordered

    def owner(self, made: datetime, key: str) -> tuple[str, int | None]:
        index = bisect_right(self._moments, made) - 1
        if index >= 0:
            return self._choices[index][2], self._choices[index][1]
        for _, snapshot_id, track_key, keys in self._choices:
            if key in keys:
                return track_key, snapshot_id
        return "", None


def keys_in(definition: str) -> frozenset[str]:
    """The competency keys a stored definition holds (a damaged one holds none)."""
    return frozenset(_names_in(definition))


def level_name(definition: str, level_key: str) -> str:
    """A level's name in a stored definition (its key, made readable, if it has none)."""
    try:
        for level in json.loads(definition).get("levels", []):
            if level.get("key") == level_key:
                return str(level["name"])
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    return level_key.replace("-", " ").capitalize()
