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
    db = tmp_path / "same.db"
    store = open_store(str(db))
    when = datetime(2025, 4, 1, 8, 30, 5)
    slow = journal.add_entry(store, "full path @alpha", when=when, tags=["beta"], starred=True)
    store.close()
    fast_id = quick_add(str(db), "fast path @alpha", when=when, tags=["beta"], starred=True)
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT id, written_at, starred, length(created_at) FROM entry ORDER BY id"
    ).fetchall()
    tags = con.execute("SELECT entry_id, tag FROM entry_tag ORDER BY entry_id, tag").fetchall()
    con.close()
    assert rows == [
        (slow.id, "2025-04-01 08:30:05.000000", 1, 26),
        (fast_id, "2025-04-01 08:30:05.000000", 1, 26),
    ]
    assert tags == [(slow.id, "alpha"), (slow.id, "beta"), (fast_id, "alpha"), (fast_id, "beta")]
    store = open_store(str(db))
    fast = journal.get_entry(store, fast_id)
    assert (fast.written_at, fast.text, fast.starred) == (when, "fast path @alpha", True)
    assert [h.id for h in search(store, SearchFilter(query="fast"))] == [fast_id]
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
