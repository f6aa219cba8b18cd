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
from careerlog.store.db import Store
from careerlog.store.search import postgres as pg_index
from careerlog.store.search import sqlite as sqlite_index

SRC = Path(careerlog.__file__).parent
VERSIONS = SRC / "store" / "migrations" / "versions"


def migration(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"migration_{name}", VERSIONS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_initial_index_triggers_agree_with_the_kinds_table() -> None:
    frozen = migration("0001_initial")._KINDS
    for table, (code, title, body) in frozen.items():
        (kind,) = [k for k in contract.KINDS if k.table == table]
        assert kind.code == code
        assert title == (f"new.{kind.title}" if kind.title else "''")
        assert body == f"new.{kind.body}"
    assert {k.table for k in contract.KINDS} == set(frozen) | LATER_KINDS


def test_the_postgresql_indexes_agree_with_the_kinds_table() -> None:
    frozen = migration("0003_pg_search")
    for table, document in frozen._DOCUMENTS.items():
        (kind,) = [k for k in contract.KINDS if k.table == table]
        assert document == pg_index.document(kind)
        # The planner uses an expression index only for the very same expression.
        assert frozen._vector(document) == pg_index.vector(pg_index.document(kind))
    assert {k.table for k in contract.KINDS} == set(frozen._DOCUMENTS) | LATER_KINDS


LATER_KINDS = {"feedback"}
"""Kinds made searchable after 0001 and 0003, each by a migration of its own."""


def test_the_feedback_index_of_0007_agrees_with_the_kinds_table() -> None:
    frozen = migration("0007_feedback")
    kind = contract.BY_NAME["feedback"]
    assert frozen.CODE == kind.code and (frozen._TITLE, frozen._BODY) == (
        f"new.{kind.title}",
        f"new.{kind.body}",
    )
    assert f"new.id * {contract.kinds.STRIDE} + {kind.code}" in frozen._INDEX
    assert f"old.id * {contract.kinds.STRIDE} + {kind.code}" in frozen._UNINDEX
    assert frozen._DOCUMENT == pg_index.document(kind)
    assert frozen._vector(frozen._DOCUMENT) == pg_index.vector(pg_index.document(kind))


def test_the_entry_trigger_of_0004_agrees_with_the_kinds_table() -> None:
    frozen = migration("0004_entry_words")
    entry = contract.BY_NAME["entry"]
    assert f"new.id * {contract.kinds.STRIDE} + {entry.code}" in frozen._INDEX
    assert f"new.{entry.body}" in frozen._INDEX
    assert f"old.id * {contract.kinds.STRIDE} + {entry.code}" in frozen._UNINDEX


def test_rowids_name_their_record() -> None:
    for kind in contract.KINDS:
        assert contract.split(contract.rid(kind, 12345)) == (kind, 12345)
    assert len({k.code for k in contract.KINDS}) == len(contract.KINDS)
    assert all(0 <= k.code < contract.kinds.STRIDE for k in contract.KINDS)


SEARCH_SQL = re.compile(r"\bsnippet\(|bm25\(|ts_headline|to_tsquery|search_index|ts_rank")


def test_search_sql_is_written_only_in_the_contract() -> None:
    writers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and SEARCH_SQL.search(path.read_text(encoding="utf-8"))
    }
    assert writers == {
        "store/search/sqlite.py",
        "store/search/postgres.py",
        "store/search/query.py",  # names the tsquery syntax it renders
    }
    snippets = [
        p for p in writers if re.search(r"\bsnippet\(", (SRC / p).read_text(encoding="utf-8"))
    ]
    assert snippets == ["store/search/sqlite.py"]


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
    assert long_one.snippet.startswith(f"{WORD} rollout")
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


def test_the_guard_spares_ordinary_long_records(store: Store) -> None:
    text = "status meeting notes. " * 400 + f"then the {WORD} upgrade went well"
    assert len(text) < sqlite_index.SNIPPET_MAX_CHARS
    journal.add_entry(store, text)
    item = tl.page(store, TimelineFilter(query=WORD)).items[0]
    assert f"\x02{WORD}\x03 upgrade" in item.snippet
