"""Read and validate track definitions (TOML), built-in or the person's own.

A broken file raises :class:`TrackFileError` naming the file, the line or key and
the problem; callers list the other tracks and report it instead of crashing.
"""

from __future__ import annotations

import json
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
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Competency, Level, Track

SCHEMA = 1
_TRACK_KEYS = {"schema", "key", "name", "summary", "source", "levels", "competencies"}
_LEVEL_KEYS = {"key", "name", "summary"}
_COMP_KEYS = {"key", "name", "group", "description", "expected", "signals"}


class TrackFileError(CareerlogError):
    """A track file that cannot be used; the message names the file and the spot."""


def _key(table: dict[str, Any], where: str) -> str:
    return key_value(text_field(table, "key", where), f"{where}key")


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
        signals = raw.get("signals", [])
        if not isinstance(signals, list) or not all(isinstance(s, str) and s for s in signals):
            raise ValueError(f"{where}signals: expected a list of strings")
        competencies.append(
            Competency(
                key=_key(raw, where),
                name=text_field(raw, "name", where),
                group=text_field(raw, "group", where),
                description=text_field(raw, "description", where, optional=True),
                expected=tuple(expected),
                signals=tuple(s.strip() for s in signals),
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
    )


def load_track_file(path: Path, origin: str | None = None) -> Track:
    """Parse one TOML track file; every failure becomes a :class:`TrackFileError`."""
    return load_definition(
        path, lambda data: track_from_dict(data, origin or str(path)), TrackFileError
    )


def track_to_dict(track: Track) -> dict[str, Any]:
    """The definition as plain data: what a track choice snapshots."""
    return {
        "schema": SCHEMA,
        "key": track.key,
        "name": track.name,
        "summary": track.summary,
        "source": track.source,
        "levels": [{"key": lv.key, "name": lv.name, "summary": lv.summary} for lv in track.levels],
        "competencies": [
            {
                "key": c.key,
                "name": c.name,
                "group": c.group,
                "description": c.description,
                "expected": list(c.expected),
                "signals": list(c.signals),
            }
            for c in track.competencies
        ],
    }


def track_to_json(track: Track) -> str:
    return json.dumps(track_to_dict(track), sort_keys=True, ensure_ascii=False)


def track_from_json(text: str, origin: str = "snapshot") -> Track:
    return track_from_dict(json.loads(text), origin)
