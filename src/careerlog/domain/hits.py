"""What a search finds: a light type of its own, so ``careerlog search`` loads neither
the dataclass machinery (``dataclasses`` pulls in ``inspect``) nor the rest of the
domain model: ~20 ms of a command that takes ~100 ms."""

# No ``from __future__ import annotations``: typing.NamedTuple compiles a field type
# written as a string at import (7 here; see careerlog.domain.summary).

import re
from datetime import datetime
from typing import NamedTuple

MARK_START, MARK_END = "\x02", "\x03"
"""What a snippet wraps each match in; the indexed text never holds either."""
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")


class SearchHit(NamedTuple):
    kind: str
    """"entry", "goal", "activity" or "reflection"."""
    id: int
    when: datetime
    title: str
    snippet: str
    starred: bool = False
    tags: tuple[str, ...] = ()


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_match) pieces, for whatever renders it."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(_MARKS.split(snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts
