"""The escape battery on a real terminal (tmux): a store whose entry, tags, goal and
activity hold a title-setting OSC, an 8-bit CSI and markup is opened in the TUI, and the
terminal's title never changes and the markup is shown as typed.

The title check is shown able to fail first: the same bytes printed raw into a pane
retitle it.
"""

from __future__ import annotations

import shlex
import shutil
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, tui_command
from tests.reliability.test_tui_escapes import BOLD, CLICK, HOSTILE, _world

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _title(tmux: Tmux) -> str:
    return tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_title}").stdout


def _colour_screen(tmux: Tmux) -> str:
    return tmux.run("capture-pane", "-e", "-p", "-t", tmux.session).stdout


def test_raw_bytes_would_retitle_the_pane(tmp_path: Path) -> None:
    tmux = Tmux(tmp_path)
    raw = tmp_path / "raw.txt"
    raw.write_text(HOSTILE + "\n", encoding="utf-8")
    tmux.start(f"cat {shlex.quote(str(raw))}; sleep 30")
    try:
        deadline = time.monotonic() + 10
        while "pwned" not in _title(tmux) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "pwned" in _title(tmux)
    finally:
        tmux.stop()


def test_the_tui_never_retitles_the_terminal_nor_applies_markup(tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    _world(db)
    tmux = Tmux(tmp_path)
    tmux.start(tui_command(db), size=(160, 40))
    seen: list[str] = []
    try:
        # Shown as the characters typed: markup applied would hide the brackets.
        tmux.wait_for(lambda s: "Earlier" in s and BOLD in s and CLICK in s, "Today's entry")
        seen.append(_colour_screen(tmux))
        tmux.press_until("F4", lambda s: "Learning" in s and "probe" in s, "Learning")
        tmux.press_until("e", lambda s: "Edit activity" in s and BOLD in s, "the activity form")
        seen.append(_colour_screen(tmux))
        tmux.key("Escape")
        tmux.wait_for(lambda s: "Edit activity" not in s, "the form to close")
        tmux.press_until("F3", lambda s: "Milestones" in s and BOLD in s, "Goals")
        seen.append(_colour_screen(tmux))
        title = _title(tmux)
        tmux.key("C-q")
        deadline = time.monotonic() + 20
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "ctrl+q did not end careerlog"
    finally:
        tmux.stop()
    assert "pwned" not in title, title
    for screen in seen:
        assert "\x9b" not in screen and "\x07" not in screen
        assert "\x1b]" not in screen, "an OSC sequence reached the pane"
