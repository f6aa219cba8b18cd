"""Two programs edit one entry: the second save, made from a stale read, is refused with
a clear line and the stored entry keeps the first save; nothing typed is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.domain.errors import ConflictError, NotFoundError
from careerlog.services import journal
from careerlog.store.db import Store, open_store


def _second_program(store: Store) -> Store:
    """Another program on the same store: its own engine, its own connections."""
    return open_store(store.url if store.path is None else str(store.path))


def test_a_save_from_a_stale_read_is_refused_and_the_first_save_stays(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "Planned the quarter with the team")
    other = _second_program(any_store)
    try:
        mine = journal.get_entry(any_store, entry.id)
        theirs = journal.get_entry(other, entry.id)
        journal.update_entry(
            other, entry.id, "Planned the quarter @planning", unchanged_since=theirs.updated_at
        )
        with pytest.raises(ConflictError, match=f"entry {entry.id} was changed by another"):
            journal.update_entry(
                any_store, entry.id, "Planned the quarter, late", unchanged_since=mine.updated_at
            )
    finally:
        other.close()
    stored = journal.get_entry(any_store, entry.id)
    assert stored.text == "Planned the quarter @planning"
    assert stored.tags == ("planning",)


def test_saving_again_from_the_fresh_read_overwrites_knowingly(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "first words")
    journal.update_entry(any_store, entry.id, "their words", unchanged_since=entry.updated_at)
    with pytest.raises(ConflictError):
        journal.update_entry(any_store, entry.id, "my words", unchanged_since=entry.updated_at)
    fresh = journal.get_entry(any_store, entry.id)
    saved = journal.update_entry(any_store, entry.id, "my words", unchanged_since=fresh.updated_at)
    assert journal.get_entry(any_store, entry.id).text == "my words"
    # Each save moves the stamp, even two in one clock tick: the stale one stays stale.
    assert saved.updated_at is not None and fresh.updated_at is not None
    assert saved.updated_at > fresh.updated_at


def test_a_star_from_elsewhere_also_counts_as_a_change(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "shipped the migration")
    journal.set_starred(any_store, entry.id, True)
    with pytest.raises(ConflictError):
        journal.update_entry(
            any_store, entry.id, "shipped it", starred=False, unchanged_since=entry.updated_at
        )
    assert journal.get_entry(any_store, entry.id).starred


def test_a_deleted_entry_is_not_found_rather_than_in_conflict(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "a note")
    journal.delete_entry(any_store, entry.id)
    with pytest.raises(NotFoundError):
        journal.update_entry(any_store, entry.id, "edited", unchanged_since=entry.updated_at)


def test_the_list_and_the_entry_read_the_same_stamp(any_store: Store) -> None:
    """The TUI's list (its own SQL text) hands the editor the stamp the save checks."""
    entry = journal.add_entry(any_store, "one")
    edited = journal.update_entry(any_store, entry.id, "two", unchanged_since=entry.updated_at)
    listed = journal.recent_entries(any_store, 5)[0]
    assert (
        listed.updated_at == edited.updated_at == journal.get_entry(any_store, entry.id).updated_at
    )
    journal.update_entry(any_store, entry.id, "three", unchanged_since=listed.updated_at)


def test_cli_edit_refuses_a_stale_save_and_keeps_the_text_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``careerlog edit`` reads, opens $EDITOR, then writes: a TUI's save made meanwhile
    wins, and what was typed in the editor is kept in a file the error names."""
    db = tmp_path / "j.db"
    assert main(["--db", str(db), "add", "standup notes"]) == 0
    store = open_store(str(db))
    try:
        entry = journal.recent_entries(store, 1)[0]
        editor = tmp_path / "editor.py"
        # The "editor": another program saves the entry while it is open, then the
        # person's text is written to the file.
        editor.write_text(
            "import sys\n"
            "from careerlog.services import journal\n"
            "from careerlog.store.db import open_store\n"
            f"store = open_store({str(db)!r})\n"
            f"journal.update_entry(store, {entry.id}, 'saved in the TUI meanwhile')\n"
            "store.close()\n"
            "open(sys.argv[1], 'w').write('typed in the editor\\n')\n"
        )
        monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
        capsys.readouterr()
        assert main(["--db", str(db), "edit", str(entry.id)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "changed by another program" in err
        kept = Path(err.rsplit("your text is kept in ", 1)[1].strip())
        assert kept.read_text() == "typed in the editor\n"
        assert journal.get_entry(store, entry.id).text == "saved in the TUI meanwhile"
    finally:
        store.close()
