"""Reflections: prompt sets, saving and listing, drafts, and what is due.

A reflection is saved in one transaction with its answers, ratings, stance and the
track and level the person held that day. An unfinished one lives as a private
JSON draft (0600) in the drafts folder until it is saved or discarded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from careerlog import config, paths
from careerlog.assets import asset
from careerlog.domain.career.cadence import Cadence, due, parse_cadence
from careerlog.domain.career.progress import RatingPoint, latest_points
from careerlog.domain.career.prompts import PromptCatalogue, PromptSet, load_prompt_sets
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.model import Reflection, TrackChoice
from careerlog.domain.when import WEEKDAYS
from careerlog.store import tables as t
from careerlog.store.db import Store

MAX_ANSWER_CHARS = 100_000


def load_prompt_catalogue(user_dir: Path | None = None) -> PromptCatalogue:
    """Built-in prompt sets plus the person's own; broken personal files are reported."""
    return load_prompt_sets(asset("prompts"), user_dir or paths.user_prompts_dir())


# --- saving and reading ------------------------------------------------------------


def _clean_answers(prompt_set: PromptSet, answers: Mapping[str, str]) -> dict[str, str]:
    known = {p.id for p in prompt_set.prompts}
    for prompt_id in answers:
        if prompt_id not in known:
            raise CareerlogError(f"prompt set {prompt_set.key!r} has no prompt {prompt_id!r}")
    cleaned = {k: v.strip() for k, v in answers.items() if v.strip()}
    for prompt_id, text in cleaned.items():
        if len(text) > MAX_ANSWER_CHARS:
            raise CareerlogError(f"the answer to {prompt_id!r} is too long; nothing was saved")
    return cleaned


def _check_ratings(choice: TrackChoice | None, ratings: Mapping[str, int], who: str) -> None:
    for key, value in ratings.items():
        if choice is None or not choice.track.has(key):
            raise NotFoundError(f"unknown competency {key!r} for the chosen track")
        if type(value) is not int or not 1 <= value <= 5:
            name = choice.track.competency(key).name
            raise CareerlogError(f"{who} rating for {name!r} must be a whole number from 1 to 5")


def save_reflection(
    store: Store,
    prompt_set: PromptSet,
    answers: Mapping[str, str],
    ratings: Mapping[str, int] | None = None,
    stance: int | None = None,
    *,
    day: date | None = None,
    manager_ratings: Mapping[str, int] | None = None,
) -> Reflection:
    """Save one reflection, its answers, ratings and stance in one transaction.

    Ratings (the person's own, and any their manager gave in the same session) must
    name competencies of the chosen track; they belong to that track, whose version
    and level held today are recorded with them. The set's draft, if any, is removed
    afterwards.
    """
    from careerlog.services.tracks import choice_on

    cleaned = _clean_answers(prompt_set, answers)
    ratings = dict(ratings or {})
    managers = dict(manager_ratings or {})
    if not cleaned and not ratings and not managers:
        raise CareerlogError("the reflection is empty: answer a prompt or rate a competency")
    if stance is not None and not 0 <= stance <= 100:
        raise CareerlogError("the stance must be from 0 (technical) to 100 (supervisory)")
    now = datetime.now().replace(microsecond=0)
    day = day or now.date()
    with store.write() as conn:
        choice = choice_on(conn)
        _check_ratings(choice, ratings, "your")
        _check_ratings(choice, managers, "the manager's")
        reflection_id = int(
            conn.execute(
                insert(t.reflection)
                .values(
                    set_key=prompt_set.key,
                    day=day,
                    created_at=now,
                    track_key=choice.track.key if choice else None,
                    level_key=choice.level_key if choice else None,
                    stance=stance,
                    snapshot_id=choice.snapshot_id if choice else None,
                )
                .returning(t.reflection.c.id)
            ).scalar_one()
        )
        rows = [
            {
                "reflection_id": reflection_id,
                "prompt_id": p.id,
                "prompt_text": p.text,
                "answer": cleaned[p.id],
            }
            for p in prompt_set.prompts
            if p.id in cleaned
        ]
        if rows:
            conn.execute(insert(t.reflection_answer), rows)
        rated = [(k, v, "self") for k, v in ratings.items()]
        rated += [(k, v, "manager") for k, v in managers.items()]
        if rated:
            conn.execute(
                insert(t.rating),
                [
                    {"reflection_id": reflection_id, "competency_key": k, "value": v, "rater": who}
                    for k, v, who in rated
                ],
            )
    discard_draft(prompt_set.key)
    return Reflection(
        id=reflection_id,
        set_key=prompt_set.key,
        day=day,
        created_at=now,
        track_key=choice.track.key if choice else None,
        level_key=choice.level_key if choice else None,
        stance=stance,
        answers=tuple((p.id, p.text, cleaned[p.id]) for p in prompt_set.prompts if p.id in cleaned),
        ratings=ratings,
        manager_ratings=managers,
        snapshot_id=choice.snapshot_id if choice else None,
    )


