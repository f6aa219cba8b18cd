"""Which competencies an unlinked journal entry is likely evidence for, computed
locally from its words and the track's own text. Nothing leaves the machine.

The rule (the tests work it out by hand):

- **words**: the entry and every competency field are cut into words (letters and
  digits), lower-cased, accents removed; words of fewer than three letters and the
  common words of :data:`STOPWORDS` are dropped. Each word is reduced to a stem by
  :func:`stem`, so "mentoring", "mentored" and "mentors" meet as ``mentor``.
- **where a stem appears**: in a competency's name (weight 3), its description (2) or
  its signals and examples at any level (1); a stem counts once per competency, at
  the heaviest field it appears in.
- **rarity**: a stem found in ``n`` of the track's competencies is worth ``1 / n``,
  so a word every competency mentions ("team") tells little.
- **score** of a competency: the sum, over the entry's distinct stems, of weight
  times rarity. Competencies scoring at least :data:`THRESHOLD` are suggested, best
  first (ties in the track's own order), at most :data:`MOST`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from careerlog.domain.model import Competency, Track
from careerlog.domain.records import Record

THRESHOLD = 1.0
MOST = 3
NAME, DESCRIPTION, SIGNALS = 3, 2, 1

STOPWORDS = frozenset(
    """about above after again against all also and any are because been before being
    below between both but can could did does doing down during each few for from further
    had has have having her here hers him his how into its itself just more most not now
    off once only other our ours out over own same she should some such than that the
    their theirs them then there these they this those through too under until very was
    were what when where which while who whom why will with would you your yours week
    today yesterday one two three four five six seven eight nine ten first second next
    last new old get got make made need needs take took give gave back well good much
    many lot lots day days time times thing things way ways work without""".split()
)
"""Words too common in a working journal to say which competency an entry is about."""

_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = (
    ("ations", ""),
    ("ation", ""),
    ("ative", ""),
    ("ating", ""),
    ("ated", ""),
    ("ates", ""),
    ("ate", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ive", ""),
    ("ers", ""),
    ("er", ""),
    ("ed", ""),
    ("ly", ""),
    ("s", ""),
)
"""Tried in order; the first that leaves at least three letters is taken."""


def stem(word: str) -> str:
    """A crude English stem: one suffix of :data:`_SUFFIXES` off (``-ies`` becomes
    ``y``; no ``-s`` after s, u or i), then a final ``e``: "presentations" → ``present``,
    "delegates" and "delegation" → ``deleg``, "studies" → ``study``, "changed",
    "changes", "change" → ``chang``."""
    for suffix, replacement in _SUFFIXES:
        if suffix == "s" and word[-2:-1] in ("s", "u", "i"):
            continue  # "process", "status", "analysis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stems(text: str) -> set[str]:
    """The distinct stems of ``text``'s meaningful words."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return {
        stem(word)
        for word in _WORD.findall(plain)
        if len(word) >= 3 and word not in STOPWORDS and not word.isdigit()
    }


def _fields(comp: Competency) -> tuple[set[str], set[str], set[str]]:
    signals = " ".join(
        [*comp.signals, *(s for lv in comp.levels for s in (*lv.signals, *lv.examples))]
    )
    return stems(comp.name), stems(comp.description), stems(signals)


class Suggestion(Record):
    """A competency an entry's words point to, how strongly, and which stems matched."""

    key: str
    name: str
    score: float
    words: tuple[str, ...]
    """The stems that matched, for saying why."""


class Suggester:
    """The competencies of one track, cut into stems once, ready to rate entries."""

    def __init__(self, track: Track) -> None:
        self.track = track
        self._weights: list[tuple[Competency, dict[str, int]]] = []
        for comp in track.competencies:
            name, description, signals = _fields(comp)
            weights = dict.fromkeys(signals, SIGNALS)
            weights.update(dict.fromkeys(description, DESCRIPTION))
            weights.update(dict.fromkeys(name, NAME))
            self._weights.append((comp, weights))
        self._spread: dict[str, int] = {}
        for _, weights in self._weights:
            for word in weights:
                self._spread[word] = self._spread.get(word, 0) + 1

    def scores(self, text: str) -> list[Suggestion]:
        """Every competency with any match, best first (the track's order on a tie)."""
        words = stems(text)
        found = []
        for comp, weights in self._weights:
            matched = sorted(w for w in words if w in weights)
            score = sum(weights[w] / self._spread[w] for w in matched)
            if matched:
                found.append(Suggestion(comp.key, comp.name, round(score, 4), tuple(matched)))
        order = {c.key: i for i, c in enumerate(self.track.competencies)}
        return sorted(found, key=lambda s: (-s.score, order[s.key]))

    def suggest(self, text: str, skip: Iterable[str] = ()) -> list[Suggestion]:
        """At most :data:`MOST` competencies scoring :data:`THRESHOLD` or more, leaving
        out those in ``skip`` (already linked, or marked not applicable)."""
        left = set(skip)
        chosen = [s for s in self.scores(text) if s.score >= THRESHOLD and s.key not in left]
        return chosen[:MOST]
