"""Every route finds exactly the records the query's rules describe.

A seeded random journal (entries, goals, activities) mixes English forms, terms made of
punctuation, accents, German compounds, Chinese and Japanese; seeded random queries use
the whole syntax (terms of every length, phrases, ``-word``, ``NOT``, ``OR``). For each,
``careerlog search`` and the timeline must return what a plain Python reading of the
rules finds: a term is found when its folded text is part of a record's folded title or
body.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog.domain.model import ActivityKind
from careerlog.domain.timeline import TimelineFilter
from careerlog.services import goals, journal, learning
from careerlog.services import timeline as tl
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import Store
from careerlog.store.search import AnyOf, Not, SearchQuery, Term, parse
from careerlog.store.search.fold import fold
from tests.search.conftest import ROUTES, open_route

PIECES = [
    "deploy", "deployment", "Redeployed", "mentor", "Mentoring", "lead", "leadership",
    "review", "C++", "C#", "1:1", "e-mail", "on-call", "node.js", "v3.11", "O'Brien",
    "Café", "ZÜRICH", "résumé", "Straße", "naïve", "Łódź", "Projektleitung", "Gespräch",
    "Zielvereinbarung", "会議", "評価", "东京", "プロジェクト", "ミーティング", "がんばる",
    "50%", "a_b", "back\\slash", "x*y", "[tag]", "quote\"d",
]  # fmt: skip
GLUE = [" ", " ", " ", ", ", ". ", "-", "", "\n", "/", "(", ")"]


def _text(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        piece = rng.choice(PIECES)
        parts.append(piece.upper() if rng.random() < 0.1 else piece)
        parts.append(rng.choice(GLUE))
    return "".join(parts).strip() or "empty"


Record = tuple[str, int, str, str]
"""(search kind, record id, title, body)"""


def _fill(store: Store, found: list[Record]) -> None:
    rng = random.Random(1913)
    for _ in range(60):
        entry = journal.add_entry(store, _text(rng, rng.randint(1, 12)))
        found.append(("entry", entry.id, "", entry.text))
    for _ in range(15):
        title, why = _text(rng, rng.randint(1, 4)), _text(rng, rng.randint(0, 6))
        goal = goals.add_goal(store, title, why=why)
        found.append(("goal", goal.id, goal.title, goal.why))
    for _ in range(15):
        title, notes = _text(rng, rng.randint(1, 4)), _text(rng, rng.randint(0, 6))
        act = learning.log_activity(store, title, ActivityKind.BOOK, notes=notes)
        found.append(("activity", act.id, act.title, act.notes))


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return []


def _routes(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[Store | Path]:
    def fill(store: Store) -> None:
        filled: list[Record] = []
        _fill(store, filled)
        if records:
            assert filled == records  # every route holds the same journal
        records[:] = filled

    yield from open_route(request, tmp_path_factory, fill)


@pytest.fixture(scope="module", params=ROUTES)
def route(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[Store | Path]:
    yield from _routes(request, tmp_path_factory, records)


@pytest.fixture(scope="module", params=[r for r in ROUTES if r != "sqlite-file"])
def store_route(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[Store | Path]:
    """The routes the timeline takes (it reads through a store)."""
    yield from _routes(request, tmp_path_factory, records)


def _variant(rng: random.Random, piece: str) -> str:
    """A piece of a piece, as someone might type it: cut, recased, accents dropped."""
    start = rng.randrange(len(piece))
    cut = piece[start : start + rng.randint(1, 8)]
    if rng.random() < 0.3:
        cut = cut.swapcase()
    if rng.random() < 0.2:
        cut = fold(cut)
    return cut


def _query(rng: random.Random) -> str:
    clauses = []
    for _ in range(rng.randint(1, 3)):
        shape = rng.random()
        term = _variant(rng, rng.choice(PIECES))
        if shape < 0.15:
            term = f'"{rng.choice(PIECES)} {rng.choice(PIECES)}"'
        elif shape < 0.3:
            term = f"-{term}" if term[0].isalnum() else f"NOT {term}"
        elif shape < 0.45:
            term = f"{term} OR {_variant(rng, rng.choice(PIECES))}"
        clauses.append(term)
    return " ".join(clauses)


QUERIES = [q for q in (_query(random.Random(seed)) for seed in range(160))]


def _holds(term: Term, title: str, body: str) -> bool:
    return term.folded in fold(title) or term.folded in fold(body)


def _passes(query: SearchQuery, title: str, body: str) -> bool:
    def one(option: Term | Not) -> bool:
        if isinstance(option, Not):
            return not _holds(option.term, title, body)
        return _holds(option, title, body)

    return all(
        any(one(o) for o in clause.options) if isinstance(clause, AnyOf) else one(clause)
        for clause in query.clauses
    )


def expected(records: list[Record], text: str) -> set[tuple[str, int]]:
    query = parse(text)
    return {(kind, key) for kind, key, title, body in records if _passes(query, title, body)}


@pytest.mark.parametrize("text", QUERIES)
def test_search_finds_exactly_what_the_rules_say(
    route: Store | Path, records: list[Record], text: str
) -> None:
    hits = search(route, SearchFilter(query=text, limit=len(records) + 1))
    assert {(hit.kind, hit.id) for hit in hits} == expected(records, text), text


TIMELINE_KIND = {"entry": "entry", "goal": "goal-created", "activity": "activity"}


@pytest.mark.parametrize("text", QUERIES[:60])
def test_the_timeline_finds_the_same(store_route: Store, records: list[Record], text: str) -> None:
    route = store_route
    flt = TimelineFilter(query=text)
    page = tl.page(route, flt, limit=len(records) + 1)
    want = {(TIMELINE_KIND[kind], key) for kind, key in expected(records, text)}
    assert {(item.kind, item.id) for item in page.items} == want, text
    assert tl.count(route, flt) == len(want)
    ranked = tl.best_matches(route, flt, limit=len(records) + 1)
    assert {(item.kind, item.id) for item in ranked} == want, text


def test_the_queries_cover_the_syntax() -> None:
    parsed = [parse(text) for text in QUERIES]
    clauses = [c for p in parsed for c in p.clauses]
    terms = [t for p in parsed for t in p.terms()]
    assert any(isinstance(c, Not) for c in clauses)
    assert any(isinstance(c, AnyOf) for c in clauses)
    assert {t.route for t in terms} == {"trigram", "unigram", "scan"}
    assert any(" " in t.folded for t in terms)
