"""Hostile text through every way in (CLI argument, stdin, careerlog and jrnl import,
the TUI editor): stored exactly, shown literally, no control byte reaching the
terminal, exports escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.app import App

from careerlog.services import connect, tracks
from careerlog.services.journal import add_entry, get_entry
from careerlog.ui.textual_private import screen_lines
from tests.reliability._support import CONTROL_CHARS, careerlog, connect_raw, entry_texts, until

HOSTILE: dict[str, str] = {
    "bold": "[bold]loud[/bold] and [red]red[/red]",
    "open": "an unclosed [/ tag and [b",
    "click": "[@click=app.quit]x[/] do not quit",
    "link": "[link=file:///etc/passwd]x[/link] no link",
    "clear": "before \x1b[2J after the clear",
    "title": "\x1b]0;t\x07 window title",
    "c1": "eight-bit \x9b2J csi",
    "zwj": "family 👩\u200d👩\u200d👧\u200d👦 and flag 🏳️\u200d🌈",
    "cjk": "漢字かな交じり文 한국어 텍스트",
    "rtl": "שלום עולם مرحبا \u202eevil\u202c done",
    "html": "<script>alert(1)</script> <img src=x onerror=alert(2)> &amp;",
}
BIG = "a 1 MB entry " + ("0123456789abcdef " * 62_000)
NUL = "nul \x00 inside"
"""Refused on both backends (PostgreSQL cannot store it; SQLite's index stops at it)."""


def _probe(key: str) -> str:
    return f"probe{key}"


def _no_control(output: str) -> list[str]:
    return sorted({repr(ch) for ch in output if ch in CONTROL_CHARS})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "hostile.db"


def _add(db: Path, text: str, how: str) -> int:
    if how == "argument":
        result = careerlog("--db", str(db), "add", text)
    else:
        result = careerlog("--db", str(db), "add", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return int(result.stdout)


@pytest.mark.parametrize("how", ["argument", "stdin"])
def test_cli_add_stores_hostile_text_exactly(db: Path, how: str) -> None:
    ids = {key: _add(db, f"{_probe(key)} {text}", how) for key, text in HOSTILE.items()}
    store = connect(str(db))
    try:
        for key, entry_id in ids.items():
            assert get_entry(store, entry_id).text == f"{_probe(key)} {HOSTILE[key]}", key
    finally:
        store.close()


@pytest.mark.slow
def test_a_one_megabyte_entry_through_stdin_is_stored_exactly(db: Path) -> None:
    entry_id = _add(db, BIG, "stdin")
    assert entry_texts(db)[entry_id] == BIG
    result = careerlog("--db", str(db), "search", "0123456789abcdef")
    assert result.returncode == 0, result.stderr
    assert f"#{entry_id}" in result.stdout


@pytest.mark.slow
def test_search_shows_hostile_text_literally_without_control_bytes(db: Path) -> None:
    ids = {key: _add(db, f"{_probe(key)} {text}", "stdin") for key, text in HOSTILE.items()}
    result = careerlog("--db", str(db), "search", "probe*", "--limit", "50")
    assert result.returncode == 0, result.stderr
    assert _no_control(result.stdout) == [], result.stdout
    lines = {int(line.split("#")[1].split()[0]): line for line in result.stdout.splitlines()}
    assert set(lines) == set(ids.values())
    for key, text in HOSTILE.items():
        visible = "".join(ch for ch in text if ch not in CONTROL_CHARS)
        shown = lines[ids[key]].replace("**", "")
        # Markup and scripts are shown as the characters they are, not interpreted.
        for word in visible.split():
            assert word in shown, (key, word, shown)
    as_json = careerlog("--db", str(db), "search", "probe*", "--limit", "50", "--json")
    assert as_json.returncode == 0
    assert "\x1b" not in as_json.stdout  # JSON escapes it as \u001b
    assert sorted(hit["id"] for hit in json.loads(as_json.stdout)) == sorted(ids.values())


@pytest.mark.slow
def test_other_commands_never_echo_control_bytes(db: Path) -> None:
    nasty = "\x1b]0;owned\x07\x1b[2J\x9b31m"
    assert careerlog("--db", str(db), "goal", "add", f"goal {nasty} [bold]x[/]").returncode == 0
    listing = careerlog("--db", str(db), "goal", "list")
    assert _no_control(listing.stdout) == [] and "[bold]x[/]" in listing.stdout
    for args in (
        ("add", "x", "--date", nasty),
        ("add", "x", "--tag", f"two words{nasty}"),
        ("search", "x", "--kind", nasty),
        ("learn", "x", "--kind", nasty),
        ("track", "choose", nasty),
        ("goal", "add", "x", "--competency", nasty),
        ("import", "jrnl", nasty),
        ("export", "--format", nasty),
    ):
        result = careerlog("--db", str(db), *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert result.stdout == ""
        assert _no_control(result.stdout + result.stderr) == [], (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
    # A search for control bytes finds what the words around them match, and prints
    # none of them.
    result = careerlog("--db", str(db), "search", nasty)
    assert result.returncode in (0, 1)
    assert _no_control(result.stdout + result.stderr) == []


def test_exports_escape_hostile_text(db: Path, tmp_path: Path) -> None:
    for key, text in HOSTILE.items():
        _add(db, f"{_probe(key)} {text}", "stdin")
    out: dict[str, str] = {}
    for fmt in ("md", "html", "json"):
        target = tmp_path / f"year.{fmt}"
        result = careerlog("--db", str(db), "export", "--format", fmt, "-o", str(target))
        assert result.returncode == 0, result.stderr
        out[fmt] = target.read_text(encoding="utf-8")
    html = out["html"].lower()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "file:///etc/passwd" not in html.replace("[link=file:///etc/passwd]", "")
    for fmt in ("md", "html"):
        assert _no_control(out[fmt].replace("\t", "")) == [], fmt
    for text in ("[@click=app.quit]x[/]", "漢字かな交じり文", "👩\u200d👩\u200d👧\u200d👦"):
        assert text in out["md"]
    # JSON is the exchange format: every character survives, escaped by JSON itself.
    data = json.loads(out["json"])
    exported = json.dumps(data, ensure_ascii=False)
    for text in HOSTILE.values():
        assert json.dumps(text, ensure_ascii=False)[1:-1] in exported


def test_imports_store_hostile_text_exactly(db: Path, tmp_path: Path) -> None:
    # careerlog's own exchange format, round trip through a second store.
    source = tmp_path / "source.db"
    for key, text in HOSTILE.items():
        _add(source, f"{_probe(key)} {text}", "stdin")
    _add(source, BIG, "stdin")
    exported = tmp_path / "all.json"
    result = careerlog("--db", str(source), "export", "--format", "json", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    result = careerlog("--db", str(db), "import", "careerlog", str(exported))
    assert result.returncode == 0, result.stderr
    assert sorted(entry_texts(db).values()) == sorted(entry_texts(source).values())

    # jrnl's JSON export.
    jrnl_db = tmp_path / "from-jrnl.db"
    jrnl = {
        "tags": {},
        "entries": [
            {
                "title": f"{_probe(key)}",
                "body": text,
                "date": f"2024-01-{i + 1:02d}",
                "time": "09:00",
                "tags": [],
                "starred": False,
            }
            for i, (key, text) in enumerate(HOSTILE.items())
        ],
    }
    file = tmp_path / "jrnl.json"
    file.write_text(json.dumps(jrnl), encoding="utf-8")
    result = careerlog("--db", str(jrnl_db), "import", "jrnl", str(file))
    assert result.returncode == 0, result.stderr
    assert _no_control(result.stdout + result.stderr) == []
    stored = list(entry_texts(jrnl_db).values())
    for key, text in HOSTILE.items():
        matches = [s for s in stored if s.startswith(_probe(key))]
        assert len(matches) == 1, key
        assert text in matches[0], key


def _screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app.screen))


async def test_tui_shows_hostile_entries_literally_and_saves_them_exactly(db: Path) -> None:
    from careerlog.ui.app import CareerlogApp

    store = connect(str(db))
    tracks.choose_track(store, "technical-leadership", "lead")
    for key in ("click", "link", "bold", "clear", "cjk"):
        add_entry(store, f"{_probe(key)} {HOSTILE[key]}")
    store.close()

    app = CareerlogApp(str(db))
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: app.store_is_open and "probeclick" in _screen_text(app))
        shown = _screen_text(app)
        assert "[@click=app.quit]x[/]" in shown
        assert "[link=file:///etc/passwd]x[/link]" in shown
        assert "[bold]loud[/bold]" in shown
        assert "\x1b" not in shown
        assert app.is_running

        typed = "\n".join(f"{_probe(k)} {v}" for k, v in HOSTILE.items())
        editor = app.screen.editor  # type: ignore[attr-defined]
        editor.focus()
        editor.text = typed
        await pilot.press("ctrl+s")
        await until(pilot, lambda: editor.text == "")
        assert app.is_running
    con = connect_raw(db)
    try:
        saved = [t for (t,) in con.execute("SELECT text FROM entry WHERE text = ?", (typed,))]
    finally:
        con.close()
    assert saved == [typed], "the TUI editor changed the text on the way in"
