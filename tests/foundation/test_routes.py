"""The routes to the store agree: the same adds, edits, searches, stats and exports give
the same tables and the same outputs whichever way they run.

Three routes: the standard library's sqlite3 on an SQLite file (what ``careerlog add``,
``search``, ``stats``, ``show`` and ``export`` take on an up-to-date store, without
SQLAlchemy); SQLAlchemy on the same kind of file (the TUI, and every other command); and
SQLAlchemy on PostgreSQL. One script of work is played on each, from an empty store:
entries added through the route's own writer, then goals, learning and edits (those have
one writer, on SQLAlchemy, as ``careerlog edit`` and the TUI do), then one more add, then
everything is read back through the route's own reader. The stdlib route is the
reference, and is itself checked against facts written out by hand below.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.domain.records import Record, fields_of
from careerlog.domain.streaks import Grace
from careerlog.io.export import export_text
from careerlog.services import goals, journal, learning
from careerlog.services.quick import quick_add
from careerlog.services.recent import recent_entries
from careerlog.services.search import SearchFilter, search
from careerlog.services.stats import stats
from careerlog.store import db as store_db
from careerlog.store import tables as t
from careerlog.store.db import Store, open_store

TODAY = date(2025, 6, 30)
"""The day the stats are taken on (a fixed one: streaks depend on it)."""

ENTRIES: list[tuple[datetime, str, tuple[str, ...], bool]] = [
    (datetime(999, 1, 1, 9), "Read an old chronicle about guild apprentices @history", (), False),
    (datetime(2024, 3, 4, 9), "Planned the migration with the team @work", ("planning",), False),
    (
        datetime(2024, 3, 5, 9, 0, 0, 250000),
        "Coffee with my mentor about delegation — a café talk, déjà vu",
        (),
        True,
    ),
    (
        datetime(2024, 3, 5, 9),
        "Same moment: 日本語のテキスト, 50% of a _wildcard_ and an 'apostrophe'",
        ("Mentoring",),
        False,
    ),
    (datetime(2025, 1, 1), "New year: pipeline roadmap\n\nSecond paragraph\twith a tab", (), False),
    (
        datetime(2024, 12, 31, 23, 59, 59),
        "Year-end retro: the pipeline launch went well",
        ("retro",),
        True,
    ),
]
LAST = (
    datetime(2025, 2, 3, 8, 15),
    "After the edits: the pipeline review @work",
    ("review",),
    False,
)

SEARCHES: dict[str, SearchFilter] = {
    "a word": SearchFilter(query="pipeline"),
    "a phrase": SearchFilter(query='"pipeline launch"'),
    "a word part": SearchFilter(query="pipel*"),
    "either word": SearchFilter(query="delegation OR chronicle"),
    "a word and not another": SearchFilter(query="pipeline -roadmap"),
    "accents folded": SearchFilter(query="cafe deja"),
    "CJK": SearchFilter(query="日本語"),
    "CJK inside a word": SearchFilter(query="テキスト"),
    "SQL wildcards as text": SearchFilter(query="50% _wildcard_"),
    "a year below 1000": SearchFilter(start=date(999, 1, 1), end=date(999, 12, 31)),
    "a tag": SearchFilter(tags=("work",)),
    "a tag and a word": SearchFilter(query="teams", tags=("migration",)),
    "a tag the edit took away": SearchFilter(tags=("planning",)),
    "starred": SearchFilter(starred=True),
    "a date range": SearchFilter(query="pipeline", start=date(2024, 1, 1), end=date(2024, 12, 31)),
    "goals only": SearchFilter(query="pipeline", kinds=("goal",)),
    "learning only": SearchFilter(query="delegation", kinds=("activity",)),
    "a limit": SearchFilter(query="pipeline", limit=2),
}

NOW_COLUMNS = {"created_at", "updated_at", "chosen_at", "closed_at", "done_at", "taken_at"}
"""Columns a writer fills with "now" (masked in the raw SQLite comparison)."""


@dataclass
class Outcome:
    """Everything a route leaves behind and reads back."""

    ids: list[int]
    tables: dict[str, list[tuple[Any, ...]]]
    searches: dict[str, list[Any]]
    stats: dict[str, Any]
    exports: dict[str, Any]
    recent: list[Any]


def _typed_tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every careerlog table, read through SQLAlchemy's column types (so
    SQLite's text and PostgreSQL's timestamps compare), ordered. Not the store's
    identity: every store has its own, whichever route wrote it."""
    with store.read() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.columns))]
            for table in t.metadata.sorted_tables
            if table is not t.store_identity
        }


