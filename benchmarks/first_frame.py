"""Time to first frame: ``careerlog`` on a journal vs a bare Textual app, side by side.

Each run starts a fresh process in a pseudo-terminal (120x40) and stops the clock when
the first frame's text reaches the terminal: "What happened today?" for careerlog (its
Today screen, painted before SQLAlchemy is imported), a fixed line for the bare app
(Header, one Static, Footer). The two alternate in one loop, so load from other
programs falls on both alike; compare the medians.

    python benchmarks/first_frame.py --entries 10000 --runs 15
    python benchmarks/first_frame.py --db PATH --runs 15 --json

``measure(db, runs, env)`` is the same thing for code that imports this file.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SIZE = (120, 40)
CAREERLOG_MARKER = b"What happened today?"
BARE_MARKER = b"bare textual first frame"
BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self):
            yield Header()
            yield Static("bare textual first frame")
            yield Footer()

    Bare().run()
    """
)


@dataclass(frozen=True)
class FirstFrame:
    careerlog: tuple[float, ...]
    bare: tuple[float, ...]

    @property
    def careerlog_median(self) -> float:
        return statistics.median(self.careerlog)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)

    @property
    def ratio(self) -> float:
        return self.careerlog_median / self.bare_median

    def as_dict(self) -> dict[str, object]:
        return {
            "careerlog_s": list(self.careerlog),
            "bare_s": list(self.bare),
            "careerlog_median_s": self.careerlog_median,
            "bare_median_s": self.bare_median,
            "ratio": self.ratio,
        }


def time_to_text(
    argv: Sequence[str], marker: bytes, env: dict[str, str], timeout: float = 60.0
) -> float:
    """Seconds from starting ``argv`` in a pty until ``marker`` is written to it."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
            os.execvpe(argv[0], list(argv), env)
        finally:
            os._exit(127)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv[0]} showed no first frame in {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} exited before its first frame: {seen[-300:]!r}")
            seen = seen[-len(marker) :] + chunk
            if marker in seen:
                return time.perf_counter() - start
    finally:
        _stop(pid, fd)


def _stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.read(fd, 65536)  # keep the pty drained so the child can exit
        except OSError:
            pass
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def measure(db: Path, runs: int, env: dict[str, str] | None = None) -> FirstFrame:
    """Alternate careerlog (on ``db``) and the bare app ``runs`` times each."""
    base = {**os.environ, **(env or {}), "TERM": "xterm-256color"}
    base.pop("NO_COLOR", None)
    with tempfile.TemporaryDirectory(prefix="careerlog-frame-") as folder:
        bare_script = Path(folder) / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        careerlog_argv = [sys.executable, "-m", "careerlog", "--db", str(db)]
        bare_argv = [sys.executable, str(bare_script)]
        # One untimed run of each warms the file cache and writes the .pyc files.
        time_to_text(careerlog_argv, CAREERLOG_MARKER, base)
        time_to_text(bare_argv, BARE_MARKER, base)
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(runs):
            ours.append(time_to_text(careerlog_argv, CAREERLOG_MARKER, base))
            bare.append(time_to_text(bare_argv, BARE_MARKER, base))
    return FirstFrame(tuple(ours), tuple(bare))


def sample_db(folder: Path, entries: int) -> Path:
    """A journal of ``entries`` generated entries (the benchmark's own generator)."""
    from careerlog.sample import generate_journal
    from careerlog.services import connect

    path = folder / f"sample-{entries}.db"
    store = connect(str(path))
    try:
        generate_journal(store, entries=entries, years=max(1.5, entries / 5000))
    finally:
        store.close()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--db", type=Path, help="journal to open (default: generate one)")
    parser.add_argument("--entries", type=int, default=10_000, help="entries to generate")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the timings as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="careerlog-frame-home-") as home:
        env = {f"XDG_{n}_HOME": f"{home}/{n.lower()}" for n in ("DATA", "CONFIG", "STATE")}
        os.environ.update(env)  # the generated journal's drafts and config stay here too
        db = args.db or sample_db(Path(home), args.entries)
        result = measure(db, args.runs, env)
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        print(
            f"first frame, median of {args.runs}: careerlog {result.careerlog_median * 1000:.0f} ms"
            f", bare Textual {result.bare_median * 1000:.0f} ms, ratio {result.ratio:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
