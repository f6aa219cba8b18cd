"""The one reading of what a person typed into a search box.

Every term is a piece of text to find anywhere in a record, as jrnl's ``-contains``
does, compared folded (:mod:`careerlog.store.search.fold`: case, accents and
compatibility forms ignored). The syntax, meant to read as it does in web search:

- ``deploy rollout``: both terms (terms side by side must all match);
- ``"exact phrase"``: the words together, spaces included;
- ``-word``, ``-"a phrase"`` or ``NOT word``: records without it;
- ``a OR b``: either (``OR`` binds tighter than the space: ``a b OR c`` is a and b-or-c);
- a trailing ``*`` is allowed and changes nothing (every term already matches any
  word it is part of).

Nothing else is syntax: quotes without a partner, ``*``, ``:``, ``^``, brackets, FTS
or PostgreSQL text-search operators and lower-case ``or``/``not`` are text to find, so no query can
make an engine fail. Control characters separate terms; invisible format characters
(direction marks) are ignored.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from careerlog.domain.errors import CareerlogError
from careerlog.store.search.fold import fold, unsplit

MAX_CHARS = 1000
MAX_TERMS = 32
TRIGRAM = 3
"""Terms at least this long (folded) are found through the trigram index."""


class Term(NamedTuple):
    text: str
    """As typed (quotes and a trailing ``*`` removed), for messages."""
    folded: str
    """What is looked for."""

    @property
    def route(self) -> str:
        """How the SQLite index finds it: ``trigram`` (three characters or more),
        ``unigram`` (a shorter run of Chinese, Japanese or Korean characters, found as a
        phrase of single characters in the word index) or ``scan`` (read every record)."""
        if len(self.folded) >= TRIGRAM:
            return "trigram"
        if all(unsplit(c) for c in self.folded):
            return "unigram"
        return "scan"


class Not(NamedTuple):
    term: Term


class AnyOf(NamedTuple):
    """Terms joined by OR; each may be negated."""

    options: tuple[Term | Not, ...]


Clause = Term | Not | AnyOf


class SearchQuery(NamedTuple):
    """Clauses that must all hold."""

    clauses: tuple[Clause, ...]

    def terms(self) -> list[Term]:
        """Every term that must or may be present (the ones worth highlighting)."""
        found: list[Term] = []
        for clause in self.clauses:
            options = clause.options if isinstance(clause, AnyOf) else (clause,)
            found += [option for option in options if isinstance(option, Term)]
        return found


class _Token(NamedTuple):
    kind: str
    """``word``, ``phrase`` or an operator: ``OR``, ``NOT``, ``AND``."""
    text: str
    negated: bool = False


def _separates(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc"


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if _separates(text[i]):
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and (text[i + 1] == '"' or text[i + 1].isalnum())
        start = i + 1 if negated else i
        if text[start] == '"':
            end = text.find('"', start + 1)
            if end > 0:
                tokens.append(_Token("phrase", text[start + 1 : end], negated))
                i = end + 1
                continue
        end = start
        while end < n and not _separates(text[end]):
            end += 1
        word = text[start:end]
        if not negated and word in ("OR", "NOT", "AND"):
            tokens.append(_Token(word, word))
        else:
            tokens.append(_Token("word", word, negated))
        i = end
    return tokens


def _term(token: _Token) -> Term | None:
    text = token.text
    if token.kind == "word" and len(text) > 1:
        text = text.rstrip("*") or text
    folded = fold(text)
    return Term(text, folded) if folded.strip() else None


def _is_term(tokens: list[_Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].kind in ("word", "phrase")


def _atoms(tokens: list[_Token]) -> list[Term | Not | str]:
    """Terms (negated by ``-`` or a ``NOT`` before them) and the ``OR`` joins between
    them; an operator with nothing to work on is a word to find."""
    atoms: list[Term | Not | str] = []
    negate = False
    for i, token in enumerate(tokens):
        after_term = bool(atoms) and atoms[-1] != "OR"
        if token.kind == "NOT" and _is_term(tokens, i + 1):
            negate = True
            continue
        before_term = _is_term(tokens, i + 1) or (
            i + 1 < len(tokens) and tokens[i + 1].kind == "NOT" and _is_term(tokens, i + 2)
        )
        if token.kind in ("OR", "AND") and after_term and before_term:
            if token.kind == "OR":
                atoms.append("OR")
            continue
        term = _term(token if token.kind in ("word", "phrase") else _Token("word", token.text))
        if term is not None:
            atoms.append(Not(term) if token.negated or negate else term)
        elif atoms and atoms[-1] == "OR":
            atoms.pop()
        negate = False
    while atoms and atoms[-1] == "OR":
        atoms.pop()
    return atoms


def parse(text: str) -> SearchQuery:
    """What ``text`` asks for; raises :class:`CareerlogError` (one line) when it asks
    for nothing, or for too much to answer quickly."""
    if len(text) > MAX_CHARS:
        raise CareerlogError(
            f"the search is {len(text):,} characters long; at most {MAX_CHARS:,} are searched"
        )
    clauses: list[Clause] = []
    pending: list[Term | Not] = []
    joining = False
    for atom in _atoms(_tokens(text)):
        if atom == "OR":
            joining = True
            continue
        assert not isinstance(atom, str)
        if joining and pending:
            pending.append(atom)
        else:
            if pending:
                clauses.append(pending[0] if len(pending) == 1 else AnyOf(tuple(pending)))
            pending = [atom]
        joining = False
    if pending:
        clauses.append(pending[0] if len(pending) == 1 else AnyOf(tuple(pending)))
    count = sum(len(c.options) if isinstance(c, AnyOf) else 1 for c in clauses)
    if not clauses:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise CareerlogError(f"nothing to search for in {shown!r}")
    if count > MAX_TERMS:
        raise CareerlogError(f"the search has {count} terms; at most {MAX_TERMS} are searched")
    return SearchQuery(tuple(clauses))
