"""A process that holds a store open must never close a descriptor of the store file
behind SQLite's back: that drops every POSIX lock the process holds on it, and another
careerlog closing its connection then takes itself for the last one, checkpoints and
deletes the ``-wal`` file this process goes on writing into. Its writes then vanish for
everyone else (a TUI saved "Entry #1 updated." and no other reader ever saw it)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from careerlog.services.exchange.backup import maybe_daily_backup
from careerlog.services.journal import add_entry
from careerlog.store import sqlite
from careerlog.store.db import open_store
from careerlog.store.files import cipher

COUNT = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "print(c.execute('SELECT count(*) FROM entry').fetchone()[0]); c.close()"
)


def _seen_by_another_process(db: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", COUNT, str(db)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_what_the_tui_does_while_open_keeps_its_locks(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    store = open_store(str(db))
    try:
        add_entry(store, "the first entry")
        # What the TUI's process does with the store open: the daily backup (on a new
        # day), a look at whether it is encrypted (drafts, exports), a stdlib read.
        assert maybe_daily_backup(store, date(2030, 1, 1)) is not None
        assert not cipher.is_encrypted(db)
        sqlite.connect(db, "read").close()
        assert _seen_by_another_process(db) == 1  # that reader closes: is it the last?
        add_entry(store, "written after it closed")
        assert _seen_by_another_process(db) == 2, "the write went into a deleted -wal file"
    finally:
        store.close()
    assert _seen_by_another_process(db) == 2
