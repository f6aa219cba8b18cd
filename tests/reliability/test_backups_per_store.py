"""Backups belong to the store they copy, by the identity kept inside it, not by its
file name: two stores both called ``j.db`` each get their own daily copy and their own
rotation, and ``doctor`` names only the damaged store's backups, with the exact
command (``--db`` included) that brings it back."""

from __future__ import annotations

import shlex
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from careerlog import paths
from careerlog.cli import main


def _entries(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {str(text) for (text,) in con.execute("SELECT text FROM entry")}
    finally:
        con.close()


@pytest.fixture
def twins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Two stores of the same file name in two folders, each with its own words."""
    first, second = tmp_path / "home" / "j.db", tmp_path / "work" / "j.db"
    for db, words in ((first, "written at home"), (second, "written at work")):
        db.parent.mkdir(parents=True, exist_ok=True)
        assert main(["--db", str(db), "add", words]) == 0
    capsys.readouterr()
    return first, second


def test_two_stores_of_the_same_name_each_get_their_own_daily_backup(
    twins: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for db in twins:
        assert main(["--db", str(db), "goal", "list"]) == 0  # a command that backs up
    capsys.readouterr()
    dailies = sorted(paths.backups_dir().glob("j-*daily-*.db"))
    assert len(dailies) == 2, dailies
    assert sorted(_entries(d).pop() for d in dailies) == ["written at home", "written at work"]


def test_daily_backups_rotate_per_store(twins: tuple[Path, Path]) -> None:
    from careerlog.services.exchange.backup import backups_of, maybe_daily_backup

    paths.ensure_private_dir(paths.config_dir())
    paths.config_file().write_text("[backup]\nkeep = 2\n", encoding="utf-8")
    start = date(2024, 3, 1)
    for day in range(4):
        for db in twins:
            assert maybe_daily_backup(db, start + timedelta(days=day)) is not None
    for db in twins:
        kept = sorted(p.name for p in backups_of(db))
        assert len(kept) == 2, kept
        assert all(name.endswith(("03-03.db", "03-04.db")) for name in kept), kept
    assert len(list(paths.backups_dir().iterdir())) == 4


def test_a_renamed_backup_still_says_whose_it_is(twins: tuple[Path, Path]) -> None:
    from careerlog.services.exchange.backup import backups_of, maybe_daily_backup
    from careerlog.store.files import identity

    first, second = twins
    made = maybe_daily_backup(first)
    assert made is not None
    renamed = made.with_name("holiday-copy.db")
    made.rename(renamed)
    assert backups_of(first) == [renamed]
    assert backups_of(second) == []
    assert identity.of_file(renamed) == identity.of_file(first) != identity.of_file(second)


def test_doctor_names_only_the_damaged_stores_backup_and_the_exact_command(
    twins: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = twins
    for db in (second, first):  # the other store's backup is the newer one
        assert main(["--db", str(db), "backup"]) == 0
    assert main(["--db", str(second), "backup"]) == 0
    capsys.readouterr()
    taken = sorted(paths.backups_dir().iterdir(), key=lambda p: p.stat().st_mtime)
    mine = [p for p in taken if _entries(p) == {"written at home"}]
    others = [p for p in taken if p not in mine]
    own = mine[-1]  # its newest; the other store's newest came after it
    assert others and others[-1].stat().st_mtime >= own.stat().st_mtime
    # Damage the first store past reading: its identity is remembered from before.
    first.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    assert main(["--db", str(first), "doctor"]) == 1
    out = capsys.readouterr().out
    command = f"careerlog --db {shlex.quote(str(first))} restore {shlex.quote(str(own))}"
    assert command in out, out
    assert not any(str(other) in out for other in others), out
    # The command does what it says.
    assert main([*shlex.split(command)[1:], "--yes"]) == 0
    assert _entries(first) == {"written at home"}


def test_doctor_on_a_store_with_no_backup_says_so_and_names_none(
    twins: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = twins
    assert main(["--db", str(second), "backup"]) == 0
    capsys.readouterr()
    first.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    assert main(["--db", str(first), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "no backup of this store" in out, out
    assert "restore" not in out.replace("careerlog restore FILE", ""), out
