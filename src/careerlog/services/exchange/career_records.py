"""The career records of the exchange format: reflections with their answers and
ratings, track choices and the versions they chose, carried ratings, feedback and fit
results, as JSON-ready plain data (the journal's records and the document are in
:mod:`careerlog.services.exchange.records`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from careerlog.domain.career.tracks import stored_definition
from careerlog.store.snapshot import (
    Query,
    competency_links,
    days_between,
    moments_between,
    sql_until,
    sql_where,
)
from careerlog.store.stamps import iso_day, iso_moment

Record = dict[str, Any]


def reflection_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = days_between("f.day", start, end)
    rows = q(
        "SELECT f.id, f.set_key, f.day, f.created_at, f.track_key, f.level_key, f.stance, "
        f"f.snapshot_id FROM reflection f {where} ORDER BY f.day, f.id"
    )
    answers: dict[int, list[Record]] = {}
    for reflection_id, prompt_id, prompt_text, answer in q(
        "SELECT a.reflection_id, a.prompt_id, a.prompt_text, a.answer FROM reflection_answer a "
        f"JOIN reflection f ON f.id = a.reflection_id {where} ORDER BY a.id"
    ):
        answers.setdefault(reflection_id, []).append(
            {"prompt_id": prompt_id, "prompt_text": prompt_text, "answer": answer}
        )
    ratings: dict[tuple[int, str], dict[str, int]] = {}
    for reflection_id, key, value, rater in q(
        "SELECT r.reflection_id, r.competency_key, r.value, r.rater FROM rating r "
        f"JOIN reflection f ON f.id = r.reflection_id {where}"
    ):
        ratings.setdefault((reflection_id, rater), {})[key] = value
    return [
        {
            "id": r[0],
            "set_key": r[1],
            "day": iso_day(r[2]),
            "created_at": iso_moment(r[3]),
            "track_key": r[4],
            "level_key": r[5],
            "stance": r[6],
            "answers": answers.get(r[0], []),
            "ratings": dict(sorted(ratings.get((r[0], "self"), {}).items())),
            "manager_ratings": dict(sorted(ratings.get((r[0], "manager"), {}).items())),
            "track_version": r[7],
        }
        for r in rows
    ]


def choice_records(q: Query, end: date | None) -> list[Record]:
    """Every choice up to the end of the range, so the track at its start is known too."""
    where = sql_where(f"c.chosen_at <= {sql_until(end)}" if end else None)
    rows = q(
        "SELECT c.id, c.level_key, c.chosen_at, c.reason, s.key, s.name, s.digest, "
        "s.created_at, s.definition FROM track_choice c "
        f"JOIN track_snapshot s ON s.id = c.snapshot_id {where} ORDER BY c.chosen_at, c.id"
    )
    return [
        {
            "id": r[0],
            "level_key": r[1],
            "chosen_at": iso_moment(r[2]),
            "reason": r[3],
            "track": {
                "key": r[4],
                "name": r[5],
                "digest": r[6],
                "created_at": iso_moment(r[7]),
                "definition": stored_definition(r[8]),
            },
        }
        for r in rows
    ]


def feedback_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = moments_between("f.given_at", start, end)
    rows = q(
        "SELECT f.id, f.given_at, f.giver, f.role, f.text, f.created_at FROM feedback f "
        f"{where} ORDER BY f.given_at, f.id"
    )
    comps = competency_links(q, "feedback_competency", "feedback_id", "feedback f", where)
    return [
        {
            "id": r[0],
            "given_at": iso_moment(r[1]),
            "giver": r[2],
            "role": r[3],
            "text": r[4],
            "created_at": iso_moment(r[5]),
            "competencies": comps.get(r[0], []),
        }
        for r in rows
    ]


def version_records(q: Query) -> list[Record]:
    """Every stored track version: what the links' and reflections' ``version`` name."""
    return [
        {
            "id": r[0],
            "key": r[1],
            "name": r[2],
            "digest": r[3],
            "created_at": iso_moment(r[4]),
            "definition": stored_definition(r[5]),
        }
        for r in q(
            "SELECT s.id, s.key, s.name, s.digest, s.created_at, s.definition "
            "FROM track_snapshot s ORDER BY s.id"
        )
    ]


def carried_records(q: Query, end: date | None) -> list[Record]:
    """Ratings carried over on a switch, for the choices the export holds."""
    where = sql_where(f"c.chosen_at <= {sql_until(end)}" if end else None)
    return [
        {
            "choice_id": r[0],
            "track_key": r[1],
            "competency_key": r[2],
            "value": r[3],
            "from_track_key": r[4],
            "from_version": r[5],
            "from_day": iso_day(r[6]),
            "carried_at": iso_moment(r[7]),
        }
        for r in q(
            "SELECT k.choice_id, k.track_key, k.competency_key, k.value, k.from_track_key, "
            "k.from_snapshot_id, k.from_day, k.carried_at FROM carried_rating k "
            f"JOIN track_choice c ON c.id = k.choice_id {where} ORDER BY k.choice_id, k.id"
        )
    ]


def fit_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = moments_between("f.taken_at", start, end)
    rows = q(
        "SELECT f.id, f.taken_at, f.answers, f.scores, f.best_track FROM fit_result f "
        f"{where} ORDER BY f.taken_at, f.id"
    )
    return [
        {
            "id": r[0],
            "taken_at": iso_moment(r[1]),
            "answers": json.loads(r[2]),
            "scores": json.loads(r[3]),
            "best_track": r[4],
        }
        for r in rows
    ]
