"""Drafts: what is typed survives a quit, a kill or a crash, and is offered back."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import ClassVar

import pytest
from textual.binding import Binding, BindingType

from careerlog.services import connect, journal
from careerlog.ui.app import CareerlogApp
from careerlog.ui.drafts import DraftFile, draft_path
from careerlog.ui.screens.today import TodayScreen

from .conftest import SIZE, Journal, fixed_clock, make_app, settle, type_text, until


async def test_quitting_keeps_the_unsaved_text_as_a_private_draft(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "half a thought")
        await pilot.press("ctrl+q")
    path = draft_path(str(journal_db.path))
    assert path.read_text(encoding="utf-8") == "half a thought"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


async def test_the_draft_is_saved_every_few_seconds_while_typing(journal_db: Journal) -> None:
    app = make_app(journal_db.path)
    path = draft_path(str(journal_db.path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "autosaved words")
        # Typing may straddle a save; the next save (within a few seconds) has it all.
        await until(
            pilot,
            lambda: path.exists() and path.read_text(encoding="utf-8") == "autosaved words",
            timeout=10,
        )
        assert app.is_running  # saved while the app runs, not only on quit


async def test_next_start_offers_the_draft_back(journal_db: Journal) -> None:
    DraftFile(draft_path(str(journal_db.path))).save("left over from a crash")
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: not isinstance(app.screen, TodayScreen))
        await pilot.press("enter")  # "Put it back" has the focus
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.editor.text == "left over from a crash"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert not draft_path(str(journal_db.path)).exists()  # saved, so no draft any more
    store = connect(str(journal_db.path))
    try:
        assert journal.recent_entries(store, 1)[0].text == "left over from a crash"
    finally:
        store.close()


async def test_a_discarded_draft_is_gone(journal_db: Journal) -> None:
    DraftFile(draft_path(str(journal_db.path))).save("not wanted")
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: not isinstance(app.screen, TodayScreen))
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.editor.text == ""  # type: ignore[attr-defined]
    assert not draft_path(str(journal_db.path)).exists()


class Boom(RuntimeError):
    """Stands in for a bug inside the app."""


class CrashingApp(CareerlogApp):
    """The real app plus one key that fails the way a bug would."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CareerlogApp.BINDINGS,
        Binding("f12", "explode", "Explode"),
    ]

    def action_explode(self) -> None:
        secret = "my secret salary figures"  # a local the default traceback would print
        raise Boom(f"failed near {len(secret)} characters")


async def test_a_crash_keeps_the_draft_and_prints_no_text_or_locals(
    journal_db: Journal, capsys: pytest.CaptureFixture[str]
) -> None:
    app = CrashingApp(str(journal_db.path), clock=fixed_clock)
    with pytest.raises(Boom):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await type_text(pilot, "my secret salary figures")
            await pilot.press("f12")
            await pilot.pause()
    assert draft_path(str(journal_db.path)).read_text() == "my secret salary figures"
    assert app.return_code == 1
    assert app.crash_message is not None
    assert "Boom" in app.crash_message and "secret" not in app.crash_message
    out = capsys.readouterr()
    assert "secret" not in out.out + out.err
    assert "Traceback" not in out.out + out.err


@pytest.mark.slow
def test_a_crash_in_the_real_program_prints_one_short_line(
    journal_db: Journal, tmp_path: Path
) -> None:
    """``careerlog`` run as a program: the crash message reaches stderr, with exit 1."""
    import subprocess
    import sys

    script = tmp_path / "crash.py"
    script.write_text(
        "import sys\n"
        "from careerlog.ui import app as appmod\n"
        "from careerlog import ui\n"
        "class Crash(appmod.CareerlogApp):\n"
        "    def on_mount(self):\n"
        "        super().on_mount()\n"
        "        self.set_timer(0.5, self.explode)\n"
        "    def explode(self):\n"
        "        secret_local = 'private words'\n"
        "        raise ValueError('x' + secret_local[:0])\n"
        "appmod.CareerlogApp = Crash\n"
        "sys.exit(ui.run(sys.argv[1]))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, str(script), str(journal_db.path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "careerlog stopped after an unexpected ValueError" in done.stderr
    assert "private words" not in done.stderr + done.stdout
    assert "secret_local" not in done.stderr + done.stdout


async def test_a_second_tui_keeps_its_own_draft_and_never_discards_the_first_ones(
    journal_db: Journal,
) -> None:
    """Two TUIs on one store: the second neither offers the first one's live draft nor
    deletes it when its person answers "discard"; each keeps its own words."""
    first = DraftFile(draft_path(str(journal_db.path)), str(journal_db.path))
    first.save("the first TUI's unsaved words")  # a TUI running, typing
    app = make_app(journal_db.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)  # nothing offered: it isn't left over
        await type_text(pilot, "the second TUI's words")
        await pilot.press("ctrl+q")
    own = app.drafts.path
    assert own != first.path
    assert own.read_text(encoding="utf-8") == "the second TUI's words"
    assert first.path.read_text(encoding="utf-8") == "the first TUI's unsaved words"

    first.release()  # the first TUI ended without saving: its draft is left over now
    again = make_app(journal_db.path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: not isinstance(again.screen, TodayScreen))
        await pilot.press("n")  # "Discard it": the person's own choice, for a left-over
        await settle(pilot)
        assert again.screen.editor.text == ""
    assert not first.path.exists()
    assert own.read_text(encoding="utf-8") == "the second TUI's words"
