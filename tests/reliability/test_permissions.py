"""Permissions under the common umask 022 (which would make new files 0644 and folders
0755): the data folder is 0700; the store, its -wal and -shm (also while a connection
holds them open), backups, drafts and exports are 0600."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog import paths
from careerlog.services.journal import add_entry
from careerlog.store.db import open_store
from tests.reliability._support import careerlog, mode

UMASK = 0o022


def _umask_022() -> None:
    os.umask(UMASK)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The test process itself under umask 022 (restored after)."""
    previous = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def _private_tree(folder: Path) -> list[str]:
    """Every file or folder under ``folder`` that others could read."""
    loose = []
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        wanted = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
        if info.st_mode & 0o777 != wanted:
            loose.append(f"{path.relative_to(folder)} {oct(info.st_mode & 0o777)}")
    return loose


def test_first_add_in_the_default_place_makes_a_private_data_folder() -> None:
    result = careerlog("add", "first words", preexec_fn=_umask_022)
    assert result.returncode == 0, result.stderr
    data = paths.data_dir()
    assert paths.default_db_path().exists()
    assert mode(data) == "0o700"
    assert _private_tree(data) == []

    # A few more writes through the other commands, all still private.
    for args in (("goal", "add", "a goal"), ("learn", "a book", "--kind", "book"), ("backup",)):
        result = careerlog(*args, preexec_fn=_umask_022)
        assert result.returncode == 0, (args, result.stderr)
    assert any(paths.backups_dir().iterdir())
    assert _private_tree(data) == []


def test_store_and_side_files_are_private_while_open(tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "public"
    folder.mkdir(mode=0o755)
    db = folder / "journal.db"
    store = open_store(str(db))
    try:
        add_entry(store, "held open")
        with store.read() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM entry").all()
            # The connection is open: the side files exist right now.
            for suffix in ("", "-wal", "-shm"):
                assert mode(Path(f"{db}{suffix}")) == "0o600", suffix
        # Another careerlog writes while this one holds the store open.
        result = careerlog("--db", str(db), "add", "from a second terminal", preexec_fn=_umask_022)
        assert result.returncode == 0, result.stderr
        add_entry(store, "and again from the first")
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{db}{suffix}")) == "0o600", suffix
    finally:
        store.close()
    # careerlog does not tighten a folder the user chose for the store.
    assert mode(folder) == "0o755"


def test_store_made_readable_by_others_is_made_private_again(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    open_store(str(db)).close()
    os.chmod(db, 0o644)
    result = careerlog("--db", str(db), "add", "private again", preexec_fn=_umask_022)
    assert result.returncode == 0, result.stderr
    assert mode(db) == "0o600"


def test_migration_backup_is_private(tmp_path: Path, umask_022: None) -> None:
    from alembic import command

    from careerlog.store.migrate import alembic_config
    from careerlog.store.revisions import KNOWN

    if len(KNOWN) < 2:
        pytest.skip("only one schema revision: nothing to migrate from")
    db = tmp_path / "old.db"
    store = open_store(str(db), migrate=False)
    config = alembic_config(store)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, KNOWN[0])
    store.close()
    open_store(str(db)).close()
    backups = list(paths.backups_dir().glob("*before-migration*"))
    assert len(backups) == 1
    assert mode(backups[0]) == "0o600"
    assert _private_tree(paths.data_dir()) == []


def test_backup_and_exports_to_a_public_folder_are_private(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert careerlog("--db", str(db), "add", "something to export").returncode == 0
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    made = {
        "backup.db": ("--db", str(db), "backup", str(out / "backup.db")),
        "year.md": ("--db", str(db), "export", "--format", "md", "-o", str(out / "year.md")),
        "year.html": ("--db", str(db), "export", "--format", "html", "-o", str(out / "year.html")),
        "year.json": ("--db", str(db), "export", "--format", "json", "-o", str(out / "year.json")),
    }
    for name, args in made.items():
        result = careerlog(*args, preexec_fn=_umask_022)
        assert result.returncode == 0, (name, result.stderr)
        assert mode(out / name) == "0o600", name
    # Nothing else (no temporary file) was left in the folder.
    assert sorted(p.name for p in out.iterdir()) == sorted(made)


def test_drafts_are_private(tmp_path: Path, umask_022: None) -> None:
    from careerlog.ui.drafts import DraftFile, draft_path

    draft = DraftFile(draft_path(str(tmp_path / "journal.db")))
    draft.save("half a thought")
    assert mode(draft.path) == "0o600"
    assert mode(paths.drafts_dir()) == "0o700"
    assert mode(paths.data_dir()) == "0o700"
    draft.save("half a thought, a little longer")
    assert mode(draft.path) == "0o600"
    assert _private_tree(paths.data_dir()) == []


def test_sqlite_side_files_follow_the_store_mode() -> None:
    """Guard for the assumption above: SQLite gives -wal/-shm the main file's mode."""
    folder = paths.ensure_private_dir(paths.data_dir())
    db = folder / "probe.db"
    fd = os.open(db, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    previous = os.umask(0)
    try:
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("CREATE TABLE t (x)")
        assert mode(Path(f"{db}-wal")) == "0o600"
        assert mode(Path(f"{db}-shm")) == "0o600"
        con.close()
    finally:
        os.umask(previous)
