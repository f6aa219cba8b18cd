"""End to end: the real ``careerlog`` in a real terminal (tmux). An entry written through
the command palette is found afterwards by ``careerlog search``."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, careerlog, tui_command

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_an_entry_written_through_the_palette_is_found_by_search(tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    assert careerlog(db, "track", "choose", "technical").returncode == 0
    tmux = Tmux(tmp_path)
    command = tui_command(db)
    tmux.start(command)
    try:
        tmux.wait_for(lambda s: "What happened today?" in s and "Technical" in s, "Today")
        tmux.wait_for(lambda s: "No entries yet" in s, "the store to open")
        tmux.key("C-p")
        tmux.wait_for(
            lambda s: "Search for commands" in s or "New journal entry" in s, "the command palette"
        )
        tmux.type("New journal entry")
        tmux.wait_for(lambda s: "Write in today's editor" in s, "the palette's match")
        tmux.key("Enter", pause=0.5)
        tmux.type("Released the zebrafish importer @shipping")
        tmux.key("C-s")
        tmux.wait_for(lambda s: "Saved entry #1" in s, "the entry to be saved")
        tmux.key("C-q")
        deadline = time.monotonic() + 20
        while tmux.alive() and "EXITED" not in tmux.screen() and time.monotonic() < deadline:
            time.sleep(0.2)
        quit_cleanly = not tmux.alive()
    finally:
        tmux.stop()
    assert quit_cleanly, "ctrl+q did not end careerlog"
    found = careerlog(db, "search", "zebrafish", "--json")
    assert found.returncode == 0, found.stderr
    assert "Released the zebrafish importer" in found.stdout
    assert '"shipping"' in found.stdout


def _running_on(db: Path) -> bool:
    """Whether a process on this machine has ``db`` on its command line (read from /proc:
    no pgrep needed)."""
    needle = str(db).encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if needle in cmdline.read_bytes():
                return True
        except OSError:
            continue
    return False


def test_closing_the_terminal_keeps_the_draft_and_the_next_start_offers_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "hangup.db"
    assert careerlog(db, "track", "choose", "support").returncode == 0
    command = tui_command(db)
    first = Tmux(tmp_path)
    first.start(command)
    try:
        first.wait_for(lambda s: "No entries yet" in s, "the store to open")
        first.type("words I never saved")
        first.wait_for(lambda s: "words I never saved" in s, "the typed text")
    finally:
        first.stop()  # the terminal goes away: careerlog gets SIGHUP
    # It keeps the draft and leaves (within its 2 s backstop); while it runs, its draft
    # is its own and a second TUI rightly does not offer it (ui/drafts.py).
    deadline = time.monotonic() + 10
    while _running_on(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running_on(db), "careerlog outlived its terminal by 10 s"
    second = Tmux(tmp_path)
    second.start(command)
    try:
        second.wait_for(lambda s: "Put it back" in s, "the draft to be offered back")
        second.key("Enter", pause=0.5)
        second.wait_for(
            lambda s: "words I never saved" in s and "Put it back" not in s,
            "the draft back in the editor",
        )
    finally:
        second.stop()
