"""An 8 MB entry (the most careerlog stores): the lists show its first line, the editor
says it is too long to edit there and offers $EDITOR, and the TUI ends promptly on
SIGTERM and SIGHUP with it open, in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest

from careerlog.domain.text import MAX_ENTRY_BYTES
from careerlog.services import connect, journal, tracks
from tests.e2e.tmux import Tmux, tui_command
from tests.reliability._support import entry_texts
from tests.ui.conftest import make_app, screen_text, settle, until

LINE = "Walked the new hire through the release checklist and the rollback drill.\n"
FIRST = "Incident log"


def _huge(path: Path) -> str:
    text = FIRST + "\n" + LINE * ((MAX_ENTRY_BYTES - 4096) // len(LINE))
    store = connect(str(path))
    try:
        tracks.choose_track(store, "technical")
        journal.add_entry(store, text, when=datetime(2026, 3, 16, 9, 0))
    finally:
        store.close()
    return text


async def test_a_huge_entry_is_previewed_and_saving_its_star_keeps_it_whole(
    tmp_path: Path,
) -> None:
    from careerlog.ui.forms.entry_editor import EntryEditor

    path = tmp_path / "huge.db"
    text = _huge(path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert FIRST in screen_text(app)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryEditor)
        shown = screen_text(app)
        assert "too long to edit here" in shown and "$EDITOR" in shown, shown
        await pilot.press("ctrl+t", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EntryEditor))
        await settle(pilot)
    assert list(entry_texts(path).values()) == [text]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_the_tui_ends_promptly_on_a_signal_with_a_huge_entry_open(
    tmp_path: Path, sig: signal.Signals
) -> None:
    path = tmp_path / "huge.db"
    _huge(path)
    tmux = Tmux(tmp_path)
    # exec: the pane's process is careerlog itself, so the signal goes to it.
    tmux.start(tui_command(path).replace("&& env", "&& exec env"), size=(120, 40))
    try:
        tmux.wait_for(lambda s: FIRST in s, "the entry list")
        pid = int(tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_pid}").stdout)
        tmux.key("Tab")
        tmux.key("Enter", pause=0)
        # Opening the editor reads and measures 8 MB: on a loaded two-core machine that
        # has taken more than 10 s, so the wait is the suite's usual one. What is timed
        # is the signal, below, not the opening.
        tmux.wait_for(lambda s: "too long to edit here" in s, "the editor's answer")
        os.kill(pid, sig)
        sent = time.monotonic()
        while time.monotonic() - sent < 30:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        took = time.monotonic() - sent
    finally:
        tmux.stop()
    assert took < 5, f"careerlog took {took:.1f} s to end after {sig.name}"
