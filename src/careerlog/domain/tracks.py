"""Read and validate track definitions (TOML), built-in or the person's own.

A broken file raises :class:`TrackFileError` naming the file, the line or key and
the problem; callers list the other tracks and report it instead of crashing.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Competency, Level, Track

SCHEMA = 1
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRACK_KEYS = {"schema", "key", "name", "summary", "source", "levels", "competencies"}
_LEVEL_KEYS = {"key", "name", "summary"}
_COMP_KEYS = {"key", "name", "group", "description", "expected", "signals"}


class TrackFileError(CareerlogError):
    """A track file that cannot be used; the message names the file and the spot."""


def _text(table: dict[str, Any], name: str, where: str, *, optional: bool = False) -> str:
    value = table.get(name, "" if optional else None)
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise ValueError(f"{where}{name}: expected a non-empty string")
    return value.strip()


def _key(table: dict[str, Any], where: str) -> str:
    key = _text(table, "key", where)
    if not _KEY.match(key):
        raise ValueError(f"{where}key: {key!r} must be lower-case letters, digits and '-'")
    return key


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ValueError(f"{where}{extra[0]}: unknown key")


def _tables(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{name}: expected one or more [[{name}]] tables")
    return value


def track_from_dict(data: dict[str, Any], origin: str = "built-in") -> Track:
    """Build a :class:`Track`, raising ``ValueError("key.path: problem")`` on bad data."""
    _unknown(data, _TRACK_KEYS, "")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise ValueError(f"schema: this careerlog reads schema {SCHEMA}, not {data['schema']!r}")
    levels: list[Level] = []
    for i, raw in enumerate(_tables(data, "levels")):
        where = f"levels[{i}]."
        _unknown(raw, _LEVEL_KEYS, where)
        levels.append(
            Level(
                _key(raw, where),
                _text(raw, "name", where),
                _text(raw, "summary", where, optional=True),
            )
        )
    if len({level.key for level in levels}) != len(levels):
        raise ValueError("levels: two levels share a key")
    competencies: list[Competency] = []
    for i, raw in enumerate(_tables(data, "competencies")):
        where = f"competencies[{i}]."
        _unknown(raw, _COMP_KEYS, where)
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
                name=_text(raw, "name", where),
                group=_text(raw, "group", where),
                description=_text(raw, "description", where, optional=True),
                expected=tuple(expected),
                signals=tuple(s.strip() for s in signals),
            )
        )
    if len({c.key for c in competencies}) != len(competencies):
        raise ValueError("competencies: two competencies share a key")
    return Track(
        key=_key(data, ""),
        name=_text(data, "name", ""),
        summary=_text(data, "summary", "", optional=True),
        levels=tuple(levels),
        competencies=tuple(competencies),
        source=_text(data, "source", "", optional=True),
        origin=origin,
    )


def load_track_file(path: Path, origin: str | None = None) -> Track:
    """Parse one TOML track file; every failure becomes a :class:`TrackFileError`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TrackFileError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise TrackFileError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise TrackFileError(f"{path}: not valid TOML: {error}") from None
    try:
        return track_from_dict(data, origin or str(path))
    except ValueError as error:
        raise TrackFileError(f"{path}: {error}") from None


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
