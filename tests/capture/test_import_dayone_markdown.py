"""``import dayone`` (Day One's JSON export) and ``import markdown`` (a folder of notes):
all or nothing, a second import adds nothing, skips are reported, tags come over
exactly and body text never invents one."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.capture.conftest import Cli, one_line_error, rows


def _entry(uuid: str, created: str, zone: str, text: str, **more: object) -> dict[str, object]:
    """One entry as Day One's JSON export writes it (the fields its schema requires)."""
    return {
        "uuid": uuid,
        "creationDate": created,
        "modifiedDate": created,
        "creationDevice": "Test iPhone",
        "duration": 0,
        "timeZone": zone,
        "starred": False,
        "text": text,
        **more,
    }


def _export(folder: Path) -> Path:
    """A Day One export: a zip holding one JSON file per journal, and a photos folder."""
    work = {
        "metadata": {"version": "1.0"},
        "entries": [
            _entry(
                "A1B2C3D4E5F60718293A4B5C6D7E8F90",
                "2024-03-05T14:30:00Z",
                "America/New_York",
                "Quarterly planning\n\nAgreed the roadmap with @Lena. Textual markup "
                "like [@click=app.quit] and [b]bold[/b] is only text.",
                tags=["Work", "career growth"],
                starred=True,
                photos=[{"identifier": "P1", "md5": "abc", "type": "jpeg"}],
            ),
            _entry("0F1E2D3C4B5A69788796A5B4C3D2E1F0", "2024-03-06T08:00:00Z", "UTC", "   "),
        ],
    }
    home = {
        "metadata": {"version": "1.0"},
        "entries": [
            _entry(
                "11112222333344445555666677778888",
                "2023-12-31T23:30:00Z",
                "Europe/Berlin",
                "New year at home",
                tags=[],
            )
        ],
    }
    target = folder / "Export-Day-One.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("Work.json", json.dumps(work))
        archive.writestr("Home.json", json.dumps(home))
        archive.writestr("photos/abc.jpeg", b"\xff\xd8\xff")
    return target


def test_a_day_one_export_comes_in_once(cl: Cli, db: Path, tmp_path: Path) -> None:
    export = _export(tmp_path)
    done = cl("import", "dayone", str(export))
    assert done.code == 0, done.err
    assert done.out.splitlines()[0] == "Imported 2 entries."
    assert "1 because careerlog keeps the text only" in done.out
    assert "1 because it has no text" in done.out
    assert "it came in as 'career-growth'" in done.out
    stored = rows(db, "SELECT id, written_at, text, starred FROM entry ORDER BY written_at")
    # 14:30 UTC is 09:30 in New York; 23:30 UTC on 31 December is 00:30 in Berlin.
    assert [(str(w)[:16], bool(s)) for _, w, _, s in stored] == [
        ("2024-01-01 00:30", False),
        ("2024-03-05 09:30", True),
    ]
    assert str(stored[1][2]).startswith("Quarterly planning\n\nAgreed the roadmap")
    tags = rows(db, "SELECT tag FROM entry_tag WHERE entry_id = ? ORDER BY tag", stored[1][0])
    assert tags == [("career-growth",), ("work",)]  # Day One's tags, not @Lena or @click
    again = cl("import", "dayone", str(export))
    assert again.out.startswith("Imported nothing new.")
    assert rows(db, "SELECT count(*) FROM entry") == [(2,)]
    only_json = tmp_path / "Work.json"
    with zipfile.ZipFile(export) as archive:
        only_json.write_bytes(archive.read("Work.json"))
    assert cl("import", "dayone", str(only_json)).out.startswith("Imported nothing new.")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"entries": []}', "not a Day One JSON export"),
        ('{"metadata": {}, "entries": [{"uuid": "x"}]}', "no uuid or creationDate"),
        (
            '{"metadata": {}, "entries": [{"uuid": "x", "creationDate": "2024-01-01T00:00:00Z",'
            ' "tags": "work"}]}',
            "tags should be a list",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_broken_day_one_file_imports_nothing(
    cl: Cli, db: Path, tmp_path: Path, content: str, said: str
) -> None:
    cl("add", "already here")
    file = tmp_path / "Journal.json"
    file.write_text(content, encoding="utf-8")
    assert said in one_line_error(cl("import", "dayone", str(file)))
    assert rows(db, "SELECT count(*) FROM entry") == [(1,)]


def _notes(folder: Path) -> Path:
    vault = folder / "vault"
    (vault / "Daily").mkdir(parents=True)
    (vault / ".obsidian").mkdir()
    (vault / ".obsidian" / "2024-01-01.md").write_text("settings, not a note", encoding="utf-8")
    (vault / "Daily" / "2024-03-05.md").write_text(
        "Met with @Lena about the #roadmap.\n\n```\n#not-a-tag in code\n```\n"
        "Clicked [@click=app.quit] by accident.\n",
        encoding="utf-8",
    )
    (vault / "Meeting with the VP.md").write_text(
        '---\ndate: 2024-02-10 16:00\ntags:\n  - leadership\n  - "#one-on-one"\n---\n'
        "We talked about scope.\n",
        encoding="utf-8",
    )
    (vault / "Log 2024.md").write_text(
        "# Work log\n\n## 2024-04-01 09:15 Standup\nBlocked on review #ci\n\n"
        "## 2024-04-02\nPaired with Sam.\n",
        encoding="utf-8",
    )
    (vault / "Ideas.md").write_text("No date anywhere here.\n", encoding="utf-8")
    return vault


def test_a_folder_of_markdown_notes_comes_in_once(cl: Cli, db: Path, tmp_path: Path) -> None:
    vault = _notes(tmp_path)
    done = cl("import", "markdown", str(vault))
    assert done.code == 0, done.err
    assert done.out.splitlines()[0] == "Imported 4 entries."
    assert "because no date in its name, front matter or heading: Ideas.md" in done.out
    stored = rows(db, "SELECT id, written_at, text FROM entry ORDER BY written_at")
    assert [(str(w)[:16], str(t).splitlines()[0]) for _, w, t in stored] == [
        ("2024-02-10 16:00", "Meeting with the VP"),
        ("2024-03-05 09:00", "Met with @Lena about the #roadmap."),
        ("2024-04-01 09:15", "Standup"),
        ("2024-04-02 09:00", "Paired with Sam."),
    ]

    def tags(entry_id: object) -> list[str]:
        return [
            str(t)
            for (t,) in rows(
                db, "SELECT tag FROM entry_tag WHERE entry_id = ? ORDER BY tag", entry_id
            )
        ]

    assert tags(stored[0][0]) == ["leadership", "one-on-one"]
    assert tags(stored[1][0]) == ["roadmap"]  # not @Lena, @click or the #tag in code
    assert tags(stored[2][0]) == ["ci"]
    again = cl("import", "markdown", str(vault))
    assert again.out.startswith("Imported nothing new.")
    assert rows(db, "SELECT count(*) FROM entry") == [(4,)]


def test_markdown_needs_a_folder_of_notes(cl: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "holds no Markdown notes" in one_line_error(
        cl("import", "markdown", str(tmp_path / "empty"))
    )
    note = tmp_path / "one.md"
    note.write_text("x", encoding="utf-8")
    assert "is not a folder" in one_line_error(cl("import", "markdown", str(note)))
    assert "does not exist" in one_line_error(cl("import", "markdown", str(tmp_path / "nope")))
