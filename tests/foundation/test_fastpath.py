"""``careerlog add`` without SQLAlchemy writes exactly what the full path writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from careerlog.services import journal
from careerlog.services.quick import quick_add
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import open_store


def test_fast_and_full_paths_store_the_same_rows(tmp_path: Path) -> None:
    """The stdlib route of ``careerlog add`` and the SQLAlchemy route (the TUI, and
    ``add`` on a new store) run one writer: every column of the row, and its tags, are
    the same bytes."""
    db = tmp_path / "same.db"
    store = open_store(str(db))
    when = datetime(999, 4, 1, 8, 30, 5)
    text = "same words @alpha,  twice\n\tover"
    slow = journal.add_entry(store, text, when=when, tags=["beta"], starred=True)
    store.close()
    fast_id = quick_add(str(db), text, when=when, tags=["beta"], starred=True)
    assert fast_id == slow.id + 1
    con = sqlite3.connect(db)
    columns = "written_at, text, starred, source_key, words, typeof(starred), typeof(words)"
    rows = con.execute(f"SELECT {columns} FROM entry ORDER BY id").fetchall()
    stamps = con.execute("SELECT created_at, updated_at FROM entry ORDER BY id").fetchall()
    tags = con.execute("SELECT entry_id, tag FROM entry_tag ORDER BY entry_id, tag").fetchall()
    con.close()
    assert (
        rows[0] == rows[1] == ("0999-04-01 08:30:05.000000", text, 1, None, 5, "integer", "integer")
    )
    for created, updated in stamps:  # "now", in the same stored form
        assert created == updated and datetime.fromisoformat(created).microsecond == 0
        assert len(created) == 26
    assert tags == [(slow.id, "alpha"), (slow.id, "beta"), (fast_id, "alpha"), (fast_id, "beta")]
    store = open_store(str(db))
    fast = journal.get_entry(store, fast_id)
    assert (fast.written_at, fast.text, fast.starred) == (when, text, True)
    assert [h.id for h in search(store, SearchFilter(query="twice"))] == [fast_id, slow.id]
    store.close()


def test_a_new_file_is_created_through_the_full_path(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    assert quick_add(str(db), "first words") == 1
    store = open_store(str(db))
    assert journal.get_entry(store, 1).text == "first words"
    store.close()


def test_the_add_command_loads_no_sqlalchemy_on_an_existing_store(tmp_path: Path) -> None:
    db = tmp_path / "light.db"
    open_store(str(db)).close()
    code = (
        "import sys\n"
        "from careerlog.cli import main\n"
        f"main(['--db', {str(db)!r}, 'add', 'light'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'textual'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["1", "[]"]
