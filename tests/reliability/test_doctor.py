"""``careerlog doctor`` names each fault the rest of this suite provokes, in sentences a
person can act on (no SQLite internals), exits 1 when something is wrong, and
changes nothing it examines."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from careerlog.services.journal import add_entry
from careerlog.store.db import open_store
from tests.reliability._support import careerlog, file_sha256

JARGON = ("btree", "Page ", "rowid", "sqlite_master", "Traceback", "error code", "SQLITE_")


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("healthy") / "journal.db"
    store = open_store(str(db))
    try:
        for i in range(300):
            add_entry(store, f"entry {i} @work " + "notes from the week " * 30)
    finally:
        store.close()
    return db


def _flip_middle_page(db: Path) -> None:
    pages = db.stat().st_size // 4096
    with db.open("r+b") as handle:
        handle.seek(pages // 2 * 4096)
        original = handle.read(16)
        handle.seek(pages // 2 * 4096)
        handle.write(bytes(b ^ 0xFF for b in original))


def _sql(statement: str) -> Callable[[Path], None]:
    def run(db: Path) -> None:
        con = sqlite3.connect(db)
        con.execute("PRAGMA foreign_keys = OFF")
        with con:
            con.execute(statement)
        con.close()

    return run


def _junk(db: Path) -> None:
    db.write_bytes(b"these are not the bytes of a database " * 200)


FAULTS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "damaged": (_flip_middle_page, ("damaged", "backup")),
    "newer": (_sql("UPDATE alembic_version SET version_num = '9999_next'"), ("newer", "upgrade")),
    "not a database": (_junk, ("not an sqlite database",)),
    "readable by others": (lambda db: os.chmod(db, 0o644), ("other users", "chmod 600")),
    "search index out of step": (
        _sql("DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_index LIMIT 5)"),
        ("search",),
    ),
    "broken links": (_sql("INSERT INTO entry_tag (entry_id, tag) VALUES (999999, 'ghost')"), ()),
}


def _copy(healthy: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    db = folder / "journal.db"
    shutil.copyfile(healthy, db)
    os.chmod(db, 0o600)
    return db


def test_doctor_says_a_healthy_store_is_fine(healthy: Path, tmp_path: Path) -> None:
    db = _copy(healthy, tmp_path)
    result = careerlog("--db", str(db), "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PROBLEM" not in result.stdout


@pytest.mark.parametrize("fault", list(FAULTS))
def test_doctor_names_each_fault_in_plain_words(healthy: Path, tmp_path: Path, fault: str) -> None:
    db = _copy(healthy, tmp_path)
    damage, words = FAULTS[fault]
    damage(db)
    before = file_sha256(db)

    result = careerlog("--db", str(db), "doctor")
    assert result.returncode == 1, (fault, result.stdout, result.stderr)
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")]
    assert problems, (fault, result.stdout)
    report = " ".join(problems).lower()
    for word in words:
        assert word in report, (fault, word, result.stdout)
    if fault == "broken links":
        assert "link" in report or "missing" in report or "exist" in report, result.stdout
    for jargon in JARGON:
        assert jargon.lower() not in (result.stdout + result.stderr).lower(), (fault, jargon)
    assert file_sha256(db) == before, "doctor changed the file it examined"


def test_doctor_flags_a_data_folder_others_can_open(tmp_path: Path) -> None:
    assert careerlog("add", "in the default place").returncode == 0
    from careerlog import paths

    os.chmod(paths.data_dir(), 0o755)
    result = careerlog("doctor")
    assert result.returncode == 1
    assert "chmod 700" in result.stdout and "other users" in result.stdout
