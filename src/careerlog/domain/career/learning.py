"""Rules about learning time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from careerlog.domain.model import Activity, CompetencyLink


def time_spent(
    activities: Iterable[Activity],
) -> tuple[Counter[CompetencyLink | None], Counter[str]]:
    """Minutes by competency and by kind. An activity linked to two competencies counts
    fully for each (it built both), so the competency figures can add up to more than
    the time spent; one with none counts under ``None``. By kind, each counts once."""
    by_competency: Counter[CompetencyLink | None] = Counter()
    by_kind: Counter[str] = Counter()
    for activity in activities:
        by_kind[activity.kind.value] += activity.minutes
        for link in activity.competencies or (None,):
            by_competency[link] += activity.minutes
    return by_competency, by_kind


def total_minutes(activities: Iterable[Activity]) -> int:
    """Time spent learning, each activity once whatever it is linked to."""
    return sum(activity.minutes for activity in activities)
