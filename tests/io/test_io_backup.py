"""Backups, restore, the daily rotation and the doctor, on real SQLite files."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from careerlog import paths
from careerlog.domain.errors import CareerlogError
from careerlog.services.exchange.backup import backup, maybe_daily_backup
from careerlog.services.exchange.doctor import doctor
from careerlog.services.exchange.restoring import restore
from careerlog.services.journal import add_entry, recent_entries
from careerlog.store.db import Store, open_store
from careerlog.store.files import identity


def _texts(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return [row[0] for row in con.execute("SELECT text FROM entry ORDER BY id")]


def test_a_backup_is_a_private_consistent_copy_and_never_overwrites(
    store: Store, tmp_path: Path
) -> None:
    add_entry(store, "kept safe ✓")
    target = tmp_path / "copy.db"

    made = backup(store, target)

    assert made == target
    assert target.stat().st_mode & 0o777 == 0o600
    assert _texts(target) == ["kept safe ✓"]
    with sqlite3.connect(target) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    before = target.read_bytes()
    with pytest.raises(CareerlogError, match="already exists"):
        backup(store, target)
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_backup_without_a_name_goes_to_the_private_backups_folder(store: Store) -> None:
    made = backup(store)
    assert made.parent == paths.backups_dir()
    assert made.parent.stat().st_mode & 0o777 == 0o700


def test_restore_brings_the_backup_back_and_keeps_the_current_store(
    store: Store, tmp_path: Path
) -> None:
    add_entry(store, "before the mistake")
    saved = backup(store, tmp_path / "saved.db")
    add_entry(store, "written after the backup")
    assert store.path is not None
    store.close()

    result = restore(saved, store.path)

    assert _texts(store.path) == ["before the mistake"]
    assert result.previous is not None and result.previous.parent == paths.backups_dir()
    assert _texts(result.previous) == ["before the mistake", "written after the backup"]
    assert result.previous.stat().st_mode & 0o777 == 0o600
    assert store.path.stat().st_mode & 0o777 == 0o600
    reopened = open_store(str(store.path))
    try:
        assert [e.text for e in recent_entries(reopened)] == ["before the mistake"]
    finally:
        reopened.close()


def _corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file, keeping the header readable."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6), 97):
        data[offset : offset + 40] = b"\xde\xad\xbe\xef" * 10
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_copy(store: Store, tmp_path: Path) -> Path:
    for i in range(300):
        add_entry(store, f"entry number {i} " + "words " * 40)
    copy = backup(store, tmp_path / "damaged.db")
    _corrupt(copy)
    return copy


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(
    store: Store, tmp_path: Path, damaged_copy: Path
) -> None:
    assert store.path is not None
    before = _texts(store.path)
    with pytest.raises(CareerlogError, match="is damaged"):
        restore(damaged_copy, store.path)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("just some notes", encoding="utf-8")
    with pytest.raises(CareerlogError, match="not a careerlog backup"):
        restore(foreign, store.path)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(CareerlogError, match="not a careerlog backup"):
        restore(other, store.path)
    assert _texts(store.path) == before
    assert not paths.backups_dir().exists() or not list(paths.backups_dir().glob("*restore*"))


def test_restore_refuses_a_backup_from_a_newer_careerlog(store: Store, tmp_path: Path) -> None:
    newer = backup(store, tmp_path / "newer.db")
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert store.path is not None
    with pytest.raises(CareerlogError, match="newer careerlog"):
        restore(newer, store.path)


def test_daily_backups_are_taken_once_a_day_and_rotated(store: Store) -> None:
    paths.ensure_private_dir(paths.config_dir())
    paths.config_file().write_text("[backup]\nkeep = 3\n", encoding="utf-8")
    start = date(2024, 1, 1)
    made = [maybe_daily_backup(store, start + timedelta(days=i)) for i in range(5)]
    assert all(m is not None for m in made)
    assert maybe_daily_backup(store, start + timedelta(days=4)) is None  # already today
    names = sorted(p.name for p in paths.backups_dir().glob("*-daily-*.db"))
    assert store.path is not None
    own = identity.of_file(store.path)
    assert own is not None
    assert names == [f"store-{own[:12]}-daily-2024-01-0{d}.db" for d in (3, 4, 5)]


def test_daily_backups_can_be_switched_off(store: Store) -> None:
    paths.ensure_private_dir(paths.config_dir())
    paths.config_file().write_text("[backup]\ndaily = false\n", encoding="utf-8")
    assert maybe_daily_backup(store) is None
    assert not paths.backups_dir().exists() or not list(paths.backups_dir().iterdir())


def test_doctor_says_a_healthy_store_is_healthy(store: Store) -> None:
    add_entry(store, "fine")
    assert store.path is not None
    findings = doctor(str(store.path))
    assert all(f.ok for f in findings), [f.text for f in findings]
    assert any("integrity check" in f.text for f in findings)
    assert any("search index" in f.text for f in findings)


def test_doctor_reports_a_damaged_copy_in_plain_words(store: Store, damaged_copy: Path) -> None:
    os.chmod(damaged_copy.parent, 0o700)
    good = backup(store)
    findings = doctor(str(damaged_copy))
    problems = [f.text for f in findings if not f.ok]
    assert len(problems) == 1, [f.text for f in findings]
    assert problems[0].startswith("The database file is damaged")
    assert f"careerlog --db {damaged_copy} restore {good}" in problems[0]
    assert "***" not in problems[0]


def test_doctor_without_a_backup_says_how_to_save_what_is_left(damaged_copy: Path) -> None:
    os.chmod(damaged_copy.parent, 0o700)
    problems = [f.text for f in doctor(str(damaged_copy)) if not f.ok]
    assert "damaged" in problems[0] and "careerlog export --format json" in problems[0]


def test_doctor_reports_loose_file_modes(store: Store) -> None:
    assert store.path is not None
    os.chmod(store.path, 0o644)
    problems = [f.text for f in doctor(str(store.path)) if not f.ok]
    assert any("can be read by other users" in p and "chmod 600" in p for p in problems)


def test_doctor_reports_a_broken_search_index(store: Store) -> None:
    add_entry(store, "searchable words here")
    assert store.path is not None
    with sqlite3.connect(store.path) as con:
        con.execute("DELETE FROM search_index_data WHERE id > 10")  # FTS5 shadow table
    problems = [f.text for f in doctor(str(store.path)) if not f.ok]
    assert any("search index does not match" in p for p in problems), problems


def test_restore_refuses_a_store_another_careerlog_is_writing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careerlog.store import sqlite

    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 200)
    add_entry(store, "the only copy")
    saved = backup(store, tmp_path / "saved.db")
    add_entry(store, "written later")
    assert store.path is not None
    writer = sqlite3.connect(store.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO entry_tag (entry_id, tag) VALUES (1, 'held')")
        with pytest.raises(CareerlogError, match="in use by another careerlog"):
            restore(saved, store.path)
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert _texts(store.path) == ["the only copy", "written later"]
