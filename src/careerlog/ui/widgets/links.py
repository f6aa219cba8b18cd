"""Which goals and competencies an entry is linked to (kept apart from the picker so the
Today screen can hold links without importing the picker before its first frame)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Links:
    goal_ids: tuple[int, ...] = ()
    competencies: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.goal_ids or self.competencies)
