"""careerlog finds at least what jrnl 4.x's ``-contains`` finds, on every route.

The corpus (tests/search/corpus.py) is written to jrnl's own plain-text format and
searched by the real jrnl from ``.venv-jrnl`` (``make jrnl``); the same entries go into
careerlog stores: an SQLite file read through the standard library (``careerlog
search``), the same through SQLAlchemy (the TUI), and PostgreSQL. Without jrnl the test
is skipped, saying why; ``CAREERLOG_REQUIRE_JRNL=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from careerlog.services.journal import add_entry
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import Store
from careerlog.store.search import fold, parse
from tests.conftest import REPO
from tests.search.conftest import ROUTES, open_route
from tests.search.corpus import QUERIES, entries

# Runs the real jrnl, from its own virtualenv, for every query: the e2e tier (make test).
pytestmark = pytest.mark.e2e

JRNL = REPO / ".venv-jrnl" / "bin" / "jrnl"


def _need_jrnl() -> None:
    if JRNL.exists():
        return
    why = "real jrnl missing: run 'make jrnl' to create .venv-jrnl"
    if os.environ.get("CAREERLOG_REQUIRE_JRNL") == "1":
        pytest.fail(why + " (CAREERLOG_REQUIRE_JRNL=1)")
    pytest.skip(why)


def _jrnl_journal(folder: Path) -> Path:
    """The corpus as jrnl writes a journal; returns jrnl's config file."""
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for moment, text in entries():
            out.write(f"[{moment:%Y-%m-%d %H:%M}] {text}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: false\ntagsymbols: '@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def jrnl_found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[datetime]]:
    """For each query, the moments of the entries jrnl's ``-contains`` returns."""
    _need_jrnl()
    config = _jrnl_journal(tmp_path_factory.mktemp("jrnl"))
    found: dict[str, set[datetime]] = {}
    for query in QUERIES:
        done = subprocess.run(
            [str(JRNL), "--config-file", str(config), "-contains", query, "--format", "json"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        # jrnl prints nothing at all (exit 0) when no entry matches.
        listed = json.loads(done.stdout)["entries"] if done.stdout.strip() else []
        found[query] = {datetime.fromisoformat(f"{e['date']} {e['time']}") for e in listed}
    assert sum(map(len, found.values())) > len(QUERIES)  # jrnl read the corpus
    return found


def _fill(store: Store) -> None:
    for moment, text in entries():
        add_entry(store, text, when=moment)


@pytest.fixture(scope="module", params=ROUTES)
def route(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store | Path]:
    """Where careerlog searches the corpus: a path (standard library) or a store."""
    yield from open_route(request, tmp_path_factory, _fill)


def expected(query: str) -> set[datetime]:
    """The entries holding the query's text, compared folded."""
    needle = parse(query).terms()[0].folded
    return {moment for moment, text in entries() if needle in fold.fold(text)}


@pytest.mark.parametrize("query", QUERIES)
def test_careerlog_finds_everything_jrnl_finds(
    route: Store | Path, jrnl_found: dict[str, set[datetime]], query: str
) -> None:
    hits = search(route, SearchFilter(query=query, kinds=("entry",), limit=len(entries())))
    ours = {hit.when for hit in hits}
    assert jrnl_found[query] <= ours, sorted(jrnl_found[query] - ours)
    # ... and nothing that does not hold the text (accents and case aside).
    assert ours == expected(query)


def test_the_comparison_is_not_empty(jrnl_found: dict[str, set[datetime]]) -> None:
    """At least 30 queries where jrnl itself finds something to compare with."""
    assert sum(1 for query in QUERIES if jrnl_found[query]) >= 30


@pytest.mark.parametrize("plain", ["cafe", "zurich", "resume", "lodz", "creme brulee"])
def test_accents_need_not_be_typed(route: Store | Path, plain: str) -> None:
    """Beyond jrnl: a query typed without accents finds the accented words."""
    hits = search(route, SearchFilter(query=plain, kinds=("entry",), limit=len(entries())))
    assert (
        {hit.when for hit in hits}
        == {
            moment for moment, text in entries() if all(w in fold.fold(text) for w in plain.split())
        }
        != set()
    )