def list_reflections(
    store: Store, set_key: str | None = None, limit: int | None = None
) -> list[Reflection]:
    """Newest first, with answers and ratings (three queries, whatever the count)."""
    query = select(t.reflection).order_by(t.reflection.c.day.desc(), t.reflection.c.id.desc())
    if set_key is not None:
        query = query.where(t.reflection.c.set_key == set_key)
    if limit is not None:
        query = query.limit(limit)
    with store.read() as conn:
        heads = conn.execute(query).all()
        ids = [row.id for row in heads]
        answers: dict[int, list[tuple[str, str, str]]] = {i: [] for i in ids}
        ratings: dict[int, dict[str, int]] = {i: {} for i in ids}
        managers: dict[int, dict[str, int]] = {i: {} for i in ids}
        if ids:
            a = t.reflection_answer.c
            for row in conn.execute(
                select(a.reflection_id, a.prompt_id, a.prompt_text, a.answer)
                .where(a.reflection_id.in_(ids))
                .order_by(a.id)
            ):
                answers[row.reflection_id].append(
                    (str(row.prompt_id), str(row.prompt_text), str(row.answer))
                )
            r = t.rating.c
            for row in conn.execute(
                select(r.reflection_id, r.competency_key, r.value, r.rater).where(
                    r.reflection_id.in_(ids)
                )
            ):
                chosen = managers if row.rater == "manager" else ratings
                chosen[row.reflection_id][row.competency_key] = row.value
    return [
        Reflection(
            id=row.id,
            set_key=row.set_key,
            day=row.day,
            created_at=row.created_at,
            track_key=row.track_key,
            level_key=row.level_key,
            stance=row.stance,
            answers=tuple(answers[row.id]),
            ratings=ratings[row.id],
            manager_ratings=managers[row.id],
            snapshot_id=row.snapshot_id,
        )
        for row in heads
    ]


def latest_ratings(store: Store) -> dict[str, RatingPoint]:
    """Each competency's most recent self-rating on the chosen track (carried ones
    included, marked): what the rating form shows beside each competency. Ratings
    given on other tracks never appear, whatever their keys."""
    from careerlog.services.progress import rating_history
    from careerlog.services.tracks import choice_on

    with store.read() as conn:
        choice = choice_on(conn)
        if choice is None:
            return {}
        history = rating_history(conn, choice.track.key)
    return latest_points(history)


def last_stance(store: Store) -> int | None:
    """The most recent leadership stance given, to start the scale where it was left."""
    f = t.reflection.c
    query = (
        select(f.stance).where(f.stance.is_not(None)).order_by(f.day.desc(), f.id.desc()).limit(1)
    )
    with store.read() as conn:
        value = conn.scalar(query)
    return int(value) if value is not None else None


def last_reflection_days(store: Store) -> dict[str, date]:
    """Set key → day of its most recent reflection."""
    f = t.reflection.c
    with store.read() as conn:
        rows = conn.execute(select(f.set_key, func.max(f.day)).group_by(f.set_key)).all()
    return {str(key): day for key, day in rows if isinstance(day, date)}


# --- cadence -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueReflection:
    set_key: str
    name: str
    due_since: date
    overdue: bool


def cadence_for(prompt_set: PromptSet, settings: Mapping[str, Any] | None = None) -> Cadence | None:
    """The set's schedule from the config ``[cadence]`` table (keyed by set key).

    A set not named there is on (weekly sets on Friday), except cadence ``none``.
    """
    settings = config.load()["cadence"] if settings is None else settings
    return parse_cadence(prompt_set.cadence, settings.get(prompt_set.key, True))


