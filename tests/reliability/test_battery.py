"""The inputs that used to end in a generic "unexpected …" line: invalid UTF-8 in
arguments or on stdin, JSON nested 100,000 deep, a 5,000-digit integer, ``\\ud800``
escapes, timestamps with time zones, ids of 2^63 and more. Each now gets one clear
line and exit 1 with nothing written, or is accepted and reads back exactly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from careerlog.cli import main
from tests.reliability._support import careerlog, table_dump

BIG = 2**63
DIGITS = "9" * 5000


def _entry(**fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "written_at": "2024-01-01T09:00:00",
        "text": "an imported entry",
        "starred": False,
        "tags": [],
        "created_at": "2024-01-01T09:00:00",
        "updated_at": "2024-01-01T09:00:00",
    }
    record.update(fields)
    return record


def _careerlog_doc(*entries: dict[str, object]) -> str:
    return json.dumps({"format": "careerlog", "schema_version": 1, "entries": list(entries)})


def _jrnl_doc(**fields: object) -> str:
    entry = {"date": "2024-01-01", "time": "09:00", "title": "t", "body": "b", "tags": []}
    entry.update(fields)
    return json.dumps({"tags": {}, "entries": [entry]})


DEEP = "[" * 100_000 + "]" * 100_000
FILES: dict[str, tuple[str, str]] = {
    "careerlog nested 100,000 deep": ("careerlog", DEEP),
    "jrnl nested 100,000 deep": ("jrnl", DEEP),
    "careerlog 5,000-digit integer": (
        "careerlog",
        f'{{"format": "careerlog", "schema_version": {DIGITS}}}',
    ),
    "jrnl 5,000-digit integer": ("jrnl", f'{{"entries": [{DIGITS}]}}'),
    # json.dumps writes a lone surrogate as the escape "\ud800", as a hostile file would.
    "careerlog \\ud800 in a text": ("careerlog", _careerlog_doc(_entry(text="a \ud800 b"))),
    "jrnl \\ud800 in a body": ("jrnl", _jrnl_doc(body="x \ud800")),
    "jrnl \\udc00 in a key": ("jrnl", '{"entries": [], "\\udc00": 1}'),
    "careerlog two time zones": (
        "careerlog",
        _careerlog_doc(
            _entry(written_at="2024-01-01T09:00:00+02:00", created_at="2024-01-01T09:00:00Z"),
            _entry(written_at="2024-01-02T09:00:00-05:00", text="second"),
        ),
    ),
    "jrnl time with a time zone": ("jrnl", _jrnl_doc(time="09:00+02:00")),
    "careerlog 1e999": ("careerlog", '{"format": "careerlog", "schema_version": 1e999}'),
    "jrnl NaN": ("jrnl", '{"entries": [NaN]}'),
    "careerlog id 2^63-1": ("careerlog", _careerlog_doc(_entry(id=BIG - 1))),
    "careerlog id 2^63": ("careerlog", _careerlog_doc(_entry(id=BIG))),
    "careerlog id -2^63": ("careerlog", _careerlog_doc(_entry(id=-BIG))),
}
ARGS: dict[str, list[str]] = {
    "add, invalid UTF-8": ["add", "bad \udcff bytes"],
    "add --tag, invalid UTF-8": ["add", "ok", "--tag", "\udcfe"],
    "goal add, invalid UTF-8": ["goal", "add", "title \udc80"],
    "search, invalid UTF-8": ["search", "\udcc3"],
    "show 2^63": ["show", str(BIG)],
    "show 2^64": ["show", str(2**64)],
    "show 5,000 digits": ["show", DIGITS],
    "edit 2^63": ["edit", str(BIG), "--date", "2024-01-01"],
    "delete 2^63": ["delete", str(BIG), "--yes"],
    "goal done 2^63": ["goal", "done", str(BIG)],
    "goal milestone done N 2^63": ["goal", "milestone", "done", "1", str(BIG)],
    "learn --goal 2^63": ["learn", "x", "--kind", "book", "--goal", str(BIG)],
    "learn --minutes 2^64": ["learn", "x", "--kind", "book", "--minutes", str(2**64)],
    "search --limit 2^64": ["search", "x", "--limit", str(2**64)],
    "show -n 2^64": ["show", "-n", str(2**64)],
    "add --date with a time zone": ["add", "x", "--date", "2024-01-01T09:00+02:00"],
    "add --date of 5,000 digits": ["add", "x", "--date", DIGITS],
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "battery.db"
    assert main(["--db", str(path), "add", "the entry that must survive @kept"]) == 0
    return path


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1, (argv[:4], out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    assert len(lines[0]) < 1000
    return lines[0]


@pytest.mark.parametrize("name", FILES)
def test_a_hostile_import_file_gets_one_clear_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    capsys.readouterr()
    kind, content = FILES[name]
    file = tmp_path / "hostile.json"
    file.write_text(content, encoding="utf-8")
    before = table_dump(db)
    _refused(["--db", str(db), "import", kind, str(file)], capsys)
    assert table_dump(db) == before


@pytest.mark.parametrize("name", ARGS)
def test_a_hostile_argument_gets_one_clear_line(
    db: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    capsys.readouterr()
    before = table_dump(db)
    _refused(["--db", str(db), *ARGS[name]], capsys)
    assert table_dump(db) == before


def test_nul_on_stdin_gets_one_clear_line(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("a \x00 b"))
    before = table_dump(db)
    assert "NUL" in _refused(["--db", str(db), "add", "-"], capsys)
    assert table_dump(db) == before


def test_what_is_accepted_reads_back_exactly(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    text = "eight-bit \x9b2J csi, \x7f del, \u2028 a line separator, 漢字 and 👩‍👩‍👧‍👦"
    tag = "t" * 128
    assert main(["--db", str(db), "add", text, "--tag", tag]) == 0
    entry_id = int(capsys.readouterr().out)
    assert main(["--db", str(db), "export", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\x7f" not in out and "\u2028" not in out
    assert "\\u009b" in out and "\\u007f" in out
    (entry,) = [e for e in json.loads(out)["entries"] if e["id"] == entry_id]
    assert entry["text"] == text and entry["tags"] == [tag]


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["add", b"argv \xff\xfe bytes"], None),
        (["add", "-"], b"stdin \xff\xfe bytes"),
        (["goal", "add", b"\xc3\x28 title"], None),
    ],
)
def test_invalid_utf8_through_the_real_entry_point(
    db: Path, args: list[str | bytes], stdin: bytes | None
) -> None:
    """What a shell hands over: raw bytes, decoded by Python with surrogateescape."""
    import os
    import subprocess
    import sys

    before = table_dump(db)
    argv = [os.fsencode(a) if isinstance(a, str) else a for a in args]
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"careerlog", b"--db", os.fsencode(db), *argv],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert len(err.splitlines()) == 1 and "UTF-8" in err, err
    assert "unexpected" not in err and "Traceback" not in err
    assert result.stdout == b""
    assert table_dump(db) == before
    # The survivor is still there, untouched, for a person to read.
    assert "the entry that must survive" in careerlog("--db", str(db), "show").stdout
