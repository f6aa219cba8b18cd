"""Importing a journal written and exported by the real jrnl (4.x, its own venv)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from careerlog.domain.errors import CareerlogError
from careerlog.io.importers.jrnl import import_jrnl
from careerlog.services.exchange.importing import count_records
from careerlog.services.journal import recent_entries
from careerlog.store.db import Store

REPO = Path(__file__).resolve().parents[2]
JRNL = REPO / ".venv-jrnl" / "bin" / "jrnl"

needs_jrnl = pytest.mark.skipif(
    not JRNL.exists(), reason="real jrnl missing: run 'make jrnl' to create .venv-jrnl"
)

ENTRIES = [
    "2019-03-04 10:15: Café déjà vu @Work with ünïcode — 日本語",
    "2021-06-01 08:00: *Starred title\nBody line one about @mentoring.\n\nBody para two.",
    "2024-12-31 23:59: *New year eve 🎉",
    "2025-01-02 07:05: Plain title\nFirst paragraph.\n\nSecond paragraph @team-lead.\n\nThird.",
]


def _jrnl(config: Path, *args: str) -> str:
    done = subprocess.run(
        [str(JRNL), "--config-file", str(config), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def jrnl_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal written by jrnl itself, then exported with ``jrnl --format json``."""
    if not JRNL.exists():
        pytest.skip("real jrnl missing: run 'make jrnl' to create .venv-jrnl")
    folder = tmp_path_factory.mktemp("jrnl")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {folder / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )
    for text in ENTRIES:
        _jrnl(config, text)
    export = folder / "export.json"
    export.write_text(_jrnl(config, "--format", "json"), encoding="utf-8")
    return export


@needs_jrnl
def test_every_field_of_a_real_jrnl_journal_comes_in(store: Store, jrnl_export: Path) -> None:
    exported = json.loads(jrnl_export.read_text(encoding="utf-8"))["entries"]
    assert len(exported) == 4  # jrnl wrote what we asked

    report = import_jrnl(store, jrnl_export)

    assert report.imported == {"entries": 4}
    assert report.skipped == ()
    entries = sorted(recent_entries(store, limit=10), key=lambda e: e.written_at)
    assert [e.written_at for e in entries] == [
        datetime(2019, 3, 4, 10, 15),
        datetime(2021, 6, 1, 8, 0),
        datetime(2024, 12, 31, 23, 59),
        datetime(2025, 1, 2, 7, 5),
    ]
    assert entries[0].text == "Café déjà vu @Work with ünïcode — 日本語"
    assert entries[1].text == "Starred title\nBody line one about @mentoring.\n\nBody para two."
    assert entries[3].text == (
        "Plain title\nFirst paragraph.\n\nSecond paragraph @team-lead.\n\nThird."
    )
    assert [e.starred for e in entries] == [False, True, True, False]
    assert set(entries[0].tags) == {"work"}
    assert set(entries[1].tags) == {"mentoring"}
    assert entries[2].tags == ()
    assert set(entries[3].tags) == {"team-lead"}
    for entry, source in zip(entries, exported, strict=True):
        assert entry.text.startswith(source["title"])
        assert source["body"].strip() in entry.text
        assert {f"@{t}" for t in entry.tags} == set(source["tags"])


@needs_jrnl
def test_importing_the_same_jrnl_file_again_adds_nothing(store: Store, jrnl_export: Path) -> None:
    import_jrnl(store, jrnl_export)
    again = import_jrnl(store, jrnl_export)
    assert again.total == 0
    assert [s.why for s in again.skipped] == ["already in the store"] * 4
    assert count_records(store) == 4


@needs_jrnl
def test_an_import_takes_a_backup_of_the_store_first(store: Store, jrnl_export: Path) -> None:
    report = import_jrnl(store, jrnl_export)
    assert report.backup is not None and report.backup.exists()
    assert report.backup.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(report.backup) as copy:  # the store as it was: no entries yet
        assert copy.execute("SELECT count(*) FROM entry").fetchone() == (0,)


def test_a_repeated_entry_in_the_file_is_skipped_and_said_why(store: Store, tmp_path: Path) -> None:
    entry = {
        "title": "Same",
        "body": "",
        "date": "2020-01-01",
        "time": "09:00",
        "tags": [],
        "starred": False,
    }
    empty = {**entry, "title": "", "date": "2020-01-02"}
    file = tmp_path / "j.json"
    file.write_text(json.dumps({"tags": {}, "entries": [entry, entry, empty]}), encoding="utf-8")
    report = import_jrnl(store, file)
    assert report.imported == {"entries": 1}
    assert [s.why for s in report.skipped] == [
        "the same entry appears earlier in the file",
        "it has no text",
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"entries": [', "is not valid JSON"),
        ('{"journal": []}', "is not a jrnl JSON export"),
        (
            '{"entries": [{"title": "ok", "body": "", "date": "2020-01-01", "time": "09:00",'
            ' "tags": [], "starred": false}, {"title": "bad", "date": "2020-13-45"}]}',
            "entry 2 has an unreadable date",
        ),
    ],
)
def test_a_malformed_jrnl_file_imports_nothing_and_says_why(
    store: Store, tmp_path: Path, content: str, said: str
) -> None:
    file = tmp_path / "j.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(CareerlogError, match=said):
        import_jrnl(store, file)
    assert count_records(store) == 0
