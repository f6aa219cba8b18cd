"""A careerlog that holds its store open never lets another careerlog take the store
for unused.

Closing any descriptor of a file drops every POSIX lock the process holds on it,
SQLite's included. When careerlog peeked at its store's header with open()/close()
while its engine had connections open, another careerlog closing its last connection
saw no other user, checkpointed and deleted the WAL, and the store was damaged (the TUI
with twenty CLI writers, tests/reliability/test_concurrency.py). The probe here is the
same question SQLite asks before it removes a WAL: may another process take the
exclusive lock (and so leave WAL mode)? While careerlog holds the store, never.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from careerlog.services import journal
from careerlog.services import stats as statistics
from careerlog.services.exchange import backup
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import open_store
from careerlog.store.files import cipher, sqlite_file

_PROBE = (
    "import sqlite3, sys\n"
    "con = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
    "try:\n"
    "    print(con.execute('PRAGMA journal_mode = DELETE').fetchone()[0])\n"
    "except sqlite3.OperationalError:\n"
    "    print('in use')\n"
)


def another_process_sees(db: Path) -> str:
    """What another process gets when it tries to take the store out of WAL mode."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(db)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_looking_at_the_store_keeps_this_process_s_locks(tmp_path: Path) -> None:
    db = tmp_path / "held.db"
    store = open_store(str(db))
    try:
        journal.add_entry(store, "an entry while the store is held open")
        journal.recent_entries(store)  # the engine's pooled connection has read the file
        assert another_process_sees(db) == "in use"
        # Everything a command or the TUI does to a store it already holds open: the
        # header looks, the standard-library reads, the daily backup.
        for _ in range(3):
            assert cipher.file_salt(db) is None
            assert not cipher.is_encrypted(db)
            assert sqlite_file.looks_like_sqlite(db)
            assert sqlite_file.readable_file(str(db)) == db
            assert sqlite_file.is_damaged(db) is False
            assert search(db, SearchFilter(query="entry"))
            assert statistics.stats(db).entries == 1
            backup.maybe_daily_backup(store)
        assert another_process_sees(db) == "in use"
    finally:
        store.close()
    assert another_process_sees(db) == "delete"  # and once it lets go, it is free
