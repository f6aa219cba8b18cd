"""The track-fit questionnaire: score a taking, keep it with its date, list past ones."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import insert, select

from careerlog.assets import asset
from careerlog.domain.career.fit import (
    FitResult,
    Questionnaire,
    best_track,
    load_questionnaire,
    score,
)
from careerlog.store import tables as t
from careerlog.store.db import Store


def questionnaire() -> Questionnaire:
    """The shipped questionnaire (assets/fit.toml)."""
    return load_questionnaire(asset("fit.toml"))


def take_fit(
    store: Store,
    answers: Mapping[str, int],
    *,
    form: Questionnaire | None = None,
    when: datetime | None = None,
) -> FitResult:
    """Score the answers and keep the result; retaking simply adds a newer one."""
    form = form or questionnaire()
    scores = score(form, answers)
    best = best_track(scores)
    taken_at = (when or datetime.now()).replace(microsecond=0)
    with store.write() as conn:
        result_id: int = conn.execute(
            insert(t.fit_result)
            .values(
                taken_at=taken_at,
                answers=json.dumps(dict(answers), sort_keys=True),
                scores=json.dumps(scores),
                best_track=best,
            )
            .returning(t.fit_result.c.id)
        ).scalar_one()
    return FitResult(int(result_id), taken_at, dict(answers), scores, best)


def fit_history(store: Store, limit: int | None = None) -> list[FitResult]:
    """Past results, newest first."""
    c = t.fit_result.c
    query = select(t.fit_result).order_by(c.taken_at.desc(), c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.read() as conn:
        rows = conn.execute(query).all()
    return [
        FitResult(
            row.id, row.taken_at, json.loads(row.answers), json.loads(row.scores), row.best_track
        )
        for row in rows
    ]


def latest_fit(store: Store) -> FitResult | None:
    found = fit_history(store, limit=1)
    return found[0] if found else None
