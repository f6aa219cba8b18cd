"""Read a careerlog JSON export back in. The file is checked field by field before
anything is written, so a damaged or hand-edited file imports nothing and the
message says where it went wrong."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from careerlog.domain.errors import CareerlogError
from careerlog.domain.limits import MAX_ID
from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.io.files import load_json, read_text
from careerlog.services import Store
from careerlog.services.exchange.importing import (
    FORMAT,
    KINDS,
    SCHEMA_VERSION,
    ImportReport,
    Progress,
    import_records,
)

Check = Callable[[Any], bool]


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_moment(value: Any) -> bool:
    """A local date-time as careerlog writes them: one with a time zone would not
    compare with the store's (and no careerlog export has one)."""
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _is_day(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_AN_ID = f"a whole number from 1 to {MAX_ID}"


def _is_id(value: Any) -> bool:
    return _is_int(value) and 1 <= value <= MAX_ID


def _optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _list_of(check: Check) -> Check:
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


def _one_of(*allowed: Any) -> Check:
    return lambda value: value in allowed


def _between(low: int, high: int) -> Check:
    return lambda value: _is_int(value) and low <= value <= high


def _is_link(value: Any) -> bool:
    """A competency link: a bare key (schema 1) or ``{"track", "key", "version"}``."""
    if isinstance(value, str):
        return bool(value)
    return (
        isinstance(value, dict)
        and set(value) <= {"track", "key", "version"}
        and isinstance(value.get("track"), str)
        and isinstance(value.get("key"), str)
        and bool(value["key"])
        and (value.get("version") is None or _is_int(value["version"]))
    )


_LINKS = (_list_of(_is_link), "a list of competency links")
_RATINGS = (
    lambda v: isinstance(v, dict) and all(_between(1, 5)(x) for x in v.values()),
    "competency → rating from 1 to 5",
)


_FIELDS: dict[str, dict[str, tuple[Check, str]]] = {
    "entries": {
        "id": (_optional(_is_id), _AN_ID),
        "written_at": (_is_moment, "a date-time like 2024-03-05T09:00:00 (no time zone)"),
        "text": (lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
        "starred": (lambda v: isinstance(v, bool), "true or false"),
        # Each tag meets the door at import (skipped and reported, not refused here).
        "tags": (_list_of(_is_text), "a list of tags"),
        "goal_ids": (_list_of(_is_int), "a list of goal ids"),
        "competencies": _LINKS,
        "created_at": (_is_moment, "a date-time"),
        "updated_at": (_is_moment, "a date-time"),
        "source_key": (_optional(lambda v: isinstance(v, str) and 0 < len(v) <= 64), "text"),
    },
    "goals": {
        "id": (_is_id, _AN_ID),
        "title": (lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
        "why": (_is_text, "text"),
        "status": (_one_of(*(s.value for s in GoalStatus)), "active, achieved, paused or dropped"),
        "due": (_optional(_is_day), "a date or null"),
        "progress_manual": (_optional(_between(0, 100)), "a percentage or null"),
        "created_at": (_is_moment, "a date-time"),
        "updated_at": (_is_moment, "a date-time"),
        "closed_at": (_optional(_is_moment), "a date-time or null"),
        "version": (_between(1, 2**31), "a whole number"),
        "competencies": _LINKS,
        "milestones": (lambda v: isinstance(v, list), "a list of milestones"),
    },
    "milestones": {
        "title": (_is_text, "text"),
        "position": (_is_int, "a whole number"),
        "created_at": (_is_moment, "a date-time"),
        "done_at": (_optional(_is_moment), "a date-time or null"),
    },
    "activities": {
        "id": (_is_id, _AN_ID),
        "title": (lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
        "kind": (_one_of(*(k.value for k in ActivityKind)), "a known kind of activity"),
        "day": (_is_day, "a date"),
        "minutes": (_between(0, 2**31), "a number of minutes"),
        "goal_id": (_optional(_is_int), "a goal id or null"),
        "notes": (_is_text, "text"),
        "link": (_is_text, "text"),
        "created_at": (_is_moment, "a date-time"),
        "competencies": _LINKS,
    },
    "reflections": {
        "id": (_is_id, _AN_ID),
        "set_key": (_is_text, "text"),
        "day": (_is_day, "a date"),
        "created_at": (_is_moment, "a date-time"),
        "track_key": (_optional(_is_text), "text or null"),
        "level_key": (_optional(_is_text), "text or null"),
        "stance": (_optional(_between(0, 100)), "0 to 100 or null"),
        "answers": (lambda v: isinstance(v, list), "a list of answers"),
        "ratings": _RATINGS,
        "manager_ratings": _RATINGS,
        "track_version": (_optional(_is_int), "a track version id or null"),
    },
    "answers": {
        "prompt_id": (_is_text, "text"),
        "prompt_text": (_is_text, "text"),
        "answer": (_is_text, "text"),
    },
    "track_choices": {
        "id": (_is_id, _AN_ID),
        "level_key": (_is_text, "text"),
        "chosen_at": (_is_moment, "a date-time"),
        "reason": (_is_text, "text"),
        "track": (lambda v: isinstance(v, dict), "the track definition"),
    },
    "track": {
        "key": (_is_text, "text"),
        "name": (_is_text, "text"),
        "created_at": (_is_moment, "a date-time"),
        "definition": (lambda v: isinstance(v, dict), "the track definition"),
    },
    "feedback": {
        "id": (_optional(_is_int), "a whole number"),
        "given_at": (_is_moment, "a date-time"),
        "giver": (lambda v: isinstance(v, str) and bool(v.strip()), "a name"),
        "role": (_is_text, "text"),
        "text": (lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
        "created_at": (_is_moment, "a date-time"),
        "competencies": _LINKS,
    },
    "track_versions": {
        "id": (_is_int, "a whole number"),
        "key": (_is_text, "text"),
        "name": (_is_text, "text"),
        "created_at": (_is_moment, "a date-time"),
        "definition": (lambda v: isinstance(v, dict), "the track definition"),
    },
    "carried_ratings": {
        "choice_id": (_is_int, "a track choice id"),
        "track_key": (_is_text, "text"),
        "competency_key": (lambda v: isinstance(v, str) and bool(v), "a competency key"),
        "value": (_between(1, 5), "a rating from 1 to 5"),
        "from_track_key": (_is_text, "text"),
        "from_version": (_optional(_is_int), "a track version id or null"),
        "from_day": (_is_day, "a date"),
        "carried_at": (_is_moment, "a date-time"),
    },
    "fit_results": {
        "id": (_is_id, _AN_ID),
        "taken_at": (_is_moment, "a date-time"),
        "answers": (lambda v: isinstance(v, dict), "an object"),
        "scores": (lambda v: isinstance(v, dict), "an object"),
        "best_track": (_is_text, "text"),
    },
}


_OPTIONAL = (
    "id",
    "source_key",
    "goal_ids",
    "competencies",
    "manager_ratings",
    "track_version",
    "from_version",
)
"""Fields a file may leave out (older careerlogs did not write them)."""


def _check(record: Any, kind: str, where: str) -> None:
    if not isinstance(record, dict):
        raise CareerlogError(f"{where} is not an object")
    for name, (check, wanted) in _FIELDS[kind].items():
        if name not in record:
            if name in _OPTIONAL:
                continue
            raise CareerlogError(f"{where} has no {name!r}")
        if not check(record[name]):
            raise CareerlogError(f"{where}.{name} should be {wanted}")


def validate(data: Any, name: str = "the file") -> dict[str, list[dict[str, Any]]]:
    """The records of a careerlog export, checked; raises one clear line otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CareerlogError(f'{name} is not a careerlog export (no "format": "careerlog")')
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CareerlogError(f"{name} has no schema_version")
    if version > SCHEMA_VERSION:
        raise CareerlogError(
            f"{name} uses schema version {version}, newer than this careerlog "
            f"understands ({SCHEMA_VERSION}); upgrade careerlog to import it"
        )
    records: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise CareerlogError(f"{name}: {kind} should be a list")
        for index, record in enumerate(items):
            where = f"{name}: {kind}[{index}]"
            _check(record, kind, where)
            _check_nested(record, kind, where)
        records[kind] = items
    _check_unique_ids(records, name)
    return records


def _check_nested(record: Mapping[str, Any], kind: str, where: str) -> None:
    if kind == "goals":
        for i, milestone in enumerate(record["milestones"]):
            _check(milestone, "milestones", f"{where}.milestones[{i}]")
    elif kind == "reflections":
        for i, answer in enumerate(record["answers"]):
            _check(answer, "answers", f"{where}.answers[{i}]")
    elif kind == "track_choices":
        _check(record["track"], "track", f"{where}.track")
        from careerlog.domain.career.tracks import track_from_dict

        try:
            track = track_from_dict(record["track"]["definition"], "import")
        except (CareerlogError, KeyError, TypeError, ValueError) as error:
            raise CareerlogError(
                f"{where}.track: not a usable track definition ({error})"
            ) from None
        if record["level_key"] not in {level.key for level in track.levels}:
            raise CareerlogError(
                f"{where}: track {track.key!r} has no level {record['level_key']!r}"
            )


def _check_unique_ids(records: Mapping[str, list[dict[str, Any]]], name: str) -> None:
    for kind, items in records.items():
        seen: set[int] = set()
        for index, record in enumerate(items):
            record_id = record.get("id")
            if record_id is None:
                continue
            if record_id in seen:
                raise CareerlogError(f"{name}: {kind}[{index}] repeats id {record_id}")
            seen.add(record_id)


def parse(text: str, name: str = "the file") -> dict[str, list[dict[str, Any]]]:
    return validate(load_json(text, name), name)


def import_careerlog(store: Store, source: Path, progress: Progress | None = None) -> ImportReport:
    """Import a careerlog export: all of it in one transaction, or nothing."""
    records = parse(read_text(source), str(source))
    return import_records(store, records, progress=progress)
