"""``import jrnl`` reads jrnl's plain-text journal itself, written here by the real jrnl
(``make jrnl``), and agrees with jrnl's own JSON export of the same journal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.capture.conftest import Cli, rows
from tests.io.test_io_jrnl import JRNL, needs_jrnl

pytestmark = needs_jrnl

ENTRIES = [
    "2019-03-04 10:15: Café déjà vu @Work with ünïcode — 日本語",
    "2021-06-01 08:00: Starred title *\nBody about @mentoring and #growth.\n\nPara two.",
    "2023-02-03 17:45: Textual markup stays text. A body with [@click=app.quit] and "
    "[bold]x[/bold], mail me@example.com, and (@paren) too",
    "2024-12-31 23:59: New year eve 🎉 @team-lead/infra",
]


def _journal(folder: Path, timeformat: str, tagsymbols: str) -> tuple[Path, Path]:
    """A journal written entry by entry by jrnl, and jrnl's JSON export of it."""
    config = folder / "jrnl.yaml"
    journal = folder / "journal.txt"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        f"linewrap: 79\ntagsymbols: '{tagsymbols}'\ntemplate: false\n"
        f"timeformat: '{timeformat}'\nversion: v4.6\n",
        encoding="utf-8",
    )

    def jrnl(*args: str) -> str:
        return subprocess.run(
            [str(JRNL), "--config-file", str(config), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout

    for text in ENTRIES:
        jrnl(text)
    export = folder / "export.json"
    export.write_text(jrnl("--format", "json"), encoding="utf-8")
    return journal, export


@pytest.fixture(
    scope="module",
    params=[("%F %r", "#@"), ("%Y-%m-%d %H:%M", "@")],
    ids=["jrnl-defaults", "minutes-at-only"],
)
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    timeformat, symbols = request.param
    return (*_journal(tmp_path_factory.mktemp("jrnl"), timeformat, symbols), symbols)


def test_the_plain_text_journal_comes_in_with_jrnls_own_tags(cl: Cli, db: Path, written) -> None:  # type: ignore[no-untyped-def]
    journal, export, symbols = written
    assert journal.read_text(encoding="utf-8").startswith("[2019-03-04 10:15")
    done = cl("import", "jrnl", str(journal), "--tag-symbols", symbols)
    assert done.code == 0, done.err
    assert done.out.startswith("Imported 4 entries.")
    stored = rows(db, "SELECT id, written_at, text, starred FROM entry ORDER BY written_at")
    tags = {
        entry_id: sorted(
            str(t) for (t,) in rows(db, "SELECT tag FROM entry_tag WHERE entry_id = ?", entry_id)
        )
        for entry_id, *_ in stored
    }
    jrnl_view = json.loads(export.read_text(encoding="utf-8"))["entries"]
    assert len(stored) == len(jrnl_view) == 4
    for (entry_id, written_at, text, starred), theirs in zip(stored, jrnl_view, strict=True):
        assert str(written_at).startswith(f"{theirs['date']} {theirs['time']}")
        assert str(text).startswith(theirs["title"])
        assert theirs["body"].strip() in str(text)
        assert bool(starred) == theirs["starred"]
        # Exactly the tags jrnl itself sees, with careerlog's @ left off.
        assert tags[entry_id] == sorted(t.removeprefix("@") for t in theirs["tags"])
    markup = next(i for i, _, text, _ in stored if "click" in str(text))
    assert "click=app.quit" not in tags[markup] and "paren" not in tags[markup]


def test_the_text_and_the_json_export_are_the_same_entries(cl: Cli, db: Path, written) -> None:  # type: ignore[no-untyped-def]
    journal, export, symbols = written
    assert cl("import", "jrnl", str(export)).out.startswith("Imported 4 entries.")
    again = cl("import", "jrnl", str(journal), "--tag-symbols", symbols)
    assert again.code == 0
    assert again.out.startswith("Imported nothing new.")
    assert "4 because already in the store" in again.out
    assert rows(db, "SELECT count(*) FROM entry") == [(4,)]
    twice = cl("import", "jrnl", str(export))
    assert twice.out.startswith("Imported nothing new.")


def test_a_jrnl_folder_journal_comes_in(cl: Cli, db: Path, tmp_path: Path) -> None:
    day = tmp_path / "journal" / "2024" / "05"
    day.mkdir(parents=True)
    (day / "06.txt").write_text(
        "[2024-05-06 09:00] Morning @standup\n\n[2024-05-06 17:30] Evening notes *\nwrapped up\n",
        encoding="utf-8",
    )
    (day / "07.txt").write_text("[2024-05-07 08:15] Next day\n", encoding="utf-8")
    done = cl("import", "jrnl", str(tmp_path / "journal"))
    assert done.out.startswith("Imported 3 entries."), done.err
    assert rows(db, "SELECT text, starred FROM entry ORDER BY written_at") == [
        ("Morning @standup", 0),
        ("Evening notes\nwrapped up", 1),
        ("Next day", 0),
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("gAAAAABlZ3xyz==", "encrypted jrnl journal"),
        ("just some words\nwith no dates\n", "neither a jrnl JSON export nor a jrnl journal"),
        ("[someday] title\n", "cannot read jrnl's date"),
    ],
)
def test_files_that_are_not_a_jrnl_journal_import_nothing(
    cl: Cli, db: Path, tmp_path: Path, content: str, said: str
) -> None:
    cl("add", "already here")
    file = tmp_path / "journal.txt"
    file.write_text(content, encoding="utf-8")
    done = cl("import", "jrnl", str(file))
    assert done.code == 1 and said in done.err and len(done.err.splitlines()) == 1
    assert rows(db, "SELECT count(*) FROM entry") == [(1,)]
