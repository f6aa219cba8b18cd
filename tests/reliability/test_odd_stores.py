"""Odd stores: a journal careerlog may read but not write (a read-only disk, someone
else's file), a file of 0 bytes where a store should be, and a server URL holding a
password. Each is a promise of issue 17: read what can be read, refuse what is not a
store in one line, and never print a password."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.store.revisions import KNOWN
from tests.reliability._support import assert_one_line_error, careerlog, folder_state

SETPRIV = shutil.which("setpriv")


def _as_a_reader(*args: str) -> subprocess.CompletedProcess[str]:
    """careerlog run by someone who may read the store but not write it or its folder.
    As root that means giving up the right to bypass file permissions (setpriv drops
    CAP_DAC_OVERRIDE), so the modes below count as they do for anyone else."""
    argv = [sys.executable, "-m", "careerlog", *args]
    if os.geteuid() == 0:
        argv = [SETPRIV or "setpriv", "--bounding-set=-dac_override,-dac_read_search", *argv]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    return done


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    """A journal of two entries and a goal, its file 0400 in a 0500 folder, with no side
    file beside it (closed cleanly, as a copied or archived journal is)."""
    if os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to count")
    db = tmp_path / "archive" / "journal.db"
    for text in ("the launch went out on time @release", "a read-only morning"):
        assert careerlog("--db", str(db), "add", text).returncode == 0
    assert careerlog("--db", str(db), "goal", "add", "ship the archive").returncode == 0
    assert sorted(p.name for p in db.parent.iterdir()) == ["journal.db"]
    db.chmod(0o400)
    db.parent.chmod(0o500)
    yield db
    db.parent.chmod(0o700)
    db.chmod(0o600)


def test_a_read_only_store_can_be_searched_exported_and_counted(read_only_store: Path) -> None:
    db = str(read_only_store)
    before = folder_state(read_only_store.parent)
    found = _as_a_reader("--db", db, "search", "launch")
    assert found.returncode == 0, found.stderr
    assert "the launch went out on time" in found.stdout
    tagged = _as_a_reader("--db", db, "search", "--tag", "release", "--json")
    assert tagged.returncode == 0, tagged.stderr
    assert [hit["id"] for hit in json.loads(tagged.stdout)] == [1]
    exported = _as_a_reader("--db", db, "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    texts = sorted(entry["text"] for entry in json.loads(exported.stdout)["entries"])
    assert texts == ["a read-only morning", "the launch went out on time @release"]
    counted = _as_a_reader("--db", db, "stats")
    assert counted.returncode == 0, counted.stderr
    assert "entries         2" in counted.stdout
    for done in (found, tagged, exported, counted):
        assert "readonly" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert folder_state(read_only_store.parent) == before  # no byte changed, no side file
    assert read_only_store.stat().st_mode & 0o777 == 0o400  # and it is still read-only


def test_doctor_does_not_call_a_read_only_store_damaged(read_only_store: Path) -> None:
    checked = _as_a_reader("--db", str(read_only_store), "doctor")
    assert "damaged" not in checked.stdout, checked.stdout
    assert "readonly" not in checked.stdout, checked.stdout
    assert "read-only" in checked.stdout
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_writing_to_a_read_only_store_is_refused_in_one_line(read_only_store: Path) -> None:
    before = read_only_store.read_bytes()
    refused = _as_a_reader("--db", str(read_only_store), "add", "this cannot be kept")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert read_only_store.read_bytes() == before


def _backups(tmp_path: Path) -> list[str]:
    """The names in the backups folder of the tests' home (the setup's adds took a
    daily backup there while the store was writable)."""
    folder = tmp_path / "home" / "data" / "careerlog" / "backups"
    return sorted(p.name for p in folder.iterdir())


READ_COMMANDS = [
    (["show"], "the launch went out on time"),
    (["show", "1"], "the launch went out on time"),
    (["goal", "list"], "ship the archive"),
    (["goal", "list", "--json"], "ship the archive"),
    (["learn", "list"], "a book on archives"),
    (["track", "status"], "Readiness for"),
    (["track", "status", "--json"], '"track": "technical"'),
    (["tracks"], "technical"),
    (["reflect", "--due"], ""),
    (["export", "--packet", "--format", "md"], "Promotion packet"),
    (["where"], "journal.db"),
    (["doctor"], "read-only"),
]


@pytest.fixture
def rich_read_only_store(tmp_path: Path) -> Iterator[Path]:
    """A read-only journal (0400 in a 0500 folder, no side file) holding one of each
    kind a read command lists: entries, a goal, an activity, feedback, a track."""
    if os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to count")
    db = tmp_path / "archive" / "journal.db"
    for argv in (
        ["add", "the launch went out on time @release"],
        ["goal", "add", "ship the archive"],
        ["learn", "a book on archives", "--kind", "book", "--minutes", "45"],
        ["track", "choose", "technical"],
        ["feedback", "the archive plan was clear", "--from", "Ana"],
    ):
        done = careerlog("--db", str(db), *argv)
        assert done.returncode == 0, done.stderr
    db.chmod(0o400)
    db.parent.chmod(0o500)
    yield db
    db.parent.chmod(0o700)
    db.chmod(0o600)


def test_every_read_command_works_on_a_read_only_store(
    rich_read_only_store: Path, tmp_path: Path
) -> None:
    """Not only search, export and stats: every command that only reads, and none of
    them writes a byte there or takes a daily backup of it."""
    db = str(rich_read_only_store)
    before = folder_state(rich_read_only_store.parent)
    taken = _backups(tmp_path)
    assert taken  # today's, taken while it was writable: a second would show
    for argv, shown in READ_COMMANDS:
        done = _as_a_reader("--db", db, *argv)
        assert done.returncode == 0, (argv, done.stderr)
        assert shown in done.stdout, (argv, done.stdout)
        assert done.stderr == "", (argv, done.stderr)
    assert folder_state(rich_read_only_store.parent) == before
    assert _backups(tmp_path) == taken


WRITE_COMMANDS = [
    ["add", "this cannot be kept"],
    ["goal", "add", "a goal that cannot be kept"],
    ["goal", "done", "1"],
    ["learn", "a course", "--kind", "course"],
    ["feedback", "words that cannot be kept", "--from", "Bo"],
    ["track", "choose", "management"],
    ["edit", "1", "--date", "yesterday"],
    ["delete", "1", "--yes"],
    ["restore", "--yes", "BACKUP"],
    ["import", "careerlog", "EXPORT"],
    ["encrypt", "--passphrase-file", "PASSPHRASE"],
]


def test_every_write_to_a_read_only_store_is_refused_in_one_clear_line(
    rich_read_only_store: Path, tmp_path: Path
) -> None:
    """Refused in the same words whatever the command, exit 1, nothing written there,
    and no safety copy taken for a change that cannot happen (a restore used to make
    the folder writable again and swap the file)."""
    other = tmp_path / "other.db"
    assert careerlog("--db", str(other), "add", "from another journal").returncode == 0
    exported = tmp_path / "export.json"
    assert (
        careerlog("--db", str(other), "export", "--format", "json", "-o", str(exported)).returncode
        == 0
    )
    secret = tmp_path / "passphrase"
    secret.write_text("a long enough passphrase\n")
    stand_ins = {"BACKUP": str(other), "EXPORT": str(exported), "PASSPHRASE": str(secret)}
    db = rich_read_only_store
    before = folder_state(db.parent)
    taken = _backups(tmp_path)
    for argv in WRITE_COMMANDS:
        argv = [stand_ins.get(arg, arg) for arg in argv]
        line = assert_one_line_error(_as_a_reader("--db", str(db), *argv))
        assert line == (
            f"careerlog: the store is read-only ({db}): careerlog may read it but not "
            "write it; nothing was written"
        ), (argv, line)
    assert folder_state(db.parent) == before
    assert db.parent.stat().st_mode & 0o777 == 0o500
    assert _backups(tmp_path) == taken


def test_a_read_only_store_of_an_older_revision_says_it_cannot_be_upgraded(
    tmp_path: Path,
) -> None:
    if os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to count")
    from tests.reliability.test_schema_guard import store_at

    db = tmp_path / "archive" / "journal.db"
    db.parent.mkdir()
    store_at(db, KNOWN[-2])
    db.chmod(0o400)
    db.parent.chmod(0o500)
    try:
        before = folder_state(db.parent)
        for argv in (["show"], ["goal", "list"], ["search", "anything"], ["add", "words"]):
            line = assert_one_line_error(_as_a_reader("--db", str(db), *argv))
            assert "needs upgrading" in line and "read-only" in line, (argv, line)
            assert "nothing was written" in line
        assert folder_state(db.parent) == before
    finally:
        db.parent.chmod(0o700)
        db.chmod(0o600)


@pytest.mark.parametrize(
    "argv",
    [["add", "a first entry"], ["search", "anything"], ["stats"], ["goal", "list"]],
)
def test_an_empty_file_is_refused_as_no_careerlog_store_and_left_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    empty = tmp_path / "journal.db"
    empty.touch()
    assert main(["--db", str(empty), *argv]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1, err
    assert "empty (0 bytes)" in err and "not a careerlog store" in err, err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["journal.db"]


def test_doctor_says_an_empty_file_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "journal.db"
    empty.touch()
    assert main(["--db", str(empty), "doctor"]) == 1
    out, _ = capsys.readouterr()
    assert "empty (0 bytes)" in out and "not a careerlog store" in out, out


def test_a_new_store_is_still_created_where_there_is_no_file(tmp_path: Path) -> None:
    db = tmp_path / "new" / "journal.db"
    assert careerlog("--db", str(db), "add", "the very first words").returncode == 0
    listed = careerlog("--db", str(db), "search", "first")
    assert "the very first words" in listed.stdout, listed.stderr


def test_a_store_killed_while_it_was_being_made_is_not_left_empty(tmp_path: Path) -> None:
    """A first ``careerlog add`` killed at the moment it makes the store's file (a
    person pressing Ctrl-C, a closed terminal): the name stays free, and the next add
    makes the store. (The file used to be created first and given its header after, so
    a kill in between left an empty file that every later command refused.)"""
    db = tmp_path / "journal.db"
    code = (
        "import os, signal, sys\n"
        "from careerlog.store import sqlite\n"
        "from careerlog.store.db import open_store\n"
        "real = sqlite.connect\n"
        "def killed(path, *args, **kwargs):\n"
        "    con = real(path, *args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "sqlite.connect = killed\n"
        "open_store(sys.argv[1])\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, check=False)
    assert killed.returncode == -9, killed.stderr
    assert not db.exists()
    assert careerlog("--db", str(db), "add", "the very first words").returncode == 0
    assert "the very first words" in careerlog("--db", str(db), "search", "first").stdout


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ana:s3cr3t-pw@db.example:5432/journal",
        "postgresql://ana:s3cr3t-pw@db.example/journal?sslmode=require",
        "postgresql://db.example/journal?user=ana&password=s3cr3t-pw",
    ],
)
def test_where_masks_a_postgresql_password(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "where"]) == 0
    out, err = capsys.readouterr()
    assert "s3cr3t-pw" not in out + err
    store_line = next(line for line in out.splitlines() if line.startswith("store"))
    assert "***" in store_line and "db.example" in store_line and "ana" in store_line


def test_where_masks_the_password_of_careerlog_db_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_DB", "postgresql://ana:s3cr3t-pw@localhost/journal")
    assert main(["where"]) == 0
    assert "s3cr3t-pw" not in capsys.readouterr().out


def test_a_malformed_url_is_still_printed_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", "postgresql://ana:s3cr3t-pw@[::1/journal", "where"]) == 0
    assert "s3cr3t-pw" not in capsys.readouterr().out


def test_an_empty_file_is_refused_through_the_real_entry_point(tmp_path: Path) -> None:
    """The same file refused through the real entry point: exit 1, one line, no
    traceback."""
    empty = tmp_path / "journal.db"
    empty.touch()
    assert "empty (0 bytes)" in assert_one_line_error(careerlog("--db", str(empty), "stats"))
    assert empty.stat().st_size == 0


@pytest.mark.parametrize(
    "definition",
    [
        "{not json",
        "[]",
        '"a string"',
        '{"key": "technical"}',
        '{"key": "technical", "name": "T", "levels": "oops", "competencies": 5}',
        "[" * 100_000,
    ],
)
def test_a_damaged_track_version_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], definition: str
) -> None:
    """The JSON of the chosen track's stored version, damaged by hand: ``track status``
    (and the export, which carries it) say so in one line, and change nothing."""
    db = tmp_path / "journal.db"
    assert main(["--db", str(db), "track", "choose", "technical"]) == 0
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE track_snapshot SET definition = ?", (definition,))
    con.close()
    capsys.readouterr()
    before = db.read_bytes()
    for argv in (
        ["track", "status"],
        ["track", "status", "--json"],
        ["export", "--format", "json"],
    ):
        assert main(["--db", str(db), *argv]) == 1, argv
        out, err = capsys.readouterr()
        assert out == "" and len(err.splitlines()) == 1, err
        assert "track version stored in this journal is damaged" in err, err
        assert "unexpected" not in err
    assert db.read_bytes() == before
