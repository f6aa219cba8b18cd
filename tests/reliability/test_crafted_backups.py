"""Crafted backups: ``restore`` accepts a file only when its schema is exactly what
careerlog's migrations make (tables, indexes, triggers; no views, no other objects),
and checking one writes nothing beside it. Each crafted file below is a real backup
changed by hand with SQLite itself, the way an attacker (or a bad tool) would."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.store.revisions import HEAD
from careerlog.store.search import fold
from tests.reliability._support import folder_state, table_dump

Craft = Callable[[sqlite3.Connection], None]

HANG = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


def _sql(*statements: str) -> Craft:
    def craft(con: sqlite3.Connection) -> None:
        for statement in statements:
            con.execute(statement)

    return craft


def _only_alembic_version(con: sqlite3.Connection) -> None:
    # Virtual tables first: dropping one drops its shadow tables with it.
    tables = [
        str(name)
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    con.execute("PRAGMA foreign_keys = OFF")
    for name in tables:
        if name != "alembic_version":
            con.execute(f'DROP TABLE IF EXISTS "{name}"')
    assert [row[0] for row in con.execute("SELECT tbl_name FROM sqlite_master")] == 2 * [
        "alembic_version"
    ]


CRAFTED: dict[str, Craft] = {
    "a trigger that deletes every entry on the next add": _sql(
        "CREATE TRIGGER wipe AFTER INSERT ON entry BEGIN DELETE FROM entry; END"
    ),
    "a trigger that hangs on the next add": _sql(
        f"CREATE TRIGGER spin AFTER INSERT ON entry BEGIN SELECT ({HANG}); END"
    ),
    "a careerlog trigger rewritten": _sql(
        "DROP TRIGGER IF EXISTS entry_ai",
        "CREATE TRIGGER entry_ai AFTER INSERT ON entry BEGIN DELETE FROM goal; END",
    ),
    "entry as a view of fake rows": _sql(
        "PRAGMA foreign_keys = OFF",
        "ALTER TABLE entry RENAME TO entry_kept",
        "CREATE VIEW entry AS SELECT 1 AS id, '2024-01-01 09:00:00.000000' AS written_at, "
        "'a fake entry' AS text, 0 AS starred, NULL AS created_at, NULL AS updated_at, "
        "NULL AS source_key, 3 AS words",
    ),
    "an extra view": _sql(f"CREATE VIEW everything AS {HANG}"),
    "alembic_version as a view that never ends": _sql(
        "DROP TABLE alembic_version",
        f"CREATE VIEW alembic_version AS SELECT '{HEAD}' AS version_num WHERE ({HANG}) > 0",
    ),
    "a missing table": _sql("PRAGMA foreign_keys = OFF", "DROP TABLE goal_competency"),
    "only alembic_version": _only_alembic_version,
    "an extra table": _sql("CREATE TABLE notes (x TEXT)"),
    "an extra index": _sql("CREATE INDEX sneaky ON entry (text)"),
    "an extra virtual table": _sql("CREATE VIRTUAL TABLE shadow USING fts5(x)"),
    "an extra column that computes a gigabyte": _sql(
        "ALTER TABLE entry ADD COLUMN extra BLOB GENERATED ALWAYS AS (zeroblob(1000000000))"
    ),
    "two schema revisions": _sql("INSERT INTO alembic_version VALUES ('0001_initial')"),
}


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The live store, with the entries that must survive any refused restore."""
    db = tmp_path / "live" / "journal.db"
    db.parent.mkdir()
    for text in ("first entry @kept", "second entry"):
        assert main(["--db", str(db), "add", text]) == 0
    assert main(["--db", str(db), "goal", "add", "a goal that must survive"]) == 0
    capsys.readouterr()
    return db


@pytest.fixture
def genuine(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A backup as careerlog makes it, alone in a folder of its own."""
    folder = tmp_path / "from-elsewhere"
    folder.mkdir()
    file = folder / "backup.db"
    assert main(["--db", str(store), "backup", str(file)]) == 0
    capsys.readouterr()
    return file


def _restore(store: Path, file: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", str(store), "restore", str(file), "--yes"])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_backup_is_refused_in_one_line_and_nothing_changes(
    store: Path, genuine: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    con = sqlite3.connect(genuine)
    with con:
        CRAFTED[name](con)
    con.close()
    before, beside = table_dump(store), folder_state(genuine.parent)
    started = time.monotonic()
    code, said = _restore(store, genuine, capsys)
    assert time.monotonic() - started < 20, "something in the crafted file ran"
    assert code == 1, said
    assert len(said.splitlines()) == 1 and "unexpected" not in said, said
    assert "nothing was restored" in said or "not a careerlog backup" in said, said
    assert table_dump(store) == before
    assert folder_state(genuine.parent) == beside, "checking wrote beside the backup"
    # The live store still takes writes normally: no trigger of the file came along.
    assert main(["--db", str(store), "add", "after the refusal"]) == 0
    assert len(table_dump(store)["entry"]) == len(before["entry"]) + 1


def test_a_genuine_backup_restores_and_nothing_is_written_beside_it(
    store: Path, genuine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = table_dump(store)
    assert main(["--db", str(store), "add", "written after the backup"]) == 0
    capsys.readouterr()
    beside = folder_state(genuine.parent)
    code, said = _restore(store, genuine, capsys)
    assert code == 0, said
    assert table_dump(store) == before
    assert folder_state(genuine.parent) == beside


def test_a_backup_with_its_wal_beside_it_is_read_whole_and_left_as_it_was(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy taken while SQLite still held the last commit in the ``-wal`` file: the
    check reads both, restores both, and creates no ``-shm`` beside them."""
    live = tmp_path / "wal-source.db"
    assert main(["--db", str(live), "add", "in the main file"]) == 0
    capsys.readouterr()
    folder = tmp_path / "with-wal"
    folder.mkdir()
    con = sqlite3.connect(live)
    fold.register(con)  # the search triggers call careerlog's SQL functions
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    with con:
        con.execute(
            "INSERT INTO entry (written_at, text, starred, created_at, updated_at, words) "
            "VALUES ('2024-02-01 09:00:00.000000', 'only in the wal', 0, "
            "'2024-02-01 09:00:00.000000', '2024-02-01 09:00:00.000000', 4)"
        )
    shutil.copyfile(live, folder / "copy.db")
    shutil.copyfile(f"{live}-wal", folder / "copy.db-wal")
    con.close()
    beside = folder_state(folder)
    code, said = _restore(store, folder / "copy.db", capsys)
    assert code == 0, said
    assert folder_state(folder) == beside, "checking wrote beside the backup"
    texts = {row[2] for row in table_dump(store)["entry"][1:]}
    assert texts == {"in the main file", "only in the wal"}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "empty"),
        (b'{"format": "careerlog", "schema_version": 2}', "JSON export"),
        (b"SQLite format 3\x00" + b"\x00" * 84, "damaged"),
    ],
)
def test_a_file_that_is_no_backup_at_all_is_named_for_what_it_is(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    file = tmp_path / "not-a-backup.db"
    file.write_bytes(content)
    before = table_dump(store)
    code, message = _restore(store, file, capsys)
    assert code == 1 and said in message and len(message.splitlines()) == 1, message
    assert table_dump(store) == before
