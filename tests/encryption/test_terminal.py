"""The passphrase at a real terminal (a pseudo-terminal): asked twice when it is set,
once to unlock, never echoed; a locked store asks before a command runs."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

from careerlog.store.files import cipher


class Terminal:
    """``careerlog ARGS`` with stdin, stdout and stderr on a fresh pty."""

    def __init__(self, *args: str) -> None:
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careerlog", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.shown = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the program has closed the terminal
            return False
        self.shown += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return bool(data)

    def expect(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.shown:
            assert time.monotonic() < deadline, f"{text!r} never shown: {self.shown!r}"
            if not self._read(0.1):
                raise AssertionError(f"ended before {text!r}: {self.shown!r}")

    def type(self, line: str) -> None:
        time.sleep(0.2)  # getpass flushes what was typed before it turned echo off
        os.write(self.master, f"{line}\n".encode())

    def finish(self, timeout: float = 60.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.1):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        code = self.process.wait(timeout=10)
        os.close(self.master)
        return code


def test_encrypt_and_unlock_at_a_terminal(run, tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("--db", db, "add", "a private note").returncode == 0
    term = Terminal("--db", str(db), "encrypt")
    term.expect("New passphrase:")
    term.type("typed at the terminal")
    term.expect("New passphrase again:")
    term.type("typed at the terminal")
    assert term.finish() == 0, term.shown
    assert "Encrypted" in term.shown
    assert "typed at the terminal" not in term.shown  # never echoed
    assert cipher.is_encrypted(db)

    assert run("--db", db, "lock").returncode == 0
    term = Terminal("--db", str(db), "show")
    term.expect("Passphrase for")
    term.type("typed at the terminal")
    assert term.finish() == 0, term.shown
    assert "a private note" in term.shown
    assert "unlocked until" in term.shown
    assert "typed at the terminal" not in term.shown
    # Kept, as unlock keeps it: the next command asks nothing.
    assert "a private note" in run("--db", db, "show").stdout


def test_a_mismatch_when_setting_it_changes_nothing(run, tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    run("--db", db, "add", "a private note")
    term = Terminal("--db", str(db), "encrypt")
    term.expect("New passphrase:")
    term.type("one thing")
    term.expect("again:")
    term.type("another thing")
    assert term.finish() == 1
    assert "differ" in term.shown
    assert not cipher.is_encrypted(db)
