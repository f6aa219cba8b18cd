"""show, edit --date, delete, goal pause|drop|reopen|milestone and learn list."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.capture.conftest import Cli, one_line_error, rows


def test_show_prints_the_last_entries_oldest_first_and_one_by_id(cl: Cli) -> None:
    cl("add", "first entry", "--date", "2025-01-01 08:00")
    cl("add", "second @work\nwith a second line", "--date", "2025-01-02 09:30", "--star")
    cl("add", "third", "--date", "2025-01-03 10:00")
    shown = cl("show", "-n", "2")
    assert shown.code == 0
    assert shown.out == (
        "#2  2025-01-02 09:30 Thu  ★  @work\n"
        "    second @work\n"
        "    with a second line\n"
        "\n"
        "#3  2025-01-03 10:00 Fri\n"
        "    third\n"
    )
    assert cl("show", "1").out == "#1  2025-01-01 08:00 Wed\n    first entry\n"
    assert "no entry with id 9" in one_line_error(cl("show", "9"))
    assert "at least 1" in one_line_error(cl("show", "-n", "0"))


def test_show_never_prints_an_escape_sequence(cl: Cli) -> None:
    cl("add", "before\x1b]0;pwned\x07after")
    out = cl("show").out
    assert "\x1b" not in out and "\x07" not in out and "before]0;pwnedafter" in out


def test_edit_date_redates_and_asks_before_the_future(cl: Cli, db: Path) -> None:
    cl("add", "moved @tagged", "--tag", "kept")
    done = cl("edit", "1", "--date", "2025-03-04 14:00")
    assert done.out == "Entry #1 is now dated 2025-03-04 14:00.\n"
    assert rows(db, "SELECT text, written_at FROM entry") == [
        ("moved @tagged", "2025-03-04 14:00:00.000000")
    ]
    assert sorted(r[0] for r in rows(db, "SELECT tag FROM entry_tag")) == ["kept", "tagged"]
    assert "--future" in one_line_error(cl("edit", "1", "--date", "tomorrow"))
    assert "no entry with id 5" in one_line_error(cl("edit", "5", "--date", "today"))


def test_delete_asks_at_a_terminal_needs_yes_otherwise_and_can_be_undone(cl: Cli, db: Path) -> None:
    cl("goal", "add", "Lead the migration")
    cl("add", "the entry @work", "--date", "2025-05-06 07:08", "--star")
    with sqlite3.connect(db) as con:  # a link to the goal, as the TUI's link picker makes
        con.execute("INSERT INTO entry_goal (entry_id, goal_id) VALUES (1, 1)")
    con.close()
    err = one_line_error(cl("delete", "1"))
    assert "--yes" in err
    declined = cl("delete", "1", stdin="n\n", tty=True)
    assert declined.code == 1 and "nothing was deleted" in declined.err
    assert rows(db, "SELECT count(*) FROM entry") == [(1,)]
    done = cl("delete", "1", stdin="y\n", tty=True)
    assert done.code == 0 and "Delete entry #1 of 2025-05-06 07:08" in done.err
    assert rows(db, "SELECT count(*) FROM entry") == [(0,)]
    undo = done.out.split("To undo: ")[1].strip()
    assert undo.startswith("careerlog import careerlog ")
    kept = Path(undo.removeprefix("careerlog import careerlog "))
    assert kept.stat().st_mode & 0o777 == 0o600
    assert cl("import", "careerlog", str(kept)).code == 0
    assert rows(db, "SELECT id, text, written_at, starred FROM entry") == [
        (1, "the entry @work", "2025-05-06 07:08:00.000000", 1)
    ]
    assert rows(db, "SELECT tag FROM entry_tag") == [("work",)]
    assert rows(db, "SELECT entry_id, goal_id FROM entry_goal") == [(1, 1)]
    again = cl("delete", "1", "--yes")
    assert again.code == 0 and "To undo" in again.out


def test_goal_pause_drop_reopen(cl: Cli) -> None:
    cl("goal", "add", "Write the RFC")
    assert cl("goal", "pause", "1").out.startswith("Paused: #1    paused")
    assert cl("goal", "drop", "1").out.startswith("Dropped: #1    dropped")
    assert "Write the RFC" not in cl("goal", "list").out
    assert cl("goal", "reopen", "1").out.startswith("Reopened: #1    active")
    assert "no goal with id 4" in one_line_error(cl("goal", "pause", "4"))


def test_goal_milestones_add_and_done_move_progress(cl: Cli) -> None:
    cl("goal", "add", "Give the talk")
    cl("goal", "milestone", "add", "1", "Write the outline")
    added = cl("goal", "milestone", "add", "1", "Rehearse twice")
    assert added.out.endswith("  1. [ ] Write the outline\n  2. [ ] Rehearse twice\n")
    done = cl("goal", "milestone", "done", "1", "2")
    assert "  50%" in done.out and "  2. [x] Rehearse twice" in done.out
    data = json.loads(cl("goal", "list", "--json").out)
    assert data[0]["progress"] == 50
    assert [m["done"] for m in data[0]["milestones"]] == [False, True]
    assert "already done" in cl("goal", "milestone", "done", "1", "2").out
    assert "milestones 1 to 2" in one_line_error(cl("goal", "milestone", "done", "1", "3"))


def test_learn_list(cl: Cli) -> None:
    cl(
        "learn",
        "Designing Data-Intensive Applications",
        "--kind",
        "book",
        "--minutes",
        "90",
        "--date",
        "2025-02-01",
    )
    cl("learn", "Incident review course", "--kind", "course", "--date", "2025-03-01")
    listed = cl("learn", "list").out.splitlines()
    assert listed[0].startswith("#2    2025-03-01  course")
    assert listed[1].endswith("1 h 30 min  Designing Data-Intensive Applications")
    books = json.loads(cl("learn", "list", "--kind", "book", "--json").out)
    assert [(b["title"], b["minutes"]) for b in books] == [
        ("Designing Data-Intensive Applications", 90)
    ]
    assert "--minutes" in one_line_error(cl("learn", "list", "--minutes", "5"))
    assert "--kind" in one_line_error(cl("learn", "Something"))
