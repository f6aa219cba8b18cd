"""An imported activity's link follows the rule a typed one does (domain.text's
``link_problem``, one rule in one place): a link ``careerlog learn --link`` refuses is
not brought in by ``careerlog import careerlog`` either. The activity comes in without
it, and the import report names the link it left out and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.cli import main

REFUSED = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "https://example.com/a page",
    "https://example.com/\x1b]0;pwned\x07",
]


def _export_with_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], links: list[str]
) -> Path:
    """A careerlog export whose activities carry ``links`` (one each), as a file might
    arrive from elsewhere: careerlog's own export, edited."""
    source = tmp_path / "source.db"
    for n in range(len(links)):
        assert main(["--db", str(source), "learn", f"reading {n}", "--kind", "book"]) == 0
    capsys.readouterr()
    assert main(["--db", str(source), "export", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    for activity, link in zip(document["activities"], links, strict=True):
        activity["link"] = link
    file = tmp_path / "export.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    return file


@pytest.mark.parametrize("link", REFUSED)
def test_a_link_refused_when_typed_is_refused_when_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    typed = tmp_path / "typed.db"
    code = main(["--db", str(typed), "learn", "typed", "--kind", "book", "--link", link])
    _, err = capsys.readouterr()
    assert code == 1 and "link" in err, err

    file = _export_with_links(tmp_path, capsys, [link])
    target = tmp_path / "target.db"
    assert main(["--db", str(target), "import", "careerlog", str(file)]) == 0
    out, err = capsys.readouterr()
    said = out + err
    assert "link" in said and ("http://" in said or "spaces or control" in said), said
    assert "\x1b" not in said
    assert main(["--db", str(target), "export", "--format", "json"]) == 0
    activities = json.loads(capsys.readouterr().out)["activities"]
    assert [(a["title"], a["link"]) for a in activities] == [("reading 0", "")]


def test_a_good_link_comes_in_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = ["https://example.com/course?id=7", "http://example.org/talk#slides"]
    file = _export_with_links(tmp_path, capsys, good)
    target = tmp_path / "target.db"
    assert main(["--db", str(target), "import", "careerlog", str(file)]) == 0
    capsys.readouterr()
    assert main(["--db", str(target), "export", "--format", "json"]) == 0
    activities = json.loads(capsys.readouterr().out)["activities"]
    assert sorted(a["link"] for a in activities) == sorted(good)
