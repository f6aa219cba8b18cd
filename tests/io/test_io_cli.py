"""The data commands as a person runs them: real processes, real files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

JRNL_EXPORT = {
    "tags": {"@work": 1},
    "entries": [
        {
            "title": "Shipped the thing @work",
            "body": "Long day.\n\nGood day.",
            "date": "2023-05-04",
            "time": "18:30",
            "tags": ["@work"],
            "starred": True,
        },
        {
            "title": "Quiet day",
            "body": "",
            "date": "2024-02-29",
            "time": "09:00",
            "tags": [],
            "starred": False,
        },
    ],
}


def _one_line_error(result: Any) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return str(lines[0])


@pytest.fixture
def journal(cli: Any, tmp_path: Path) -> Path:
    file = tmp_path / "jrnl.json"
    file.write_text(json.dumps(JRNL_EXPORT), encoding="utf-8")
    result = cli("import", "jrnl", str(file))
    assert result.returncode == 0, result.stderr
    return file


def test_import_jrnl_reports_what_came_in_and_twice_adds_nothing(cli: Any, journal: Path) -> None:
    again = cli("import", "jrnl", str(journal))
    assert again.returncode == 0
    assert "Imported nothing new." in again.stdout
    assert "2 because already in the store" in again.stdout
    search = cli("search", "shipped", "--json")
    hits = json.loads(search.stdout)
    assert len(hits) == 1 and hits[0]["starred"] and hits[0]["tags"] == ["work"]


def test_export_json_to_stdout_prints_only_the_json(cli: Any, journal: Path) -> None:
    result = cli("export", "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["format"] == "careerlog"
    assert [e["text"] for e in data["entries"]] == [
        "Shipped the thing @work\nLong day.\n\nGood day.",
        "Quiet day",
    ]


def test_export_a_year_to_a_private_file(cli: Any, journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    result = cli("export", "--year", "2024", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported to {target}\n"
    assert target.stat().st_mode & 0o777 == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 2024 in review\n")
    assert "Quiet day" in text and "Shipped the thing" not in text
    html = tmp_path / "review.html"
    assert (
        cli(
            "export",
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--format",
            "html",
            "-o",
            str(html),
        ).returncode
        == 0
    )
    assert "<title>2023 in review</title>" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("export", "--year", "twenty"), "is not a year"),
        (("export", "--year", "2024", "--from", "2024-01-01", "--format", "md"), "either --year"),
        (
            ("export", "--from", "2024-05-01", "--to", "2024-01-01", "--format", "md"),
            "--from is after --to",
        ),
        (("export", "--year", "2024"), "choose the format"),
        (("export", "--format", "pdf"), "invalid choice"),
        (("export", "--format", "md", "-o", "/no/such/folder/x.md"), "does not exist"),
        (("import", "jrnl", "/no/such/file.json"), "does not exist"),
        (("import", "evernote", "x"), "invalid choice"),
        (("restore", "/no/such/backup.db", "--yes"), "does not exist"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(cli: Any, args: tuple[str, ...], said: str) -> None:
    cli("add", "a journal to export")  # reads refuse a store that does not exist
    assert said in _one_line_error(cli(*args))


def test_a_malformed_import_file_imports_nothing(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "careerlog", "schema_version": 1, "entries": [{"text": 5}]}', encoding="utf-8"
    )
    line = _one_line_error(cli("import", "careerlog", str(bad)))
    assert "entries[0]" in line
    assert json.loads(cli("export", "--format", "json").stdout)["entries"] == []


def test_backup_restore_round_trip_through_the_cli(cli: Any, journal: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    made = cli("backup", str(copy))
    assert made.returncode == 0 and copy.stat().st_mode & 0o777 == 0o600
    assert "already exists" in _one_line_error(cli("backup", str(copy)))
    cli("add", "written after the backup")

    refused = cli("restore", str(copy))  # stdin is not a terminal here
    assert "--yes" in _one_line_error(refused)
    done = cli("restore", str(copy), "--yes")

    assert done.returncode == 0, done.stderr
    assert "The store as it was before:" in done.stdout
    texts = [e["text"] for e in json.loads(cli("export", "--format", "json").stdout)["entries"]]
    assert "written after the backup" not in texts and len(texts) == 2
    kept = Path(done.stdout.split("The store as it was before: ")[1].strip())
    with sqlite3.connect(kept) as con:
        assert con.execute("SELECT count(*) FROM entry").fetchone() == (3,)


def test_doctor_passes_a_healthy_store_and_flags_a_damaged_one(
    cli: Any, journal: Path, tmp_path: Path
) -> None:
    healthy = cli("doctor")
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "PROBLEM" not in healthy.stdout

    db = Path(cli.db)
    data = bytearray(db.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\x00garbage!" * (4096 * 2 // 9) + b"\x00" * (4096 * 2 % 9)
    db.write_bytes(bytes(data))
    sick = cli("doctor")
    assert "problem" in _one_line_error(sick)
    assert "PROBLEM  The database file is damaged" in sick.stdout


def test_progress_is_a_counter_on_a_terminal_and_silent_otherwise(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from careerlog.cli.datacmds import _progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert _progress("importing") is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    show = _progress("importing")
    assert show is not None
    show(200, 1000)
    show(1000, 1000)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "\rimporting 200/1,000\rimporting 1,000/1,000\n"


def test_commands_take_one_daily_backup_but_add_stays_light(cli: Any, isolated_home: Path) -> None:
    backups = isolated_home / "data" / "careerlog" / "backups"
    assert cli("add", "first words").returncode == 0
    assert cli("add", "more words").returncode == 0
    assert not backups.exists() or not list(backups.glob("*-daily-*.db"))
    assert cli("goal", "list").returncode == 0
    assert cli("export", "--format", "json").returncode == 0
    dailies = list(backups.glob("*-daily-*.db"))
    assert len(dailies) == 1
    assert dailies[0].stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(dailies[0]) as con:
        assert con.execute("SELECT count(*) FROM entry").fetchone() == (2,)
