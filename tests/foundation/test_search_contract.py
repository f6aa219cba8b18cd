"""The search-index contract holds every rule of search: the frozen migrations agree
with it, no other module writes search SQL, and every route through it stays fast on a
record that makes FTS5's snippet() quadratic."""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path
from types import ModuleType

import pytest

import careerlog
from careerlog.cli import main
from careerlog.domain.timeline import TimelineFilter
from careerlog.services import journal
from careerlog.services import timeline as tl
from careerlog.store import search as contract
from careerlog.store import sqlite
from careerlog.store.db import Store
from careerlog.store.search import fold
from careerlog.store.search import postgres as pg_index
from careerlog.store.search import snippets as snippet_rules

SRC = Path(careerlog.__file__).parent
VERSIONS = SRC / "store" / "migrations" / "versions"


def migration(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"migration_{name}", VERSIONS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_newest_search_migration_agrees_with_the_contract() -> None:
    frozen = migration("0009_search_substrings")
    assert frozen.SHIFT == contract.kinds.SHIFT
    assert {table: (code, title, body) for table, (code, title, body) in frozen.KINDS.items()} == {
        kind.table: (kind.code, kind.title, kind.body) for kind in contract.KINDS
    }
    for kind in contract.KINDS:
        # The planner uses an expression index only for the very same expression.
        assert frozen._pg_document(kind.title, kind.body) == pg_index.document(kind)


def test_the_server_fold_is_written_from_the_python_fold() -> None:
    frozen = migration("0009_search_substrings")
    blocks = [f"\\u{low:04x}-\\u{high:04x}" for low, high in fold.ACCENTS]
    assert frozen.ACCENTS == "[" + "".join(blocks) + "]"
    assert set(map(chr, frozen.INVISIBLE)) == set(fold.INVISIBLE)
    assert "".join(map(chr, (0, *frozen.CONTROLS))) == fold.CONTROLS
    for letter, plain in (*zip(*frozen.LETTERS, strict=True), *frozen.LIGATURES):
        assert fold.fold(letter) == plain, letter


def test_the_way_back_restores_what_0001_0003_and_0007_made() -> None:
    frozen = migration("0009_search_substrings")
    feedback = migration("0007_feedback")
    assert frozen.OLD_KINDS == {
        **migration("0001_initial")._KINDS,
        "feedback": (feedback.CODE, feedback._TITLE, feedback._BODY),
    }
    assert frozen.OLD_DOCUMENTS == {
        **migration("0003_pg_search")._DOCUMENTS,
        "feedback": feedback._DOCUMENT,
    }


def test_every_kind_is_kept_in_step_by_triggers(store: Store) -> None:
    assert store.path is not None
    con = sqlite.connect(store.path, "read")
    try:
        triggers = {
            row[0]
            for row in con.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        }
    finally:
        con.close()
    assert {kind.table for kind in contract.KINDS} <= triggers


def test_rowids_name_their_record() -> None:
    for kind in contract.KINDS:
        assert contract.split(contract.rid(kind, 12345)) == (kind, 12345)
        low, high = contract.kinds.span(kind)
        assert low <= contract.rid(kind, 1) < contract.rid(kind, 2**39) < high
    assert len({k.code for k in contract.KINDS}) == len(contract.KINDS)


SEARCH_SQL = re.compile(
    r"\bsnippet\(|bm25\(|ts_headline|tsquery|search_index|search_words|ts_rank|careerlog_fold"
)


def test_search_sql_is_written_only_in_the_contract() -> None:
    writers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and SEARCH_SQL.search(path.read_text(encoding="utf-8"))
    }
    assert writers == {
        "store/search/sqlite.py",
        "store/search/postgres.py",
        "store/search/fold.py",  # names the SQL functions it provides
    }
    # Snippets are cut from the records' own text by one function for both backends:
    # neither FTS5's snippet() nor PostgreSQL's ts_headline is called anywhere.
    headline = re.compile(r"\bsnippet\(|ts_headline")
    assert not [p for p in writers if headline.search((SRC / p).read_text(encoding="utf-8"))]


WORD = "kubernetes"


@pytest.fixture
def huge(store: Store) -> Store:
    """One 1 MB entry holding the word 50,000 times, among ordinary ones."""
    journal.add_entry(store, f"a short note about {WORD}")
    journal.add_entry(store, f"{WORD} rollout, " * 50_000)
    journal.add_entry(store, "nothing to see")
    return store


def within_a_second(call: object) -> object:
    started = time.perf_counter()
    result = call()  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    return result


def test_timeline_search_over_a_one_megabyte_entry_is_quick(huge: Store) -> None:
    flt = TimelineFilter(query=WORD)
    total, first = within_a_second(lambda: tl.open_view(huge, flt))  # type: ignore[misc]
    assert total == 2
    long_one = next(item for item in first.items if item.id == 2)
    assert long_one.snippet.startswith(f"\x02{WORD}\x03 rollout")
    assert within_a_second(lambda: tl.page(huge, flt)).items == first.items  # type: ignore[attr-defined]
    ranked = within_a_second(lambda: tl.best_matches(huge, flt))
    assert {item.id for item in ranked} == {1, 2}  # type: ignore[attr-defined]


def test_cli_search_over_a_one_megabyte_entry_is_quick(
    huge: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert huge.path is not None
    code = within_a_second(lambda: main(["--db", str(huge.path), "search", WORD]))
    assert code == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2 and len(out) < 2000


def test_a_match_past_the_guard_shows_the_opening(store: Store) -> None:
    far = "status meeting notes. " * (snippet_rules.SCAN_CHARS // 20)
    journal.add_entry(store, far + f"then the {WORD} upgrade went well")
    journal.add_entry(store, "status meeting notes. " * 400 + f"then the {WORD} upgrade went well")
    far_item, near_item = tl.page(store, TimelineFilter(query=WORD)).items[::-1]
    assert far_item.snippet.startswith("status meeting notes.") and "\x02" not in far_item.snippet
    assert f"\x02{WORD}\x03 upgrade" in near_item.snippet
