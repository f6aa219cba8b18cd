"""What a search finds: a light type of its own, so ``careerlog search`` loads neither
the dataclass machinery (``dataclasses`` pulls in ``inspect``) nor the rest of the
domain model: ~20 ms of a command that takes ~100 ms."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class SearchHit(NamedTuple):
    kind: str
    """"entry", "goal", "activity" or "reflection"."""
    id: int
    when: datetime
    title: str
    snippet: str
    starred: bool = False
    tags: tuple[str, ...] = ()
