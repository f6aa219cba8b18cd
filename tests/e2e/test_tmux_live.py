"""Live refresh, end to end: careerlog open in a real 80x24 terminal notices an entry
added from the shell, on Today and in the timeline's count, without a restart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, careerlog, tui_command

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

REFRESH_SECONDS = 5.0
"""The app looks every second; five leaves room for a loaded machine."""


def _items(screen: str) -> int:
    found = re.search(r"([\d,]+) items?", screen)
    assert found, screen
    return int(found.group(1).replace(",", ""))


def test_an_entry_added_from_the_shell_appears_in_the_open_tui(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    assert careerlog(db, "track", "choose", "technical").returncode == 0
    assert careerlog(db, "add", "Planned the quarter with Ines").returncode == 0
    tmux = Tmux(tmp_path)
    tmux.start(tui_command(db), size=(80, 24))
    try:
        tmux.wait_for(lambda s: "Planned the quarter with Ines" in s, "Today's entry")
        added = careerlog(db, "add", "Shell note: incident review")
        assert added.returncode == 0, added.stderr
        tmux.wait_for(
            lambda s: "Shell note: incident review" in s,
            "the shell's entry on Today",
            timeout=REFRESH_SECONDS,
        )
        tmux.key("F5", pause=0.5)
        before = _items(tmux.wait_for(lambda s: " items" in s, "the timeline's count"))
        assert careerlog(db, "add", "One more from the shell").returncode == 0
        tmux.wait_for(
            lambda s: " items" in s and _items(s) == before + 1,
            "the timeline's count to grow",
            timeout=REFRESH_SECONDS,
        )
    finally:
        tmux.stop()
