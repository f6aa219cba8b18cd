"""Read and validate reflection prompt sets (TOML), built-in or the person's own.

Works like :mod:`careerlog.domain.career.tracks`: a broken file raises
:class:`PromptFileError` naming the file and the key; :func:`load_prompt_sets`
lists the good sets and reports the broken personal ones instead of crashing.
"""

from __future__ import annotations

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
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.records import Record

SCHEMA = 1
CADENCES = ("weekly", "quarterly", "yearly", "none")
"""``none`` is for a personal set taken only when the person picks it."""

_SET_KEYS = {
    "schema",
    "key",
    "name",
    "cadence",
    "summary",
    "rate_competencies",
    "ask_stance",
    "prompts",
}
_PROMPT_KEYS = {"id", "text", "hint", "tracks"}


class PromptFileError(CareerlogError):
    """A prompt-set file that cannot be used; the message names the file and the key."""


class Prompt(Record):
    """One question a reflection asks, with an optional hint."""

    id: str
    text: str
    hint: str = ""
    tracks: tuple[str, ...] = ()
    """Asked only of someone on one of these tracks (by key); empty: asked of everyone."""

    def asked_on(self, track_key: str | None) -> bool:
        return not self.tracks or track_key in self.tracks


class PromptSet(Record):
    """A set of reflection prompts asked together, on a cadence."""

    key: str
    name: str
    cadence: str
    summary: str
    rate_competencies: bool
    ask_stance: bool
    prompts: tuple[Prompt, ...]
    origin: str = "built-in"
    """"built-in" or the path of the person's own file."""

    def prompt(self, prompt_id: str) -> Prompt:
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise KeyError(prompt_id)


class PromptCatalogue(Record):
    """Every prompt set there is to choose from: the built-in ones and the person's own."""

    sets: tuple[PromptSet, ...]
    problems: tuple[str, ...]
    """One line per personal file that could not be used (file, key, problem)."""

    def get(self, key: str) -> PromptSet:
        for prompt_set in self.sets:
            if prompt_set.key == key:
                return prompt_set
        known = ", ".join(s.key for s in self.sets)
        raise NotFoundError(f"unknown prompt set {key!r}; choose one of: {known}")


def _flag(table: dict[str, Any], name: str) -> bool:
    value = table.get(name, False)
    if not isinstance(value, bool):
        raise ValueError(f"{name}: expected true or false")
    return value


def prompt_set_from_dict(data: dict[str, Any], origin: str = "built-in") -> PromptSet:
    """Build a :class:`PromptSet`, raising ``ValueError("key.path: problem")`` on bad data."""
    reject_unknown(data, _SET_KEYS, "")
    check_schema(data, SCHEMA)
    cadence = data.get("cadence", "none")
    if cadence not in CADENCES:
        raise ValueError(f"cadence: {cadence!r} is not one of {', '.join(CADENCES)}")
    raw_prompts = tables(data, "prompts")
    prompts: list[Prompt] = []
    for i, raw in enumerate(raw_prompts):
        where = f"prompts[{i}]."
        reject_unknown(raw, _PROMPT_KEYS, where)
        prompt_id = key_value(text_field(raw, "id", where), f"{where}id")
        tracks = raw.get("tracks", [])
        if not isinstance(tracks, list) or not all(isinstance(k, str) for k in tracks):
            raise ValueError(f"{where}tracks: expected a list of track keys")
        prompts.append(
            Prompt(
                prompt_id,
                text_field(raw, "text", where),
                text_field(raw, "hint", where, optional=True),
                tuple(key_value(k, f"{where}tracks") for k in tracks),
            )
        )
    if len({p.id for p in prompts}) != len(prompts):
        raise ValueError("prompts: two prompts share an id")
    return PromptSet(
        key=key_value(text_field(data, "key", ""), "key"),
        name=text_field(data, "name", ""),
        cadence=str(cadence),
        summary=text_field(data, "summary", "", optional=True),
        rate_competencies=_flag(data, "rate_competencies"),
        ask_stance=_flag(data, "ask_stance"),
        prompts=tuple(prompts),
        origin=origin,
    )


def load_prompt_file(path: Path, origin: str | None = None) -> PromptSet:
    """Parse one TOML prompt-set file; every failure becomes a :class:`PromptFileError`."""
    return load_definition(
        path, lambda data: prompt_set_from_dict(data, origin or str(path)), PromptFileError
    )


def load_prompt_sets(builtin_dir: Path, user_dir: Path | None) -> PromptCatalogue:
    """Built-in sets (must be valid) plus the person's own (broken ones reported, skipped).

    A personal set may not reuse a built-in key: past reflections are filed by key.
    """
    sets = [load_prompt_file(p, "built-in") for p in sorted(builtin_dir.glob("*.toml"))]
    problems: list[str] = []
    personal = sorted(user_dir.glob("*.toml")) if user_dir is not None and user_dir.is_dir() else []
    for path in personal:
        try:
            prompt_set = load_prompt_file(path)
        except PromptFileError as error:
            problems.append(str(error))
            continue
        if any(known.key == prompt_set.key for known in sets):
            problems.append(f"{path}: key: {prompt_set.key!r} is already used by another set")
            continue
        sets.append(prompt_set)
    order = {cadence: i for i, cadence in enumerate(CADENCES)}
    sets.sort(key=lambda s: (s.origin != "built-in", order[s.cadence], s.key))
    return PromptCatalogue(tuple(sets), tuple(problems))
