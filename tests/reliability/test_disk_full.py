"""Disk full during a write: a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) on the
writing process makes every write past the limit fail with EFBIG, as a full disk
would. The user gets one clear line, no partial entry lands, earlier words survive
and the next write after space comes back works."""

from __future__ import annotations

import resource
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from careerlog.services.journal import add_entry, count_entries
from careerlog.store.db import open_store
from tests.reliability._support import (
    assert_one_line_error,
    careerlog,
    entry_texts,
    folder_state,
    integrity,
    until,
)


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    db = tmp_path / "store" / "journal.db"
    db.parent.mkdir()
    store = open_store(str(db))
    try:
        for i in range(40):
            add_entry(store, f"earlier entry {i} @week{i % 4}\n" + "what happened today " * 20)
    finally:
        store.close()
    return db


@pytest.mark.parametrize(
    ("how", "size"),
    [("argument", 100_000), ("stdin", 1_000_000), ("stdin", 5_000)],
)
def test_disk_full_during_add_is_one_clear_line_and_loses_nothing(
    journal: Path, how: str, size: int
) -> None:
    before = entry_texts(journal)
    text = "full disk " + "y" * size
    args = ("--db", str(journal), "add", *(["-"] if how == "stdin" else [text]))
    # The write-ahead log starts empty: a 32 KB cap lets careerlog read the store and
    # map its index, but not log the new entry; 4 KB does not even allow the index.
    limit = 32 * 1024 if size > 10_000 else 4 * 1024
    result = careerlog(
        *args, stdin=text if how == "stdin" else None, preexec_fn=_file_size_limit(limit)
    )
    message = assert_one_line_error(result)
    assert "nothing was written" in message or "cannot write" in message, message
    assert str(journal) in message

    assert integrity(journal) == ["ok"]
    assert entry_texts(journal) == before, "an earlier entry changed or a partial one landed"

    # Space comes back: the very next add works and the store is whole.
    result = careerlog("--db", str(journal), "add", "after the disk was freed")
    assert result.returncode == 0, result.stderr
    after = entry_texts(journal)
    assert after[int(result.stdout)] == "after the disk was freed"
    assert len(after) == len(before) + 1


def test_disk_full_while_creating_a_new_store_leaves_no_half_store(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    db = folder / "journal.db"
    result = careerlog(
        "--db", str(db), "add", "first words", preexec_fn=_file_size_limit(16 * 1024)
    )
    assert_one_line_error(result)
    # Whatever is left is either nothing or a store careerlog can finish creating.
    result = careerlog("--db", str(db), "add", "first words, again")
    assert result.returncode == 0, result.stderr
    assert integrity(db) == ["ok"]
    store = open_store(str(db))
    try:
        assert count_entries(store) == 1
    finally:
        store.close()
    assert set(folder_state(folder)) == {"journal.db"}


async def test_disk_full_in_the_tui_keeps_the_text_and_the_draft(tmp_path: Path) -> None:
    from careerlog.services import tracks
    from careerlog.ui.app import CareerlogApp
    from careerlog.ui.drafts import draft_path

    db = tmp_path / "journal.db"
    store = open_store(str(db))
    tracks.choose_track(store, "technical-leadership", "lead")
    add_entry(store, "an earlier entry")
    store.close()
    before = entry_texts(db)
    text = "written just before the disk filled up\n" + "every word matters " * 1000

    app = CareerlogApp(str(db))
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.store_is_open and app.draft_source is not None)
        editor = app.screen.editor  # type: ignore[attr-defined]
        editor.text = text
        app.save_draft()
        wal = Path(f"{db}-wal")
        limit = max(wal.stat().st_size if wal.exists() else 0, 4096)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        try:
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, previous)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("full" in message for message in errors), errors
        assert editor.text == text, "the editor lost the text"
        assert draft_path(str(db)).read_text(encoding="utf-8") == text
        assert entry_texts(db) == before

        # Space again: the same text saves once, and the draft is cleared.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: editor.text == "")
    after = entry_texts(db)
    assert sorted(after.values()) == sorted([*before.values(), text])
    assert not draft_path(str(db)).exists()
    assert integrity(db) == ["ok"]
