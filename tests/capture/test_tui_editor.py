"""The TUI hands the entry it is editing to $EDITOR with the app suspended, then takes
the saved text back: the real app on a real pseudo-terminal, with a fake editor."""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.capture.conftest import Cli, rows

FAKE = Path(__file__).with_name("fake_editor.py")


class Terminal:
    """The app on a 100x32 pty; ``type`` sends keys, ``output`` is all it drew."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.chunks.append(data)

    @property
    def output(self) -> str:
        return b"".join(self.chunks).decode("utf-8", "replace")

    @property
    def screen(self) -> str:
        """The output without escape sequences, for a failure message."""
        return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", self.output)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.master)


def wait_for(
    check: Callable[[], bool], seconds: float = 30.0, on_timeout: Callable[[], str] = str
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting; the screen showed: {on_timeout()!r}")


def test_ctrl_o_in_the_entry_editor_suspends_the_app_for_editor(
    cl: Cli, db: Path, tmp_path: Path
) -> None:
    cl("track", "choose", "technical")  # past the first-run track picker
    cl("add", "first draft of the week")
    log = tmp_path / "editor.json"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "EDITOR": f"{sys.executable} {FAKE}",
        "FAKE_EDITOR_LOG": str(log),
        "FAKE_EDITOR_DO": "write:rewritten in my own editor",
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("VISUAL", None)
    term = Terminal([sys.executable, "-m", "careerlog", "--db", str(db)], env)
    try:
        wait_for(lambda: "first draft of the week" in term.screen)
        time.sleep(1.0)
        term.type("\t")
        time.sleep(0.5)
        term.type("\r")  # open the entry in the editor form
        wait_for(lambda: "^o $EDITOR" in term.screen)
        time.sleep(0.5)
        term.type("\x0f")  # ctrl+o: to the outside editor
        wait_for(
            lambda: log.exists(), on_timeout=lambda: f"{len(term.output)} {term.screen[-1500:]}"
        )
        seen = json.loads(log.read_text(encoding="utf-8"))
        assert seen["text"] == "first draft of the week\n" and seen["tty"] is True
        mark = len(term.screen)
        wait_for(lambda: "rewritten in my own editor" in term.screen[mark:])  # back, redrawn
        term.type("\x13")  # ctrl+s saves the form
        wait_for(lambda: rows(db, "SELECT text FROM entry") == [("rewritten in my own editor",)])
        term.type("\x11")  # ctrl+q
        assert term.close() == 0
    finally:
        if term.process.poll() is None:
            term.process.kill()
    # The editor's copy is gone; only the TUI's empty draft-slot locks stay (ui/drafts.py).
    left = [p for p in (runtime / "careerlog").rglob("*") if p.is_file()]
    assert [p.parent.name for p in left] == ["draft-locks"] * len(left)
    assert all(p.stat().st_size == 0 for p in left)
