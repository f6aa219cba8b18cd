"""The store: migrations, refusing what it does not know, SQLite settings, file modes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.services.journal import add_entry, get_entry
from careerlog.store.db import open_store
from careerlog.store.migrate import alembic_config
from careerlog.store.revisions import HEAD, KNOWN


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def test_known_revisions_match_the_migration_scripts(store) -> None:
    script = ScriptDirectory.from_config(alembic_config(store))
    in_order = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert in_order == list(KNOWN)
    assert script.get_current_head() == HEAD


def test_new_store_is_created_by_migrations_with_safe_settings(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    store = open_store(str(db))
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    store.close()
    assert revision_of(db) == HEAD


def test_writes_begin_immediate_so_a_second_writer_waits(store) -> None:
    with store.write():
        other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_reopening_keeps_data_and_takes_no_backup(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    store = open_store(str(db))
    entry = add_entry(store, "still here")
    store.close()
    store = open_store(str(db))
    assert get_entry(store, entry.id).text == "still here"
    store.close()
    assert not paths.backups_dir().exists() or not list(paths.backups_dir().iterdir())


def test_newer_revision_is_refused_and_file_left_byte_for_byte(tmp_path: Path, cli) -> None:
    db = tmp_path / "future.db"
    store = open_store(str(db))
    add_entry(store, "from the future")
    store.close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = digest(db)
    with pytest.raises(StoreError, match="9999_from_the_future"):
        open_store(str(db))
    result = subprocess.run(
        [sys.executable, "-m", "careerlog", "--db", str(db), "add", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "newer version" in result.stderr and len(result.stderr.splitlines()) == 1
    assert digest(db) == before
    assert not Path(f"{db}-wal").exists()


def test_older_revision_is_backed_up_then_migrated(tmp_path: Path) -> None:
    assert len(KNOWN) >= 2, "needs an earlier revision to migrate from"
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    config = alembic_config(open_store.__globals__["Store"](engine, f"sqlite:///{db}", db))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, KNOWN[0])
        conn.exec_driver_sql(
            "INSERT INTO entry (written_at, text, starred, created_at, updated_at) "
            "VALUES ('2020-01-01 09:00:00', 'written long ago', 0, '2020-01-01 09:00:00', "
            "'2020-01-01 09:00:00')"
        )
    engine.dispose()
    assert revision_of(db) == KNOWN[0]
    store = open_store(str(db))
    assert get_entry(store, 1).text == "written long ago"
    store.close()
    assert revision_of(db) == HEAD
    backups = list(paths.backups_dir().glob("*before-migration*"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    assert revision_of(backups[0]) == KNOWN[0]
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT text FROM entry").fetchall() == [("written long ago",)]
    con.close()


def test_foreign_sqlite_and_garbage_files_are_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    for path, needle in ((foreign, "not a careerlog store"), (garbage, "not a careerlog store")):
        before = digest(path)
        with pytest.raises(StoreError, match=needle):
            open_store(str(path))
        assert digest(path) == before


def test_file_modes_under_umask_022(isolated_home: Path) -> None:
    script = (
        "import os, stat, json, sys\n"
        "os.umask(0o022)\n"
        "from careerlog.store.db import open_store\n"
        "from careerlog.services.journal import add_entry\n"
        "s = open_store(None)\n"
        "add_entry(s, 'mode check')\n"
        "conn = s.engine.connect()\n"
        "p = str(s.path)\n"
        "modes = {k: oct(os.stat(p + k).st_mode & 0o777) for k in ('', '-wal', '-shm')}\n"
        "modes['dir'] = oct(os.stat(os.path.dirname(p)).st_mode & 0o777)\n"
        "print(json.dumps(modes))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == '{"": "0o600", "-wal": "0o600", "-shm": "0o600", "dir": "0o700"}'


def test_data_folder_is_tightened_if_it_already_exists_loose(isolated_home: Path) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    open_store(None).close()
    assert folder.stat().st_mode & 0o777 == 0o700
