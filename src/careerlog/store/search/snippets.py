"""The one snippet function, for both backends: a short window of a record's own text
around the first match, every match in it marked with ``MARK_START`` … ``MARK_END``.

It works on the stored text, not on an index, so it costs the same on SQLite and
PostgreSQL and is linear in the text: only the first :data:`SCAN_CHARS` characters of
a record are looked at (a 1 MB entry holding the word 50,000 times costs a few
milliseconds; FTS5's own snippet function took 40 seconds on it). A record whose match
lies beyond them shows its opening. Standard library only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from careerlog.domain.hits import MARK_END, MARK_START
from careerlog.store.search.fold import fold, fold_char
from careerlog.store.search.kinds import IndexedKind, rid, split
from careerlog.store.search.query import SearchQuery
from careerlog.store.snapshot import Query

SCAN_CHARS = 100_000
"""How much of a record is searched for the snippet's window (the size guard)."""
BEFORE, WIDTH = 40, 140
"""Characters of context shown before the first match, and the window's length."""
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


class _Folded:
    """``text`` folded, with where each original character starts in the result."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self.folded, self.starts = fold(text), None
            return
        starts, pieces, at = [], [], 0
        for char in text:
            starts.append(at)
            piece = fold_char(char)
            pieces.append(piece)
            at += len(piece)
        starts.append(at)
        self.folded, self.starts = "".join(pieces), starts

    def original(self, offset: int) -> int:
        """The original character holding folded ``offset``."""
        if self.starts is None:
            return offset
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)


def _spans(folded: _Folded, needles: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Original-text spans inside [start, end) of every occurrence of ``needles``."""
    low = start if folded.starts is None else folded.starts[start]
    high = end if folded.starts is None else folded.starts[end]
    found: list[tuple[int, int]] = []
    for needle in needles:
        at = folded.folded.find(needle, low, high)
        while at >= 0 and at + len(needle) <= high:
            first = folded.original(at)
            last = folded.original(at + len(needle) - 1) + 1
            found.append((first, last))
            at = folded.folded.find(needle, at + len(needle), high)
    merged: list[tuple[int, int]] = []
    for first, last in sorted(found):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text)


def window(text: str, needles: list[str]) -> str | None:
    """A marked snippet of ``text`` around the first of ``needles`` (folded terms), or
    None when none occurs in the first :data:`SCAN_CHARS` characters."""
    head = text[:SCAN_CHARS]
    folded = _Folded(head)
    firsts = [at for needle in needles if (at := folded.folded.find(needle)) >= 0]
    if not firsts:
        return None
    first = folded.original(min(firsts))
    start = max(min(first - BEFORE, len(head) - WIDTH), 0)  # a short text shows whole
    if start:
        space = head.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(start + WIDTH, len(head))
    if end < len(head):
        space = head.rfind(" ", max(first + 1, end - 20), end)
        end = space if space > first else end
    pieces, at = [], start
    for first_char, last_char in _spans(folded, needles, start, end):
        last_char = min(last_char, end)
        pieces.append(_clean(head[at:first_char]))
        pieces.append(MARK_START + _clean(head[first_char:last_char]) + MARK_END)
        at = last_char
    pieces.append(_clean(head[at:end]))
    body = "".join(pieces).strip()
    return (ELLIPSIS if start else "") + body + (ELLIPSIS if end < len(text) else "")


def opening(text: str) -> str:
    """The start of ``text`` on one line, unmarked (a record without a visible match)."""
    cut = _clean(text[: WIDTH + 1]).strip()
    return cut if len(cut) <= WIDTH and len(text) <= WIDTH else cut[:WIDTH].rstrip() + ELLIPSIS


def record_snippet(title: str, body: str, query: SearchQuery) -> str:
    """The snippet of one record: from its body when a term occurs there, else from its
    title, else the body's opening."""
    needles = [term.folded for term in query.terms()]
    for text in (body, title):
        if text:
            found = window(text, needles)
            if found is not None:
                return found
    return opening(body or title)


def texts_sql(kind: IndexedKind, ids: Iterable[int]) -> str:
    """Portable SQL reading ``(id, title, body)`` of ``kind``'s rows ``ids``."""
    title = kind.title or "''"
    listed = ",".join(str(int(i)) for i in ids)
    return (
        f"SELECT id, substr({title}, 1, {SCAN_CHARS}), substr({kind.body}, 1, {SCAN_CHARS}) "
        f"FROM {kind.table} WHERE id IN ({listed})"
    )


def snippets(q: Query, query: SearchQuery, rids: Iterable[int]) -> dict[int, str]:
    """A snippet for each of the records ``rids`` (search rowids), keyed by rowid; ``q``
    runs portable SQL on either backend."""
    by_kind: dict[IndexedKind, list[int]] = {}
    for rowid in rids:
        kind, record_id = split(int(rowid))
        by_kind.setdefault(kind, []).append(record_id)
    found: dict[int, str] = {}
    for kind, ids in by_kind.items():
        for record_id, title, body in q(texts_sql(kind, ids)):
            found[rid(kind, int(record_id))] = record_snippet(
                str(title or ""), str(body or ""), query
            )
    return found
