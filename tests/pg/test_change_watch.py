"""The TUI's live refresh rests on this: a change watch on a store notices a commit made
through another connection (another program), on SQLite and on PostgreSQL, and takes a
write as seen once told."""

from __future__ import annotations

import time
from collections.abc import Callable

from careerlog.services import journal
from careerlog.services.changes import watch
from careerlog.store.db import Store, open_store


def _seen_within(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    """PostgreSQL's statistics reach other sessions within a second or so."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_a_commit_from_another_program_is_noticed_once(any_store: Store) -> None:
    looking = watch(any_store)
    try:
        assert not looking.changed()
        other = open_store(any_store.url if any_store.path is None else str(any_store.path))
        try:
            journal.add_entry(other, "Written by another careerlog")
        finally:
            other.close()
        assert _seen_within(looking.changed)
        assert not looking.changed()  # the same commit is not news twice
    finally:
        looking.close()


def test_a_write_taken_as_seen_is_not_reported(any_store: Store) -> None:
    looking = watch(any_store)
    try:
        journal.add_entry(any_store, "Written by this app")
        time.sleep(1.5)  # let PostgreSQL's statistics catch up before taking it as seen
        looking.sync()
        assert not looking.changed()
    finally:
        looking.close()
