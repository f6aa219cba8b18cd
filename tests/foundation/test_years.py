"""Every year from 1 to 9999 round-trips on every route: the fast add, the SQLAlchemy
writers, the stdlib reads (search, stats, export) and the SQLAlchemy reads."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.services import journal
from careerlog.store import stamps
from careerlog.store.db import open_store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def test_an_entry_dated_in_year_999_reads_back_and_search_and_stats_keep_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "old.db")
    run(capsys, "--db", db, "add", "a recent note on mentoring")  # creates the store
    old_id = int(run(capsys, "--db", db, "add", "--date", "0999-01-01", "mentoring in 999"))
    run(capsys, "--db", db, "add", "--date", "0001-01-01", "mentoring in year one")
    run(
        capsys,
        "--db",
        db,
        "add",
        "--future",
        "--date",
        "9999-12-31",
        "mentoring at the end of time",
    )

    found = json.loads(run(capsys, "--db", db, "search", "mentoring", "--json"))
    assert [h["when"][:10] for h in found] == [
        "9999-12-31",
        date.today().isoformat(),
        "0999-01-01",
        "0001-01-01",
    ]
    between = ["--from", "0900-01-01", "--to", "1000-01-01"]
    ranged = json.loads(run(capsys, "--db", db, "search", "mentoring", "--json", *between))
    assert [h["id"] for h in ranged] == [old_id]

    stats = json.loads(run(capsys, "--db", db, "stats", "--json", "--year", "999"))
    assert (stats["entries"], stats["words"]) == (1, 3)
    assert json.loads(run(capsys, "--db", db, "stats", "--json"))["entries"] == 4

    exported = json.loads(run(capsys, "--db", db, "export", "--format", "json", "--year", "999"))
    assert [(e["written_at"], e["text"]) for e in exported["entries"]] == [
        ("0999-01-01T09:00:00", "mentoring in 999")
    ]

    # What a person reads says the year with four digits everywhere, as ISO does.
    assert "0999-01-01 09:00" in run(capsys, "--db", db, "show", "-n", "10")
    plain = run(capsys, "--db", db, "search", "mentoring", *between)
    assert plain.startswith("0999-01-01 09:00"), plain
    markdown = run(capsys, "--db", db, "export", "--format", "md", "--year", "999")
    assert "01 Jan 0999 to 31 Dec 0999" in markdown and "0999-01-01 09:00" in markdown
    page = tmp_path / "999.html"
    run(capsys, "--db", db, "export", "--format", "html", "--year", "999", "-o", str(page))
    assert "0999-01-01 09:00" in page.read_text(encoding="utf-8")
    assert " 999-01-01" not in markdown + page.read_text(encoding="utf-8")

    store = open_store(db)
    try:  # the SQLAlchemy route reads the same moment
        assert journal.get_entry(store, old_id).written_at == datetime(999, 1, 1, 9, 0)
        oldest = journal.recent_entries(store, limit=10)[-1]
        assert oldest.written_at == datetime(1, 1, 1, 9, 0)
    finally:
        store.close()


@pytest.mark.parametrize("year", [1, 9, 99, 999, 1000, 2025, 9999])
def test_the_stored_text_sorts_in_date_order_and_reads_back(year: int) -> None:
    moment = datetime(year, 2, 3, 4, 5, 6, 7)
    text = stamps.moment_text(moment)
    assert len(text) == 26
    assert stamps.to_moment(text) == moment
    assert stamps.to_day(text) == moment.date()
    assert stamps.iso_moment(text) == moment.isoformat()
    assert stamps.first_moment(moment.date()) <= text <= stamps.last_moment(moment.date())
    assert stamps.moment_text(datetime(year - 1, 12, 31) if year > 1 else moment) <= text


def test_a_store_holding_a_three_digit_year_is_repaired_when_it_is_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What an earlier careerlog wrote for ``add --date 0999-01-01`` ("999-01-01 …")
    is given its four-digit year by migration 0005, and the store reads again."""
    from alembic import command

    from careerlog.store.migrate import alembic_config

    db = tmp_path / "written-before.db"
    store = open_store(str(db), migrate=False)  # a store as that careerlog left it: 0004
    try:
        config = alembic_config(store)
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0004_entry_words")
    finally:
        store.close()
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO entry (written_at, text, starred, created_at, updated_at, words) VALUES "
        "('999-01-01 09:00:00.000000', 'written by an older careerlog', 0, "
        "'2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000', 5)"
    )
    con.commit()
    con.close()
    # The next command to open it migrates it (after a backup), and it reads again.
    found = json.loads(run(capsys, "--db", str(db), "search", "older", "--json"))
    assert [h["when"] for h in found] == ["0999-01-01T09:00:00"]
