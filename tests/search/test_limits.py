"""A search cut to a few hits lists exactly the first hits of the same search cut to
many, on every route.

The SQLite routes read a kind's matches in one of two ways, chosen by how many there are
for the hits asked for: looked up by id and sorted (few), or the records walked newest
first until enough are found (many). Entries written in an order unlike their dates,
with many whole-word matches and many matches inside longer words, take the walk at a
small ``--limit`` and the look-up at a large one, so the two must agree hit for hit.
And whether a whole-word match holds the query's text is checked either on its text
or through the substring index (by how many are checked): both must agree too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import careerlog.services.search as search_service
from careerlog.services import journal
from careerlog.services.search import WALK_AFTER, SearchFilter, search
from careerlog.store.db import Store
from tests.search.conftest import ROUTES, open_route

MANY = 60
"""Entries of each shape: at --limit 5 or less, many enough to be walked."""
LARGE = 10 * MANY
"""A --limit every kind's matches are looked up for."""


def _fill(store: Store) -> None:
    rng = random.Random(2718)
    start = datetime(2020, 1, 1, 9, 0)
    texts = (
        [f"We deploy on day {n}" for n in range(MANY)]
        + [f"Redeployment number {n} @ops" for n in range(MANY)]
        + [f"Quiet day {n}, nothing shipped" for n in range(MANY)]
    )
    rng.shuffle(texts)
    days = rng.sample(range(5 * len(texts)), len(texts))  # dates unlike the order written
    for text, day in zip(texts, days, strict=True):
        journal.add_entry(store, text, when=start + timedelta(days=day), starred=day % 3 == 0)


@pytest.fixture(scope="module", params=ROUTES)
def route(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store | Path]:
    yield from open_route(request, tmp_path_factory, _fill)


def _listed(route: Store | Path, flt: SearchFilter, limit: int) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in search(route, flt._replace(limit=limit))]


def test_the_shapes_are_many_enough_to_be_walked() -> None:
    assert MANY >= WALK_AFTER * 5
    assert LARGE > MANY * 2 and MANY < WALK_AFTER * LARGE


@pytest.mark.parametrize(
    "flt",
    [
        SearchFilter("deploy"),  # whole words and stems first, then parts of words
        SearchFilter("deployment"),  # 'redeployment' only: a stem of it, and a part
        SearchFilter("day"),  # two shapes, as words
        SearchFilter("deploy -redeployment"),
        SearchFilter("deploy", starred=True),
        SearchFilter("deploy", tags=("ops",)),
        SearchFilter("deploy", not_tags=("ops",)),
        SearchFilter("day", start=date(2020, 6, 1), end=date(2021, 6, 1)),
    ],
    ids=lambda flt: repr(flt._replace(limit=0)),
)
def test_a_small_limit_lists_the_first_hits_of_a_large_one(
    route: Store | Path, flt: SearchFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = _listed(route, flt, LARGE)
    assert len(everything) > 5, "the search must find more than the small limits"
    for limit in (1, 2, 5):
        assert _listed(route, flt, limit) == everything[:limit], limit
    monkeypatch.setattr(search_service, "TEXT_READS", 0)  # the substring index checks all
    for limit in (1, 2, 5, LARGE):
        assert _listed(route, flt, limit) == everything[:limit], ("index", limit)


def test_hits_come_newest_first_within_each_tier(route: Store | Path) -> None:
    hits = search(route, SearchFilter(query="deploy", limit=LARGE))
    words = [hit.when for hit in hits if "redeployment" not in hit.title.lower()]
    parts = [hit.when for hit in hits if "redeployment" in hit.title.lower()]
    assert len(words) == len(parts) == MANY
    assert [hit.when for hit in hits] == sorted(words, reverse=True) + sorted(parts, reverse=True)
