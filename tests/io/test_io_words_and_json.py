"""Each entry's stored word count, kept by every writer, and the JSON export whose
entries SQLite encodes: the same text, byte for byte, as the Python encoder writes."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from tests.conftest import run_cli
from tests.inprocess import InProcessCli

from careerlog.domain.text import json_safe, json_safe_utf8
from careerlog.io.export.to_json import dumps, export_json
from careerlog.io.importers.careerlog import import_careerlog
from careerlog.sample import generate_journal
from careerlog.services.exchange.records import Encoded, document
from careerlog.services.journal import add_entry, set_starred, update_entry
from careerlog.services.stats import stats
from careerlog.services.summary import summarize
from careerlog.store.db import Store

HOSTILE = (
    'quotes " and \\ backslash\ttab\r\nCRLF \x1b[2J \x7f \x08\x0c '
    "emoji 👩‍👩‍👧‍👦 漢字 שלום \u2028 \u2029 \u00a0no-break\u3000ideographic </script> @Hostile"
)


def _words(db: Path) -> list[tuple[int, str, int | None]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, text, words FROM entry ORDER BY id").fetchall()
    finally:
        con.close()


def _counted_right(db: Path) -> None:
    rows = _words(db)
    assert rows
    assert [(i, words) for i, _, words in rows] == [(i, len(text.split())) for i, text, _ in rows]


def test_every_writer_stores_the_word_count(
    store: Store, tmp_path: Path, run: InProcessCli
) -> None:
    db = store.path
    assert db is not None
    entry = add_entry(store, "three small words")
    add_entry(store, HOSTILE, when=datetime(2024, 5, 1, 9, 30, 15, 250000))
    _counted_right(db)

    update_entry(store, entry.id, "now it has five words")
    set_starred(store, entry.id, True)
    assert dict((i, w) for i, _, w in _words(db))[entry.id] == 5

    # The CLI's stdlib fast path and its fallback both fill it. A child process: which
    # route an add takes depends on what its interpreter has loaded.
    added = run_cli("--db", str(db), "add", "one two\u00a0three\tfour")
    assert added.returncode == 0, added.stderr
    assert _words(db)[-1][1:] == ("one two\u00a0three\tfour", 4)

    # Imports (a careerlog backup) and the sample generator write through Core inserts.
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(store), encoding="utf-8")
    other = tmp_path / "other.db"
    copied = run("--db", str(other), "import", "careerlog", str(backup))
    assert copied.returncode == 0, copied.stderr
    _counted_right(other)
    generate_journal(store, entries=50, years=0.2, end=date(2024, 12, 31))
    _counted_right(db)


def test_totals_never_come_up_short_when_a_count_is_missing(store: Store) -> None:
    add_entry(store, "alpha beta gamma", when=datetime(2024, 3, 1, 9, 0))
    add_entry(store, "delta epsilon", when=datetime(2024, 3, 2, 9, 0))
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE entry SET words = NULL WHERE text LIKE 'delta%'")

    assert stats(store, 2024).words == 5
    assert summarize(store, date(2024, 1, 1), date(2024, 12, 31)).writing.words == 5
    assert summarize(store.path, date(2024, 1, 1), date(2024, 12, 31)).writing.words == 5  # type: ignore[arg-type]


def test_sqlite_encodes_entries_exactly_as_python_does(filled: Store) -> None:
    add_entry(
        filled,
        HOSTILE,
        when=datetime(2024, 5, 1, 9, 30, 15, 250000),
        tags=["zeta", "alpha", "Ünïcode"],
        starred=True,
        competencies=["team-leadership", "communication"],
    )
    db = filled.path
    assert db is not None
    for start, end in ((date(2024, 1, 1), date(2024, 12, 31)), (None, None)):
        in_sql = document(db, start, end, today=date(2025, 1, 1), encode_entries=True)
        in_python = document(filled, start, end, today=date(2025, 1, 1))
        assert isinstance(in_sql["entries"], Encoded) and in_sql["entries"]
        assert not isinstance(in_python["entries"], Encoded)
        in_sql["exported_at"] = in_python["exported_at"]
        assert dumps(in_sql) == dumps(in_python)
    # And what comes out is the document: every word of the hostile entry survives.
    data = json.loads(export_json(db, date(2024, 1, 1), date(2024, 12, 31)))
    hostile = [e for e in data["entries"] if e["text"] == HOSTILE]
    assert len(hostile) == 1
    assert hostile[0]["written_at"] == "2024-05-01T09:30:15.250000"
    assert hostile[0]["tags"] == ["alpha", "hostile", "zeta", "ünïcode"]
    assert hostile[0]["competencies"] == [
        {"track": "management", "key": "communication", "version": 1},
        {"track": "management", "key": "team-leadership", "version": 1},
    ]
    assert hostile[0]["starred"] is True


def test_the_cli_export_of_a_year_reads_back_into_an_identical_store(
    filled: Store, other: Store, tmp_path: Path, run: InProcessCli
) -> None:
    db = filled.path
    assert db is not None
    exported = run("--db", str(db), "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    file = tmp_path / "all.json"
    file.write_text(exported.stdout, encoding="utf-8")
    import_careerlog(other, file)
    again = json.loads(export_json(other))
    first = json.loads(exported.stdout)
    for data in (first, again):
        data.pop("exported_at")
    assert again == first
    assert len(first["entries"]) == 4


def test_entries_sqlite_encoded_get_the_escapes_any_json_text_gets() -> None:
    # The export writes SQLite's UTF-8 as it is; what json_safe escapes in text it must
    # escape in these bytes too, whether the rest is ASCII or not.
    cases = [
        ['{"t":"plain"}', '{"t":"ascii with DEL \x7f"}'],
        ['{"t":"漢字 and a C1 CSI \x9b31m"}', '{"t":"plain"}'],
        ['{"t":"a line separator \u2028 and a paragraph one \u2029"}'],
        ['{"t":"no-break\u00a0space, é and 👩‍👩‍👧‍👦 stay as they are"}'],
    ]
    for records in cases:
        written = json_safe_utf8([r.encode("utf-8") for r in records], b",\n    ")
        assert written == json_safe(",\n    ".join(records)).encode("utf-8")
        assert json.loads(b"[" + written + b"]") == [json.loads(r) for r in records]
    assert b"\x7f" not in json_safe_utf8([b'"\x7f"'], b",")
    assert "\x9b" not in json_safe_utf8(['"\x9b"'.encode()], b",").decode("utf-8")


def test_an_entry_that_is_not_utf8_stops_the_export_with_one_line(
    filled: Store, tmp_path: Path, run: InProcessCli
) -> None:
    db = filled.path
    assert db is not None
    con = sqlite3.connect(db)
    with con:  # what a hand edit of the file can leave; careerlog never writes it
        con.execute("UPDATE entry SET source_key = CAST(x'6f6bff' AS TEXT) || id")
    con.close()
    target = tmp_path / "out.json"
    for where in ([], ["-o", str(target)]):
        exported = run("--db", str(db), "export", "--format", "json", *where)
        assert exported.returncode == 1
        assert exported.stdout == ""
        assert exported.stderr.count("\n") == 1
        assert "not UTF-8" in exported.stderr and "unexpected" not in exported.stderr
    assert not target.exists()
