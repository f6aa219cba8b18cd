"""The track-fit questionnaire (interests, abilities, plans): load it and score it.

Scoring. Each statement is answered on a 5-point scale, 1 = strongly disagree …
5 = strongly agree, centred to -2 … +2. A track's raw score is the sum of
``weight x centred answer`` over the answered statements. Tracks carry different
weights (one has more negative ones than another), so raw sums do not compare;
each is rescaled against the lowest and highest raw score that track could reach
on the same statements, ``-2·Σ|w|`` and ``+2·Σ|w|``::

    score = 100 x (raw + 2·Σ|w|) / (4·Σ|w|)

0 is the worst possible fit, 100 the best, 50 neutral (also the score of a track
with no weight on any answered statement). The best track is the highest score;
a tie goes to the track listed first in the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from careerlog.domain.definitions import KEY, load_definition
from careerlog.domain.errors import CareerlogError
from careerlog.domain.records import Record

SCHEMA = 1
AREAS = ("interests", "abilities", "plans")
SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither"),
    (4, "Agree"),
    (5, "Strongly agree"),
)


class FitFileError(CareerlogError):
    """The questionnaire file cannot be used; the message names the file and the key."""


class Statement(Record):
    """One statement of the fit questionnaire and how much agreeing with it counts for each
    track."""

    id: str
    text: str
    area: str
    weights: tuple[tuple[str, int], ...]
    """(track key, weight) in file order."""


class Questionnaire(Record):
    """The fit questionnaire: its statements, and a paragraph about each track."""

    statements: tuple[Statement, ...]
    explanations: tuple[tuple[str, str], ...]
    """(track key, paragraph) in file order; also the track order for ties."""

    @property
    def tracks(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.explanations)

    def explanation(self, track_key: str) -> str:
        return dict(self.explanations)[track_key]


class FitResult(Record):
    """One time the person took the fit questionnaire: the answers and each track's score."""

    id: int
    taken_at: datetime
    answers: dict[str, int]
    scores: dict[str, int]
    """Track key → 0-100, in the questionnaire's track order."""
    best: str

    def ranked(self) -> list[tuple[str, int]]:
        order = list(self.scores)
        return sorted(self.scores.items(), key=lambda kv: (-kv[1], order.index(kv[0])))


def questionnaire_from_dict(data: dict[str, Any]) -> Questionnaire:
    """Build a :class:`Questionnaire`, raising ``ValueError("key.path: problem")``."""
    extra = sorted(set(data) - {"schema", "statements", "explanations"})
    if extra:
        raise ValueError(f"{extra[0]}: unknown key")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise ValueError(f"schema: this careerlog reads schema {SCHEMA}, not {data['schema']!r}")
    explanations = data.get("explanations")
    if not isinstance(explanations, dict) or not explanations:
        raise ValueError("explanations: expected a table of track key = paragraph")
    for key, text in explanations.items():
        if not KEY.match(key) or not isinstance(text, str) or not text.strip():
            raise ValueError(f"explanations.{key}: expected a non-empty paragraph")
    tracks = set(explanations)
    raw_statements = data.get("statements")
    if not isinstance(raw_statements, list) or not raw_statements:
        raise ValueError("statements: expected one or more [[statements]] tables")
    statements: list[Statement] = []
    for i, raw in enumerate(raw_statements):
        where = f"statements[{i}]"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: expected a table")
        extra = sorted(set(raw) - {"id", "text", "area", "weights"})
        if extra:
            raise ValueError(f"{where}.{extra[0]}: unknown key")
        sid, text, area, weights = (raw.get(k) for k in ("id", "text", "area", "weights"))
        if not isinstance(sid, str) or not KEY.match(sid):
            raise ValueError(f"{where}.id: expected lower-case letters, digits and '-'")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}.text: expected a non-empty string")
        if area not in AREAS:
            raise ValueError(f"{where}.area: expected one of {', '.join(AREAS)}")
        if not isinstance(weights, dict) or set(weights) != tracks:
            raise ValueError(f"{where}.weights: needs one weight per explained track")
        if not all(type(w) is int and -2 <= w <= 2 for w in weights.values()):
            raise ValueError(f"{where}.weights: weights are whole numbers from -2 to 2")
        statements.append(Statement(sid, text.strip(), area, tuple(weights.items())))
    if len({s.id for s in statements}) != len(statements):
        raise ValueError("statements: two statements share an id")
    return Questionnaire(
        tuple(statements), tuple((k, str(v).strip()) for k, v in explanations.items())
    )


def load_questionnaire(path: Path) -> Questionnaire:
    return load_definition(path, questionnaire_from_dict, FitFileError)


def check_answers(questionnaire: Questionnaire, answers: Mapping[str, int]) -> None:
    known = {s.id for s in questionnaire.statements}
    for sid, value in answers.items():
        if sid not in known:
            raise CareerlogError(f"the questionnaire has no statement {sid!r}")
        if type(value) is not int or not 1 <= value <= 5:
            raise CareerlogError(f"answer to {sid!r} must be 1 (disagree) to 5 (agree)")
    if not answers:
        raise CareerlogError("answer at least one statement to get a result")


def score(questionnaire: Questionnaire, answers: Mapping[str, int]) -> dict[str, int]:
    """Track key → fit 0-100 (rounded), in the questionnaire's track order."""
    check_answers(questionnaire, answers)
    raw = dict.fromkeys(questionnaire.tracks, 0)
    reach = dict.fromkeys(questionnaire.tracks, 0)
    for statement in questionnaire.statements:
        if statement.id not in answers:
            continue
        centred = answers[statement.id] - 3
        for track, weight in statement.weights:
            raw[track] += weight * centred
            reach[track] += 2 * abs(weight)
    return {
        track: round(100 * (raw[track] + reach[track]) / (2 * reach[track])) if reach[track] else 50
        for track in questionnaire.tracks
    }


def best_track(scores: Mapping[str, int]) -> str:
    """Highest score; ties go to the earlier track (``max`` keeps the first)."""
    return max(scores, key=lambda key: scores[key])


def explain(
    questionnaire: Questionnaire, scores: Mapping[str, int], names: Mapping[str, str]
) -> str:
    """One paragraph: the best track's explanation, then how close the runner-up came."""
    best = best_track(scores)
    ranked = sorted(scores, key=lambda key: -scores[key])
    paragraph = questionnaire.explanation(best)
    runner = next((key for key in ranked if key != best), None)
    if runner is not None:
        gap = scores[best] - scores[runner]
        closeness = "a close second" if gap <= 10 else "second"
        paragraph += (
            f" {names.get(runner, runner)} came {closeness} "
            f"({scores[runner]} against {scores[best]} out of 100)."
        )
    return paragraph
