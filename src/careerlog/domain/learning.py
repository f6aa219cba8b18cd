"""Rules about learning time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from careerlog.domain.model import Activity


def time_spent(activities: Iterable[Activity]) -> tuple[Counter[str], Counter[str]]:
    """Minutes by competency and by kind. An activity linked to two competencies counts
    fully for each (it built both); one with none counts under ``(none)``."""
    by_competency: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for activity in activities:
        by_kind[activity.kind.value] += activity.minutes
        for key in activity.competencies or ("(none)",):
            by_competency[key] += activity.minutes
    return by_competency, by_kind
