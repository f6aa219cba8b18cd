"""NUL in text is handled the same on both backends: refused in one line, with nothing
written, whichever way it comes in (PostgreSQL cannot store it at all, and SQLite's
search index stops reading at it, so neither keeps it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import ActivityKind
from careerlog.io.importers.careerlog import import_careerlog
from careerlog.io.importers.jrnl import import_jrnl
from careerlog.services.career.feedback import add_feedback
from careerlog.services.exchange.importing import count_records
from careerlog.services.goals import add_goal, list_goals
from careerlog.services.journal import add_entry, recent_entries
from careerlog.services.learning import log_activity
from careerlog.store.db import Store

NUL_TEXT = "before \x00 after"


def test_every_writer_refuses_nul_in_the_same_words(any_store: Store) -> None:
    writes = (
        lambda: add_entry(any_store, NUL_TEXT),
        lambda: add_goal(any_store, NUL_TEXT),
        lambda: add_goal(any_store, "a goal", why=NUL_TEXT),
        lambda: log_activity(any_store, "a book", ActivityKind.BOOK, notes=NUL_TEXT),
        lambda: add_feedback(any_store, NUL_TEXT, giver="Ana"),
        lambda: add_feedback(any_store, "clear design review", giver=NUL_TEXT),
    )
    messages = set()
    for write in writes:
        with pytest.raises(CareerlogError) as refused:
            write()
        messages.add(str(refused.value))
        assert "NUL" in str(refused.value) and "nothing was written" in str(refused.value)
    assert len(messages) <= 2  # the entry rule, and the store's for every other text
    assert count_records(any_store) == 0


def test_an_import_skips_an_entry_holding_nul_and_says_so(any_store: Store, tmp_path: Path) -> None:
    file = tmp_path / "jrnl.json"
    entries = [
        {"date": "2024-01-02", "time": "09:00", "title": "kept", "body": "", "tags": []},
        {"date": "2024-01-03", "time": "09:00", "title": "bad", "body": NUL_TEXT, "tags": []},
    ]
    file.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    report = import_jrnl(any_store, file)
    assert report.imported == {"entries": 1}
    assert any("NUL" in s.why for s in report.skipped), report.skipped
    assert [e.text for e in recent_entries(any_store)] == ["kept"]


def test_an_import_with_nul_outside_entries_imports_nothing(
    any_store: Store, tmp_path: Path
) -> None:
    export = {
        "format": "careerlog",
        "schema_version": 1,
        "goals": [
            {
                "id": 1,
                "title": NUL_TEXT,
                "why": "",
                "status": "active",
                "due": None,
                "progress_manual": None,
                "created_at": "2024-01-01T09:00:00",
                "updated_at": "2024-01-01T09:00:00",
                "closed_at": None,
                "version": 1,
                "competencies": [],
                "milestones": [],
            }
        ],
        "entries": [
            {
                "written_at": "2024-01-01T09:00:00",
                "text": "an entry",
                "starred": False,
                "tags": [],
                "created_at": "2024-01-01T09:00:00",
                "updated_at": "2024-01-01T09:00:00",
            }
        ],
    }
    file = tmp_path / "export.json"
    file.write_text(json.dumps(export), encoding="utf-8")
    with pytest.raises(CareerlogError, match="NUL"):
        import_careerlog(any_store, file)
    assert count_records(any_store) == 0
    assert list_goals(any_store) == []


def test_the_cli_refuses_nul_on_stdin_in_one_line(
    any_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    location = str(any_store.path) if any_store.path is not None else any_store.url
    monkeypatch.setattr("sys.stdin", io.StringIO(NUL_TEXT))
    assert main(["--db", location, "add", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "NUL" in err and "unexpected" not in err
    assert count_records(any_store) == 0
