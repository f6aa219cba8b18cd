"""Run the real ``careerlog`` on a pseudo-terminal, as a person at a terminal would:
stdin, stdout and stderr are the pty, so ``isatty()`` is true for it and its editor."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class PtyRun:
    code: int
    output: str


def run_on_pty(*args: str, env: dict[str, str], typed: str = "", timeout: float = 60.0) -> PtyRun:
    """``careerlog ARGS`` on a fresh pty; ``typed`` is in the terminal's input already
    (answers to questions), and the output is everything the terminal showed."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "careerlog", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    if typed:
        os.write(master, typed.encode())
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every writer of the pty has closed it
                    break
                if not data:
                    break
                chunks.append(data)
            elif process.poll() is not None:
                break
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return PtyRun(code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"))
