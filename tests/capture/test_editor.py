"""Writing entries in $EDITOR, through a real pseudo-terminal and a fake editor."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.capture.conftest import rows
from tests.capture.pty_run import PtyRun, run_on_pty

pytestmark = pytest.mark.cli  # the real command on a pseudo-terminal (tests/tiers.py)

FAKE = Path(__file__).with_name("fake_editor.py")


@pytest.fixture
def term(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``term("add", do="write:hello")`` runs careerlog on a pty with the fake editor."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    log = tmp_path / "editor.json"
    db = tmp_path / "journal.db"

    def run(*args: str, do: str = "keep", typed: str = "", visual: bool = False) -> PtyRun:
        log.unlink(missing_ok=True)
        env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(runtime),
            "FAKE_EDITOR_LOG": str(log),
            "FAKE_EDITOR_DO": do,
            "TERM": "xterm",
        }
        editor = f"{sys.executable} {FAKE}"
        env.pop("VISUAL", None)
        env["EDITOR"] = "/no/such/editor" if visual else editor
        if visual:
            env["VISUAL"] = f"{editor} --from-visual"
        return run_on_pty("--db", str(db), *args, env=env, typed=typed)

    def seen() -> dict[str, object]:
        return dict(json.loads(log.read_text(encoding="utf-8")))

    run.db = db  # type: ignore[attr-defined]
    run.runtime = runtime  # type: ignore[attr-defined]
    run.seen = seen  # type: ignore[attr-defined]
    return run


def texts(db: Path) -> list[str]:
    return [str(r[0]) for r in rows(db, "SELECT text FROM entry ORDER BY id")]


def test_add_without_text_at_a_terminal_opens_the_editor(term) -> None:  # type: ignore[no-untyped-def]
    done = term("add", do="write:Wrote this in my editor @focus\\nand a second line")
    assert done.code == 0, done.output
    assert done.output.strip().splitlines()[-1] == "1"
    assert texts(term.db) == ["Wrote this in my editor @focus\nand a second line"]
    assert rows(term.db, "SELECT tag FROM entry_tag") == [("focus",)]
    seen = term.seen()
    folder = Path(str(seen["path"])).parent
    assert folder == term.runtime / "careerlog"
    assert (seen["mode"], seen["folder_mode"], seen["tty"]) == (0o600, 0o700, True)
    assert not Path(str(seen["path"])).exists(), "the temp file is removed afterwards"
    assert list(folder.iterdir()) == []


def test_visual_wins_over_editor(term) -> None:  # type: ignore[no-untyped-def]
    assert term("add", do="write:from visual", visual=True).code == 0
    assert term.seen()["argv"] == ["--from-visual"]
    assert texts(term.db) == ["from visual"]


def test_empty_or_unchanged_writes_nothing_and_says_so(term, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = term("add", do="empty")
    assert empty.code == 1 and "empty; nothing was written" in empty.output
    template = tmp_path / "day.md"
    template.write_text("## What I did\n\n## What I learned\n", encoding="utf-8")
    same = term("add", "--template", str(template), do="keep")
    assert term.seen()["text"] == "## What I did\n\n## What I learned\n"
    assert same.code == 1 and "unchanged; nothing was written" in same.output
    failed = term("add", do="fail")
    assert failed.code == 1 and "exited with status 3" in failed.output
    assert "Traceback" not in empty.output + same.output + failed.output
    assert not term.db.exists() or texts(term.db) == []
    assert list((term.runtime / "careerlog").iterdir()) == []


def test_a_template_prefills_and_edit_prefills_with_the_text(term, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "day.md"
    template.write_text("## Wins\n", encoding="utf-8")
    assert term("add", "--template", str(template), do="append:- shipped the fix").code == 0
    assert term("add", "--edit", "draft", "words", do="append:more words").code == 0
    assert term.seen()["text"] == "draft words\n"
    assert texts(term.db) == ["## Wins\n- shipped the fix", "draft words\nmore words"]


def test_the_editor_text_can_carry_an_inline_date_and_asks_before_the_future(term) -> None:  # type: ignore[no-untyped-def]
    assert term("add", do="write:2025-02-03 10:15: from the editor").code == 0
    assert rows(term.db, "SELECT text, written_at FROM entry") == [
        ("from the editor", "2025-02-03 10:15:00.000000")
    ]
    refused = term("add", do="write:in 3 days: a plan", typed="n\n")
    assert refused.code == 1 and "in the future" in refused.output
    assert "your text is kept in" in refused.output  # typed words are never thrown away
    kept = [p for p in (term.runtime / "careerlog").iterdir()]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "in 3 days: a plan\n"
    assert term("add", do="write:in 3 days: a plan", typed="y\n").code == 0
    assert texts(term.db)[-1] == "a plan"


def test_edit_opens_the_entry_and_keeps_tags_links_and_star(term) -> None:  # type: ignore[no-untyped-def]
    assert term("add", "first draft @work", "--tag", "review", "--star").code == 0
    edited = term("edit", "1", do="write:final words @work @shipped")
    assert edited.code == 0 and "saved" in edited.output
    assert term.seen()["text"] == "first draft @work\n"
    assert texts(term.db) == ["final words @work @shipped"]
    tags = sorted(str(r[0]) for r in rows(term.db, "SELECT tag FROM entry_tag"))
    assert tags == ["review", "shipped", "work"]
    assert rows(term.db, "SELECT starred FROM entry") == [(1,)]
    unchanged = term("edit", "1", do="keep")
    assert unchanged.code == 0 and "unchanged; nothing was written" in unchanged.output
    emptied = term("edit", "1", do="empty")
    assert emptied.code == 1 and "careerlog delete 1" in emptied.output
    assert texts(term.db) == ["final words @work @shipped"]


def test_no_editor_set_is_one_clear_line(term, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "XDG_RUNTIME_DIR": str(term.runtime)}
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    done = run_on_pty("--db", str(term.db), "add", env=env)
    assert done.code == 1
    assert done.output.strip() == (
        "careerlog: no editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), "
        "or give the text as arguments"
    )
