"""Property tests: the parsers that meet what people type or hand over never fail with
anything but their documented error, and export → import keeps arbitrary content.

Examples per property: ``CAREERLOG_RELIABILITY_EXAMPLES`` (default 200, as CI sets it;
the store round trip runs a tenth of that, each example being two stores and an import).
"""

from __future__ import annotations

import json
import shutil
import string
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import find_tags, merge_tags, normalise_tag, printable
from careerlog.domain.when import WEEKDAYS, WhenError, parse_day, parse_when
from careerlog.services.journal import add_entry, recent_entries
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import Store, open_store
from tests.reliability._support import CONTROL_CHARS, entry_texts, env_int

EXAMPLES = env_int("CAREERLOG_RELIABILITY_EXAMPLES", 200)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Near-misses of the WHEN grammar: the words it knows, numbers of every size, ISO
# pieces out of range, odd spacing and case.
_number = st.one_of(st.integers(-5, 10**6).map(str), st.sampled_from(["a", "an", "one", "0"]))
_unit = st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years"])
_word = st.sampled_from(
    [*WEEKDAYS, "today", "now", "yesterday", "tomorrow", "last", "ago", "week", "month", "year"]
)
_iso = st.builds(
    "{}-{}-{}{}".format,
    st.integers(0, 99999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.one_of(
        st.just(""),
        st.builds(" {}:{:02d}".format, st.integers(0, 99), st.integers(0, 99)),
        st.builds(
            "T{}:{:02d}:{:02d}".format, st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)
        ),
    ),
)
_phrase = st.one_of(
    st.builds("{} {} ago".format, _number, _unit),
    st.builds("last {}".format, _word),
    st.lists(_word, min_size=1, max_size=3).map(" ".join),
    _iso,
    st.text(),
    st.text(alphabet=string.digits + "-: T", max_size=25),
)
_moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))
_styled = st.tuples(_phrase, st.sampled_from([str, str.upper, str.title, lambda s: f"  {s}\t"]))


@SETTINGS
@given(_styled, st.one_of(st.none(), _moments))
def test_parse_when_raises_only_when_error(
    styled: tuple[str, object], now: datetime | None
) -> None:
    phrase, style = styled
    text = style(phrase)  # type: ignore[operator]
    try:
        moment = parse_when(text, now)
    except WhenError as error:
        assert str(error), "a WhenError must say what was wrong"
        with pytest.raises(WhenError):
            parse_day(text, now)
        return
    assert isinstance(moment, datetime)
    assert parse_day(text, now) == moment.date()


@SETTINGS
@given(st.integers(0, 9999), st.sampled_from(["day", "week", "month", "year"]), _moments)
def test_n_units_ago_is_in_the_past_or_a_when_error(amount: int, unit: str, now: datetime) -> None:
    try:
        moment = parse_when(f"{amount} {unit}s ago", now)
    except WhenError:
        return
    assert moment.date() <= now.date()
    assert now.date() - moment.date() <= timedelta(days=366 * amount + 1)


@SETTINGS
@given(st.text(), st.lists(st.text(max_size=20), max_size=5))
def test_tag_extraction_never_raises(text: str, given_tags: list[str]) -> None:
    tags = find_tags(text)
    assert all(tag and tag == tag.lower() for tag in tags)
    assert len(tags) == len(set(tags))
    for tag in given_tags:
        normalise_tag(tag)
    try:
        merged = merge_tags(text, given_tags)
    except CareerlogError:
        return  # a given tag with a space in it is refused, by design
    assert set(tags) <= set(merged)


@SETTINGS
@given(st.text())
def test_printable_removes_every_control_character(text: str) -> None:
    shown = printable(text)
    assert not any(ch in CONTROL_CHARS for ch in shown)
    assert all(ch in shown for ch in text if ch not in CONTROL_CHARS)


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("search") / "search.db"))
    add_entry(store, 'quoted "words" AND OR NOT NEAR(x y) col:umn * ^ - + @tag')
    yield store
    store.close()


@SETTINGS
@given(st.text())
def test_search_raises_only_careerlog_errors(searchable: Store, query: str) -> None:
    try:
        search(searchable, SearchFilter(query=query, limit=5))
    except CareerlogError as error:
        assert str(error)


# Arbitrary JSON documents, and near-jrnl documents with wrong types in every field.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_field = st.one_of(_json, st.text(), st.just("2024-02-30"), st.just("25:61"), st.just("2024-01-01"))
_jrnl_entry = st.fixed_dictionaries(
    {},
    optional={
        "title": _field,
        "body": _field,
        "date": _field,
        "time": _field,
        "tags": st.one_of(_field, st.lists(_field, max_size=3)),
        "starred": _field,
    },
)
_jrnl_doc = st.fixed_dictionaries(
    {"entries": st.one_of(_field, st.lists(_jrnl_entry, max_size=4))},
    optional={"tags": _json},
)


@SETTINGS
@given(st.one_of(st.text(), _json.map(json.dumps), _jrnl_doc.map(json.dumps)))
def test_jrnl_importer_raises_only_careerlog_errors(text: str) -> None:
    from careerlog.io.importers.jrnl import parse

    try:
        records, _skipped = parse(text, "jrnl.json")
    except CareerlogError as error:
        assert str(error) and "\n" not in str(error)
        return
    for record in records:
        assert isinstance(record, dict)


@SETTINGS
@given(st.one_of(st.text(), _json.map(json.dumps), _jrnl_doc.map(json.dumps)))
def test_careerlog_importer_raises_only_careerlog_errors(text: str) -> None:
    from careerlog.io.importers.careerlog import parse

    try:
        parse(text, "export.json")
    except CareerlogError as error:
        assert str(error)


@pytest.fixture(scope="module")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store; each example copies it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_store(str(path)).close()
    return path


_entry_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip() != "")
_entries = st.lists(
    st.tuples(
        _entry_text,
        st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31)).map(
            lambda d: d.replace(microsecond=0)
        ),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=max(5, EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_entries)
@example([("standup", datetime(2024, 5, 6, 9, 0), False)] * 2)  # twins used to collapse
def test_export_then_import_keeps_arbitrary_entries(
    empty_store_file: Path, tmp_path: Path, entries: list[tuple[str, datetime, bool]]
) -> None:
    from careerlog.io.export.to_json import export_json
    from careerlog.io.importers.careerlog import import_careerlog

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source_path, target_path = folder / "source.db", folder / "target.db"
    shutil.copyfile(empty_store_file, source_path)
    shutil.copyfile(empty_store_file, target_path)
    source = open_store(str(source_path))
    try:
        for text, when, starred in entries:
            add_entry(source, text, when=when, starred=starred)
        exported = folder / "export.json"
        exported.write_text(export_json(source), encoding="utf-8")
    finally:
        source.close()
    target = open_store(str(target_path))
    try:
        import_careerlog(target, exported)
        again = import_careerlog(target, exported)
        assert not again.imported.get("entries"), "importing the same file twice added entries"
        imported = recent_entries(target, limit=len(entries) + 1)
    finally:
        target.close()
    assert sorted(map(ascii, entry_texts(target_path).values())) == sorted(
        ascii(t) for t, _, _ in entries
    )
    assert sorted((e.text, e.written_at, e.starred) for e in imported) == sorted(entries)
    shutil.rmtree(folder)
