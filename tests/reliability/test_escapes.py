"""The escape battery on every output surface of the command line: hostile text in
every field a person (or an import, or a store from an older careerlog) can fill, and
not one control character of it reaching the terminal, on stdout or stderr. JSON keeps
every character, with C0 and C1 controls escaped. The tag door: what a tag may hold.
(The TUI's surfaces are in ``test_tui_escapes.py``.)"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from careerlog.cli import main
from careerlog.domain.model import ActivityKind
from careerlog.services.goals import add_goal, add_milestone
from careerlog.services.journal import add_entry
from careerlog.services.learning import log_activity
from careerlog.services.tracks import choose_track
from careerlog.store.db import open_store
from tests.reliability._support import CONTROL_CHARS

ESCAPES = {
    "csi": "\x1b[2J\x1b[31m",
    "osc title, bel": "\x1b]0;owned\x07",
    "osc title, st": "\x1b]2;owned\x1b\\",
    "c1 csi": "\x9b2J",
    "c1 osc": "\x9d0;owned\x9c",
    "c1 dcs": "\x90qpayload\x9c",
    "del, bs, cr": "\x7f\x08\r",
    "bell, vt, ff": "\x07\x0b\x0c",
}
PAYLOAD = "probe " + " ".join(ESCAPES.values()) + " end"
"""One text holding every escape; each field of the store gets it."""
RAW_TAG = "t\x1b]0;owned\x07ag\x9b31m"
"""A tag as an older careerlog's import could store it (the door now refuses it)."""


def _controls(text: str) -> list[str]:
    return sorted({repr(ch) for ch in text if ch in CONTROL_CHARS})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("escapes") / "escapes.db"
    store = open_store(str(path))
    try:
        choose_track(store, "technical-leadership", "lead", reason=PAYLOAD)
        entry = add_entry(store, f"{PAYLOAD}\nsecond line {PAYLOAD}", starred=True)
        goal = add_goal(store, PAYLOAD, why=PAYLOAD)
        add_milestone(store, goal.id, PAYLOAD)
        log_activity(store, PAYLOAD, ActivityKind.BOOK, notes=PAYLOAD, minutes=30)
    finally:
        store.close()
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO entry_tag (entry_id, tag) VALUES (?, ?)", (entry.id, RAW_TAG))
    con.close()
    return path


SURFACES = {
    "search": ["search", "probe"],
    "search, every kind": ["search", "probe", "--kind", "goal", "--kind", "activity"],
    "search by the hostile tag": ["search", "--tag", RAW_TAG.lower()],
    "show": ["show"],
    "show one": ["show", "1"],
    "goal list": ["goal", "list", "--all"],
    "learn list": ["learn", "list"],
    "track status": ["track", "status"],
    "stats": ["stats"],
    "export md": ["export", "--format", "md"],
    "export html": ["export", "--format", "html"],
    "milestone done": ["goal", "milestone", "done", "1", "1"],
    "an error quoting input": ["track", "choose", PAYLOAD],
    "an unknown kind": ["learn", "x", "--kind", PAYLOAD],
    "a bad date": ["add", "x", "--date", PAYLOAD],
    "a missing import file": ["import", "jrnl", PAYLOAD],
}
JSON_SURFACES = {
    "search --json": ["search", "probe", "--json"],
    "goal list --json": ["goal", "list", "--all", "--json"],
    "learn list --json": ["learn", "list", "--json"],
    "track status --json": ["track", "status", "--json"],
    "export json": ["export", "--format", "json"],
}


@pytest.mark.parametrize("name", SURFACES)
def test_no_control_character_reaches_the_terminal(
    db: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    main(["--db", str(db), *SURFACES[name]])
    out, err = capsys.readouterr()
    assert _controls(out) == [], out
    assert _controls(err) == [], err
    assert "unexpected" not in err
    if name.startswith(("search", "show", "goal", "learn", "export md")):
        assert "probe" in out and "end" in out, out  # the text is shown, without its escapes


@pytest.mark.parametrize("name", JSON_SURFACES)
def test_json_escapes_c0_and_c1_and_keeps_every_character(
    db: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["--db", str(db), *JSON_SURFACES[name]]) == 0
    out, err = capsys.readouterr()
    assert _controls(out.replace("\n", "")) == [], out
    assert err == ""
    assert "\\u009b" in out or "\\u001b" in out  # escaped, not dropped
    document = json.dumps(json.loads(out), ensure_ascii=False)
    if name != "search --json":  # search shows snippets, made printable for reading
        assert json.dumps(PAYLOAD, ensure_ascii=False)[1:-1] in document


def test_a_stored_hostile_tag_is_shown_without_its_escapes(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["search", "probe"], ["show", "1"], ["export", "--format", "md"]):
        main(["--db", str(db), *argv])
        out = capsys.readouterr().out
        assert "@t]0;ownedag31m" in out, (argv, out)


@pytest.mark.parametrize(
    ("tag", "why"),
    [
        ("bad\x1b[2Jtag", "control"),
        ("c1\x9btag", "control"),
        ("zero\u200bwidth", "invisible"),
        ("two words", "one word"),
        ("x" * 129, "longer than 128"),
        ("@", "empty"),
    ],
)
def test_the_tag_door_refuses_what_a_tag_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, why: str
) -> None:
    db = tmp_path / "tags.db"
    assert main(["--db", str(db), "add", "kept", "--tag", "fine"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "add", "refused", "--tag", tag]) == 1
    out, err = capsys.readouterr()
    assert out == "" and why in err and len(err.splitlines()) == 1, err
    assert _controls(err) == []
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM entry").fetchone() == (1,)
    con.close()


def test_imports_skip_a_bad_tag_keep_the_entry_and_report_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "import.db"
    tags = ["good", "bad\x1b]0;t\x07", "x" * 500, "two words", "c1\x9b"]
    file = tmp_path / "jrnl.json"
    entry = {"date": "2024-03-01", "time": "09:00", "title": "t", "body": "b", "tags": tags}
    file.write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    assert main(["--db", str(db), "import", "jrnl", str(file)]) == 0
    out, err = capsys.readouterr()
    assert _controls(out + err) == []
    assert "Imported 1 entries" in out and "Skipped 4" in out, out
    con = sqlite3.connect(db)
    # A tag with a space comes in hyphenated, and the report says so (Day One allows them).
    assert sorted(t for (t,) in con.execute("SELECT tag FROM entry_tag")) == ["good", "two-words"]
    con.close()
