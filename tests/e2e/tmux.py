"""A real terminal for end-to-end tests: one tmux server of our own per test, keys sent
one per call, the screen read back as text."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

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

    def start(self, command: str, size: tuple[int, int] = (120, 40)) -> None:
        width, height = size
        # The shell tmux starts the command with can export COLUMNS=80 and LINES=24 (read
        # before the pane has its size), and Textual believes them over the terminal:
        # the app then drew 80x24 in a 160x40 pane. The command runs without them.
        command = f"env -u COLUMNS -u LINES sh -c {shlex.quote(command)}"
        done = self.run(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command
        )
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

    def press_until(
        self, key: str, check: Callable[[str], bool], what: str, timeout: float = 30
    ) -> str:
        """Press ``key`` until the screen passes ``check``: on a loaded machine a key can
        land before the screen it is meant for has its data (a list's first row), and
        is then ignored. Only for keys that do nothing harmful when pressed again while
        the screen is still the one before."""
        deadline = time.monotonic() + timeout
        while True:
            self.key(key)
            try:
                return self.wait_for(check, what, timeout=min(3.0, timeout))
            except AssertionError:
                if time.monotonic() >= deadline:
                    raise

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


def tui_command(db: Path) -> str:
    """The shell command that opens careerlog on ``db`` with the test's own folders."""
    return (
        f"cd {shlex.quote(str(REPO))} && env {xdg_env()} TERM=xterm-256color "
        f"{shlex.quote(sys.executable)} -m careerlog --db {shlex.quote(str(db))}"
    )
