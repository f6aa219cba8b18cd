"""The CLI contract, run as a person would. Most tests call ``careerlog.cli.main`` in this
process (the ``cli`` and ``run`` fixtures); the real command in a child process checks
what only a process shows: a real pipe on stdin and the exit code of the entry point."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import run_cli


def rows(db: str, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def one_line_error(result: object) -> str:
    """A user error: exit 1, exactly one line on stderr, no traceback, nothing on stdout."""
    assert result.returncode == 1, result  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert result.stdout == ""  # type: ignore[attr-defined]
    return str(err)


def test_add_prints_id_and_stores_text_tags_and_star(cli) -> None:
    result = cli("add", "Shipped the @Billing fix", "with Lena", "--tag", "win", "--star")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    text, starred = rows(cli.db, "SELECT text, starred FROM entry")[0]
    assert text == "Shipped the @Billing fix with Lena"
    assert starred == 1
    assert sorted(r[0] for r in rows(cli.db, "SELECT tag FROM entry_tag")) == ["billing", "win"]


def test_add_reads_stdin_with_dash_and_from_a_pipe(cli) -> None:
    text = "First paragraph.\n\nSecond paragraph with ünïcödé and 日本語.\n"
    first = run_cli("--db", cli.db, "add", "-", stdin=text)
    assert (first.returncode, first.stdout.strip(), first.stderr) == (0, "1", "")
    assert run_cli("--db", cli.db, "add", stdin="piped @note").stdout.strip() == "2"
    stored = [r[0] for r in rows(cli.db, "SELECT text FROM entry ORDER BY id")]
    assert stored == [text, "piped @note"]


def test_the_real_command_exits_1_with_one_line_on_bad_input(cli) -> None:
    cli("add", "keep me")
    err = one_line_error(run_cli("--db", cli.db, "add", "x", "--date", "next blursday"))
    assert "unknown date" in err
    assert "invalid choice" in one_line_error(run_cli("--db", cli.db, "frobnicate"))
    assert rows(cli.db, "SELECT text FROM entry") == [("keep me",)]
    version = run_cli("--version")
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout.startswith("careerlog ")


def test_add_date_words_and_iso(cli) -> None:
    cli("add", "yesterday's note", "--date", "yesterday")
    cli("add", "iso note", "--date", "2024-02-29")
    cli("add", "ago note", "--date", "3 days ago")
    written = dict(rows(cli.db, "SELECT text, written_at FROM entry"))
    assert str(written["yesterday's note"]).startswith(str(date.today() - timedelta(days=1)))
    assert str(written["iso note"]).startswith("2024-02-29 09:00")
    assert str(written["ago note"]).startswith(str(date.today() - timedelta(days=3)))


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("add", "x", "--date", "next blursday"), None, "unknown date"),
        (("add", "x", "--date", "2023-02-30"), None, "not a real date"),
        (("add", "   "), None, "empty"),
        (("add", "-"), "", "empty"),
        (("add", "x", "--tag", "two words"), None, "invalid tag"),
        (("goal", "add", "x", "--competency", "telepathy"), None, "choose a track before linking"),
        (("goal", "add", "x", "--due", "someday"), None, "unknown date"),
        (("goal", "done", "42"), None, "no goal with id 42"),
        (("goal", "done", "abc"), None, "not an id"),
        (("learn", "x", "--kind", "osmosis"), None, "unknown kind"),
        (("learn", "x", "--kind", "book", "--minutes", "-5"), None, "negative"),
        (("learn", "x", "--kind", "book", "--goal", "7"), None, "no goal with id 7"),
        (("learn", "x", "--kind", "book", "--link", "javascript:alert(1)"), None, "http"),
        (("track", "choose", "astronaut"), None, "unknown track"),
        (("track", "choose", "management", "--level", "emperor"), None, "no level"),
        (("search", "x", "--kind", "poem"), None, "unknown kind"),
        (("search", "x", "--limit", "0"), None, "at least 1"),
        (("search", "x", "--from", "2024-05-01", "--to", "2024-01-01"), None, "after"),
        (("search", "\u200f"), None, "nothing to search"),
        (("frobnicate",), None, "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(cli, args, stdin, needle) -> None:
    cli("add", "keep me")
    before = rows(cli.db, "SELECT id, text FROM entry")
    err = one_line_error(cli(*args, stdin=stdin))
    assert needle in err
    assert rows(cli.db, "SELECT id, text FROM entry") == before
    assert rows(cli.db, "SELECT count(*) FROM goal") == [(0,)]
    assert rows(cli.db, "SELECT count(*) FROM activity") == [(0,)]


def test_unwritable_data_folder_is_one_line(run, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = run("add", "hello", env={"XDG_DATA_HOME": str(blocker / "sub")})
    assert "cannot create the store" in one_line_error(result)
    assert blocker.read_text() == "a file where the data folder should be"


def test_goals_add_list_done(cli) -> None:
    assert cli("track", "choose", "technical", "--level", "senior").returncode == 0
    result = cli(
        "goal",
        "add",
        "Give a talk on tracing",
        "--due",
        "2030-01-15",
        "--competency",
        "communication",
        "--why",
        "to share what I learned",
    )
    assert result.stdout.strip() == "1"
    listed = cli("goal", "list").stdout
    assert "Give a talk on tracing" in listed and "2030-01-15" in listed and "active" in listed
    assert "Achieved" in cli("goal", "done", "1").stdout
    assert "Give a talk" not in cli("goal", "list").stdout
    data = json.loads(cli("goal", "list", "--all", "--json").stdout)
    assert data[0]["status"] == "achieved"
    assert data[0]["progress"] == 100
    assert data[0]["competencies"] == [
        {"track": "technical", "key": "communication", "name": "Technical communication"}
    ]


def test_goal_list_json_is_only_json(cli) -> None:
    cli("add", "a journal with no goals yet")
    result = cli("goal", "list", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == ""


def test_learn_records_activity(cli) -> None:
    cli("track", "choose", "technical")
    cli("goal", "add", "Grow as a reviewer")
    result = cli(
        "learn",
        "Read a book on design",
        "--kind",
        "book",
        "--minutes",
        "90",
        "--competency",
        "research",
        "--goal",
        "1",
        "--date",
        "2025-06-01",
        "--link",
        "https://example.org/book",
    )
    assert result.returncode == 0, result.stderr
    assert rows(cli.db, "SELECT title, kind, minutes, goal_id, day, link FROM activity") == [
        ("Read a book on design", "book", 90, 1, "2025-06-01", "https://example.org/book")
    ]
    assert rows(cli.db, "SELECT track_key, competency_key FROM activity_competency") == [
        ("technical", "research")
    ]


def test_search_newest_first_with_snippets_filters_and_json(cli) -> None:
    cli("add", "old retro about the pipeline", "--date", "2023-03-01", "--tag", "retro")
    cli("add", "new pipeline launch went well", "--date", "2025-03-01", "--star")
    cli("add", "unrelated lunch", "--date", "2025-03-02")
    cli("goal", "add", "Own the pipeline roadmap")
    found = json.loads(cli("search", "pipeline", "--json").stdout)
    assert [hit["kind"] for hit in found] == ["goal", "entry", "entry"]
    assert found[1]["when"].startswith("2025-03-01")
    start, end = found[1]["matches"][0]
    assert found[1]["snippet"][start:end] == "pipeline"
    only_entries = json.loads(cli("search", "pipeline", "--kind", "entry", "--json").stdout)
    assert len(only_entries) == 2
    assert [
        h["id"] for h in json.loads(cli("search", "pipeline", "--starred", "--json").stdout)
    ] == [2]
    assert [h["id"] for h in json.loads(cli("search", "--tag", "retro", "--json").stdout)] == [1]
    ranged = json.loads(
        cli(
            "search",
            "pipeline",
            "--from",
            "2024-01-01",
            "--to",
            "2025-12-31",
            "--kind",
            "entry",
            "--json",
        ).stdout
    )
    assert [h["id"] for h in ranged] == [2]
    assert len(json.loads(cli("search", "pipeline", "--limit", "1", "--json").stdout)) == 1
    text = cli("search", "pipelin*").stdout
    assert "2025-03-01" in text and "2023-03-01" in text


def test_search_treats_fts_syntax_as_words(cli) -> None:
    cli("add", "Meeting with AND OR NOT people about NEAR( things")
    result = cli("search", 'AND "OR" NEAR( people*')
    assert result.returncode == 0, result.stderr
    assert "Meeting" in result.stdout
    # A leading minus is careerlog's own syntax: without that word.
    assert "Meeting" not in cli("search", "NEAR( -people").stdout


def test_output_never_carries_escape_sequences(cli) -> None:
    cli("add", "evil \x1b[2J\x1b]0;title\x07 text [bold]x[/bold]")
    out = cli("search", "evil").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]x[/bold]" in out


def test_tracks_lists_builtins_and_reports_broken_personal_files(cli, isolated_home) -> None:
    mine = isolated_home / "config" / "careerlog" / "tracks"
    mine.mkdir(parents=True)
    (mine / "broken.toml").write_text('key = "x"\nname = \n')
    result = cli("tracks")
    assert result.returncode == 0
    for key in ("management", "technical", "technical-leadership", "support"):
        assert key in result.stdout
    assert "broken.toml" in result.stderr and "line 2" in result.stderr


def test_track_choose_and_status(cli) -> None:
    cli("add", "a journal with no track yet")
    assert "No track chosen" in cli("track", "status").stdout
    assert json.loads(cli("track", "status", "--json").stdout) is None
    cli("track", "choose", "management", "--level", "middle", "--reason", "I like people")
    data = json.loads(cli("track", "status", "--json").stdout)
    assert data["track"] == "management"
    assert data["level"] == "middle"
    assert data["next_level"] == "senior"
    keys = [c["key"] for c in data["competencies"]]
    assert "decision-making" in keys
    assert all(1 <= c["expected"] <= c["expected_next"] <= 5 for c in data["competencies"])
    assert "Middle manager" in cli("track", "status").stdout


def test_where_and_version(cli, isolated_home) -> None:
    where = cli("where").stdout
    assert cli.db in where
    assert str(isolated_home / "data" / "careerlog") in where
    assert cli("--version").stdout.startswith("careerlog ")


def test_db_from_environment(run, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    assert run("add", "via env", env={"CAREERLOG_DB": str(db)}).returncode == 0
    assert rows(str(db), "SELECT text FROM entry") == [("via env",)]
    assert "CAREERLOG_DB" not in os.environ  # the variable was this run's only


def test_default_store_lives_in_the_data_folder(run, isolated_home) -> None:
    assert run("add", "default place").returncode == 0
    assert (isolated_home / "data" / "careerlog" / "careerlog.db").exists()
