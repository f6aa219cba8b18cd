"""End to end: the real ``careerlog`` in a real terminal (tmux). An entry written through
the command palette is found afterwards by ``careerlog search``."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

REPO = Path(__file__).resolve().parents[2]


class Tmux:
    """One tmux server of our own (``-L``), one session, keys sent one per call."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"careerlog-e2e-{uuid.uuid4().hex[:8]}"
        self.session = "e2e"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def start(self, command: str) -> None:
        done = self.run("new-session", "-d", "-s", self.session, "-x", "120", "-y", "40", command)
        assert done.returncode == 0, done.stderr

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session).stdout

    def key(self, key: str, *, literal: bool = False, pause: float = 0.15) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), key)
        time.sleep(pause)

    def type(self, text: str) -> None:
        for ch in text:
            self.key(ch, literal=True, pause=0.05)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if check(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session).returncode == 0

    def stop(self) -> None:
        self.run("kill-server")


def careerlog(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "careerlog", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def xdg_env() -> str:
    """The test's own XDG folders as shell assignments, for the command tmux runs."""
    return " ".join(
        f"{name}={shlex.quote(os.environ[name])}"
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
        if name in os.environ
    )


def test_an_entry_written_through_the_palette_is_found_by_search(tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    assert careerlog(db, "track", "choose", "technical").returncode == 0
    env = xdg_env()
    tmux = Tmux(tmp_path)
    command = (
        f"cd {shlex.quote(str(REPO))} && env {env} TERM=xterm-256color "
        f"{shlex.quote(sys.executable)} -m careerlog --db {shlex.quote(str(db))}"
    )
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


def test_closing_the_terminal_keeps_the_draft_and_the_next_start_offers_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "hangup.db"
    assert careerlog(db, "track", "choose", "support").returncode == 0
    env = xdg_env()
    command = (
        f"cd {shlex.quote(str(REPO))} && env {env} TERM=xterm-256color "
        f"{shlex.quote(sys.executable)} -m careerlog --db {shlex.quote(str(db))}"
    )
    first = Tmux(tmp_path)
    first.start(command)
    try:
        first.wait_for(lambda s: "No entries yet" in s, "the store to open")
        first.type("words I never saved")
        first.wait_for(lambda s: "words I never saved" in s, "the typed text")
    finally:
        first.stop()  # the terminal goes away: careerlog gets SIGHUP
    time.sleep(1.0)
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