class Route:
    """One way to the store: who writes entries, and what the readers are handed."""

    def __init__(self, name: str, location: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.name = name
        self.location = location
        self.store = open_store(location)
        self._monkeypatch = monkeypatch

    @property
    def source(self) -> Store | Path:
        return Path(self.location) if self.name == "stdlib-sqlite" else self.store

    def add(self, when: datetime, text: str, tags: tuple[str, ...], starred: bool) -> int:
        if self.name != "stdlib-sqlite":
            return journal.add_entry(self.store, text, when=when, tags=tags, starred=starred).id
        with self._monkeypatch.context() as patch:
            patch.setattr(store_db, "open_store", _not_on_the_stdlib_route)
            return quick_add(self.location, text, when=when, tags=tags, starred=starred)

    def close(self) -> None:
        self.store.close()


def _not_on_the_stdlib_route(*_args: object, **_kwargs: object) -> Store:
    raise AssertionError("the stdlib route opened the store through SQLAlchemy")


def play(route: Route) -> Outcome:
    since = datetime.now().replace(microsecond=0)
    ids = [route.add(*entry) for entry in ENTRIES]
    store = route.store
    goal = goals.add_goal(store, "Own the pipeline roadmap", why="It is where the work is")
    learning.log_activity(
        store, "Delegation course", ActivityKind.COURSE, day=date(2024, 3, 6), minutes=90
    )
    learning.log_activity(
        store, "Guild history lecture", ActivityKind.TRAINING, day=date(999, 2, 1), minutes=45
    )
    goals.set_status(store, goal.id, GoalStatus.ACHIEVED)
    journal.update_entry(
        store, ids[1], "Planned the migration with two teams @work", tags=["migration"]
    )
    journal.set_starred(store, ids[3], True)
    journal.delete_entry(store, ids[4])  # not the newest id: SQLite would hand it out again
    ids.append(route.add(*LAST))
    source = route.source
    searches = {label: search(source, flt) for label, flt in SEARCHES.items()}
    figures = {
        str(year): stats(source, year, today=TODAY, grace=Grace.NONE)
        for year in (None, 999, 2024, 2025)
    }
    exports: dict[str, Any] = {}
    for label, fmt, start, end in (
        ("json, everything", "json", None, None),
        ("json, 2024", "json", date(2024, 1, 1), date(2024, 12, 31)),
        ("md, 2024", "md", date(2024, 1, 1), date(2024, 12, 31)),
        ("html, 2024", "html", date(2024, 1, 1), date(2024, 12, 31)),
        ("md, year 999", "md", date(999, 1, 1), date(999, 12, 31)),
    ):
        exports[label] = _without_export_time(export_text(source, fmt, start, end), fmt)
    recent = [
        recent_entries(source, limit=3),
        recent_entries(source, limit=10, before=datetime(2024, 3, 5, 9, 0, 0, 250000)),
    ]
    until = datetime.now()  # an edit's stamp has microseconds
    outcome = Outcome(ids, _typed_tables(store), searches, figures, exports, recent)
    return _masked(outcome, since, until)  # type: ignore[no-any-return]


def _masked(value: Any, since: datetime, until: datetime) -> Any:
    """``value`` with every moment of this run ("now", as the writers stamp records)
    replaced by ``"<now>"``: the routes ran a few seconds apart. Every moment the script
    gives is in 2025 or before, so nothing else is touched."""
    if isinstance(value, datetime):
        return "<now>" if since <= value <= until else value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return "<now>" if since <= moment <= until else value
    if isinstance(value, dict):
        return {key: _masked(item, since, until) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item, since, until) for item in value]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple (a hit)
        return type(value)(*(_masked(item, since, until) for item in value))
    if isinstance(value, tuple):
        return tuple(_masked(item, since, until) for item in value)
    if isinstance(value, Record):  # a domain record: built again from its masked fields
        masked = (_masked(getattr(value, name), since, until) for name in fields_of(value))
        return type(value)(*masked)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _masked(getattr(value, f.name), since, until) for f in fields(value)}
        return replace(value, **changes)
    return value


def _without_export_time(text: str, fmt: str) -> Any:
    """The export with the moment it was made taken out (the only part that may differ)."""
    if fmt == "json":
        document = json.loads(text)
        document.pop("exported_at")
        return document
    return re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", "<moment>", text)


@pytest.fixture
def route_at(
    tmp_path: Path,
    new_store_file: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[str], Route]]:
    """``route_at(name)``: a route of that name on a fresh, empty store."""
    opened: list[Route] = []

    def make(name: str) -> Route:
        if name == "postgresql":
            location = request.getfixturevalue("pg_url")
        else:
            location = str(new_store_file(tmp_path / f"{name}.db"))
        opened.append(Route(name, location, monkeypatch))
        return opened[-1]

    yield make
    for route in opened:
        route.close()


@pytest.fixture
def reference(route_at: Callable[[str], Route]) -> Outcome:
    return play(route_at("stdlib-sqlite"))


