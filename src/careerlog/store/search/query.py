"""The one reading of what a person typed into a search box, rendered for each index:
an FTS5 expression for SQLite and a ``to_tsquery`` string for PostgreSQL.

Every word must match, case is ignored, a trailing ``*`` searches by prefix, and
anything else typed (quotes, FTS or tsquery operators) is taken literally, so no query
can make the engine fail with a syntax error.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from careerlog.domain.errors import CareerlogError

_TOKEN = re.compile(r"[\w][\w'*-]*", re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class Term(NamedTuple):
    text: str
    """As typed, less quotes and the prefix star (may hold ``'`` or ``-``)."""
    prefix: bool


class SearchQuery(NamedTuple):
    terms: tuple[Term, ...]

    def fts5(self) -> str:
        """The FTS5 MATCH expression: each term a quoted string (FTS5 splits it into
        a phrase the way it split the text), all of them required."""
        return " ".join(f'"{term.text}"' + ("*" if term.prefix else "") for term in self.terms)

    def tsquery(self) -> str:
        """The ``to_tsquery('simple', …)`` text: quoted lexemes joined by ``&``. Only
        letters and digits reach PostgreSQL, so nothing typed reads as an operator."""
        lexemes: list[str] = []
        for term in self.terms:
            words = _WORD.findall(term.text)
            for i, word in enumerate(words):
                last = i == len(words) - 1
                lexemes.append(f"'{word}'" + (":*" if term.prefix and last else ""))
        return " & ".join(lexemes)


def parse(text: str) -> SearchQuery:
    """What ``text`` asks for; raises :class:`CareerlogError` when it holds no word."""
    terms = []
    for token in _TOKEN.findall(text):
        word = token.rstrip("*").replace('"', "")
        if word and _WORD.search(word):
            terms.append(Term(word, token.endswith("*")))
    if not terms:
        raise CareerlogError(f"nothing to search for in {text!r}")
    return SearchQuery(tuple(terms))