def set_cadence(set_key: str, value: str | bool) -> None:
    """Store a set's schedule: a weekday name (weekly sets), ``True`` (on) or ``False``."""
    prompt_set = load_prompt_catalogue().get(set_key)
    if isinstance(value, str):
        value = value.strip().lower()
        if prompt_set.cadence != "weekly" or value not in WEEKDAYS:
            raise CareerlogError(f"{set_key!r} takes on or off, or a weekday if weekly")
    parse_cadence(prompt_set.cadence, value)
    config.update("cadence", **{set_key: value})


def first_use(store: Store) -> date | None:
    """The day the person began: when their first record was stored (the oldest row of
    each kind, by id: no table scan), ``None`` for an empty journal."""
    found = []
    with store.read() as conn:
        for table, column in (
            (t.entry, "created_at"),
            (t.goal, "created_at"),
            (t.activity, "created_at"),
            (t.reflection, "created_at"),
            (t.track_choice, "chosen_at"),
            (t.fit_result, "taken_at"),
        ):
            value = conn.scalar(select(table.c[column]).order_by(table.c.id).limit(1))
            if value is not None:
                found.append(value.date() if isinstance(value, datetime) else value)
    return min(found) if found else None


def due_reflections(store: Store, today: date | None = None) -> list[DueReflection]:
    """The scheduled sets whose next reflection has come, oldest due first. The
    cadence starts at first use: nothing is owed for the time before it."""
    today = today or date.today()
    catalogue = load_prompt_catalogue()
    settings = config.load()["cadence"]
    last = last_reflection_days(store)
    started = first_use(store) or today
    found: list[DueReflection] = []
    for prompt_set in catalogue.sets:
        cadence = cadence_for(prompt_set, settings)
        if cadence is None:
            continue
        state = due(cadence, last.get(prompt_set.key), today, started)
        if state is not None:
            found.append(
                DueReflection(prompt_set.key, prompt_set.name, state.due_since, state.overdue)
            )
    found.sort(key=lambda d: d.due_since)
    return found


# --- drafts --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReflectionDraft:
    set_key: str
    answers: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, int] = field(default_factory=dict)
    stance: int | None = None
    saved_at: datetime | None = None
    manager_ratings: dict[str, int] = field(default_factory=dict)


def _draft_path(set_key: str) -> Path:
    return paths.drafts_dir() / f"reflection-{set_key}.json"


def save_draft(draft: ReflectionDraft, db: str | None = None) -> Path:
    """Write the draft atomically as a 0600 file (sealed when the store ``db`` is
    encrypted); returns its path."""
    paths.ensure_private_dir(paths.drafts_dir())
    data = {
        "kind": "reflection",
        "set_key": draft.set_key,
        "answers": draft.answers,
        "ratings": draft.ratings,
        "manager_ratings": draft.manager_ratings,
        "stance": draft.stance,
        "saved_at": datetime.now().replace(microsecond=0).isoformat(),
    }
    from careerlog.services import sealed

    return sealed.write(_draft_path(draft.set_key), json.dumps(data, ensure_ascii=False), db)


def load_draft(set_key: str) -> ReflectionDraft | None:
    """The draft for ``set_key``, or ``None`` (also for an unreadable draft file)."""
    try:
        from careerlog.services import sealed

        data = json.loads(sealed.read(_draft_path(set_key)))
        return ReflectionDraft(
            set_key=str(data["set_key"]),
            answers={str(k): str(v) for k, v in dict(data.get("answers", {})).items()},
            ratings={
                str(k): v
                for k, v in dict(data.get("ratings", {})).items()
                if type(v) is int and 1 <= v <= 5
            },
            stance=data["stance"] if type(data.get("stance")) is int else None,
            saved_at=datetime.fromisoformat(data["saved_at"]) if data.get("saved_at") else None,
            manager_ratings={
                str(k): v
                for k, v in dict(data.get("manager_ratings", {})).items()
                if type(v) is int and 1 <= v <= 5
            },
        )
    except (OSError, ValueError, KeyError, TypeError, CareerlogError):
        return None


def list_drafts() -> list[str]:
    """Set keys with a draft waiting."""
    folder = paths.drafts_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem.removeprefix("reflection-") for p in folder.glob("reflection-*.json"))


def discard_draft(set_key: str) -> None:
    _draft_path(set_key).unlink(missing_ok=True)