def test_the_stdlib_route_stores_and_finds_what_was_written(reference: Outcome) -> None:
    """The reference is right on its own terms, so routes agreeing means agreeing on
    the right answer."""
    assert reference.ids == [1, 2, 3, 4, 5, 6, 7]
    entries = {row[0]: row for row in reference.tables["entry"]}
    assert sorted(entries) == [1, 2, 3, 4, 6, 7]  # 5 was deleted
    assert entries[1][1] == datetime(999, 1, 1, 9)
    assert entries[2][2] == "Planned the migration with two teams @work"
    tags = reference.tables["entry_tag"]
    assert (2, "migration") in tags and (2, "planning") not in tags
    assert (4, "mentoring") in tags
    found = {
        label: [(hit.kind, hit.id) for hit in hits] for label, hits in reference.searches.items()
    }
    # Newest first: the goal was set today, after every entry's date.
    assert found["a word"] == [("goal", 1), ("entry", 7), ("entry", 6)]
    assert found["a word part"] == found["a word"]
    assert found["a phrase"] == [("entry", 6)]
    assert found["accents folded"] == [("entry", 3)]
    assert found["SQL wildcards as text"] == [("entry", 4)]
    assert found["a year below 1000"] == [("activity", 2), ("entry", 1)]
    assert found["a tag"] == [("entry", 7), ("entry", 2)]
    assert found["a tag and a word"] == [("entry", 2)]
    assert found["a tag the edit took away"] == []
    assert found["starred"] == [("entry", 6), ("entry", 3), ("entry", 4)]
    assert found["a date range"] == [("entry", 6)]
    assert found["goals only"] == [("goal", 1)]
    assert found["learning only"] == [("activity", 1)]
    assert found["a limit"] == found["a word"][:2]
    assert found["either word"] == [("activity", 1), ("entry", 3), ("entry", 1)]
    # The goal "Own the pipeline roadmap" and entry 5 (deleted) hold the word left out.
    assert found["a word and not another"] == [("entry", 7), ("entry", 6)]
    assert found["CJK"] == [("entry", 4)]
    assert found["CJK inside a word"] == [("entry", 4)]
    assert reference.stats["999"].entries == 1
    assert reference.stats["2024"].entries == 4
    assert reference.stats["None"].entries == 6
    assert reference.exports["json, everything"]["entries"][0]["written_at"].startswith("0999-")


@pytest.mark.parametrize("name", ["sqlalchemy-sqlite", "postgresql"])
def test_every_route_stores_and_reads_what_the_stdlib_route_does(
    name: str, reference: Outcome, route_at: Callable[[str], Route]
) -> None:
    other = play(route_at(name))
    assert other.ids == reference.ids
    assert other.tables == reference.tables
    for label, hits in reference.searches.items():
        # One snippet function serves every route: the very same hits and snippets.
        assert other.searches[label] == hits, label
    assert other.stats == reference.stats
    for label, document in reference.exports.items():
        assert other.exports[label] == document, label
    assert other.recent == reference.recent


def _stored(column: str, value: object) -> tuple[str, object]:
    """A value as SQLite stored it: its storage class (1 and 1.0 differ) and the value;
    a "now" stamp keeps only its shape (digits masked: an edit's stamp has microseconds)."""
    if column in NOW_COLUMNS and isinstance(value, str):
        value = re.sub(r"\d", "9", value)
    return type(value).__name__, value


def _raw(path: str) -> dict[str, list[tuple[Any, ...]]]:
    """The SQLite file's rows as stored: storage classes and values."""
    con = sqlite3.connect(path)
    try:
        names = [
            str(row[0])
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'store_identity' ORDER BY name"  # each store's own
            )
        ]
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for name in names:
            columns = [str(row[1]) for row in con.execute(f'PRAGMA table_info("{name}")')]
            rows = con.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            dump[name] = [
                tuple(_stored(column, value) for column, value in zip(columns, row, strict=True))
                for row in rows
            ]
        return dump
    finally:
        con.close()


def test_both_transports_store_the_same_bytes_on_sqlite(
    route_at: Callable[[str], Route],
) -> None:
    """Not only the same values: the same stored text (four-digit years, microseconds,
    integers for flags and counts), and the same full-text index, on both SQLite routes."""
    fast, full = route_at("stdlib-sqlite"), route_at("sqlalchemy-sqlite")
    play(fast)
    play(full)
    fast.close()
    full.close()
    assert _raw(fast.location) == _raw(full.location)
    entries = {row[0][1]: row for row in _raw(fast.location)["entry"]}
    assert entries[1][1] == ("str", "0999-01-01 09:00:00.000000")
    assert entries[3][1] == ("str", "2024-03-05 09:00:00.250000")
    assert entries[7][3] == ("int", 0)  # starred, an integer
    assert entries[7][4] == ("str", "9999-99-99 99:99:99.999999")  # created_at: "now", masked
