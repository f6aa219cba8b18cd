"""Time to first frame and to today's entries: ``careerlog`` on a journal vs a bare
Textual app's first frame, side by side.

Each run starts a fresh process in a pseudo-terminal (120x40) and notes two moments as
the text reaches the terminal: the first frame ("What happened today?", Today's prompt,
painted before SQLAlchemy is imported), then today's entries (the text of an entry
written today, which :func:`measure` adds to the journal first; the editor has the
focus from the first frame). The bare app (Header, one Static, Footer) stops the clock
at its first frame. The two alternate in one loop, so load from other programs falls
on both alike; compare the medians.

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
import subprocess
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
TODAY_TEXT = "Stand-up with the platform team about the release train"
"""The entry :func:`measure` writes today; its text on screen means today's entries are."""
TODAY_MARKER = TODAY_TEXT.encode()
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
    today: tuple[float, ...] = ()
    """careerlog's time to today's entries, run by run (the same runs as ``careerlog``)."""

    @property
    def careerlog_median(self) -> float:
        return statistics.median(self.careerlog)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)

    @property
    def today_median(self) -> float:
        return statistics.median(self.today)

    @property
    def ratio(self) -> float:
        return self.careerlog_median / self.bare_median

    @property
    def today_ratio(self) -> float:
        return self.today_median / self.bare_median

    def as_dict(self) -> dict[str, object]:
        return {
            "careerlog_s": list(self.careerlog),
            "today_s": list(self.today),
            "bare_s": list(self.bare),
            "careerlog_median_s": self.careerlog_median,
            "today_median_s": self.today_median,
            "bare_median_s": self.bare_median,
            "ratio": self.ratio,
            "today_ratio": self.today_ratio,
        }


def time_to_text(
    argv: Sequence[str], marker: bytes, env: dict[str, str], timeout: float = 60.0
) -> float:
    """Seconds from starting ``argv`` in a pty until ``marker`` is written to it."""
    return times_to_texts(argv, [marker], env, timeout)[0]


def times_to_texts(
    argv: Sequence[str], markers: Sequence[bytes], env: dict[str, str], timeout: float = 60.0
) -> list[float]:
    """Seconds from starting ``argv`` in a pty until each of ``markers`` (in order) is
    written to it."""
    start = time.perf_counter()
    found: list[float] = []
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
            os.execvpe(argv[0], list(argv), env)
        finally:
            os._exit(127)
    longest = max(len(marker) for marker in markers)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                missing = markers[len(found)].decode()
                raise TimeoutError(f"{argv[0]} did not show {missing!r} in {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} exited before it was ready: {seen[-300:]!r}")
            # What was already seen stays in view, so markers written in one chunk all count.
            seen = seen[-(longest + 65536) :] + chunk
            now = time.perf_counter() - start
            while len(found) < len(markers) and markers[len(found)] in seen:
                seen = seen[seen.index(markers[len(found)]) :]
                found.append(now)
            if len(found) == len(markers):
                return found
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


def add_todays_entry(db: Path, env: dict[str, str]) -> None:
    """Write :data:`TODAY_TEXT` into ``db``, dated now, as a person would from the shell."""
    subprocess.run(
        [sys.executable, "-m", "careerlog", "--db", str(db), "add", TODAY_TEXT],
        env=env,
        check=True,
        capture_output=True,
    )


def measure(db: Path, runs: int, env: dict[str, str] | None = None) -> FirstFrame:
    """Alternate careerlog (on ``db``, which gets an entry dated today) and the bare app
    ``runs`` times each."""
    base = {**os.environ, **(env or {}), "TERM": "xterm-256color"}
    base.pop("NO_COLOR", None)
    add_todays_entry(db, base)
    markers = [CAREERLOG_MARKER, TODAY_MARKER]
    with tempfile.TemporaryDirectory(prefix="careerlog-frame-") as folder:
        bare_script = Path(folder) / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        careerlog_argv = [sys.executable, "-m", "careerlog", "--db", str(db)]
        bare_argv = [sys.executable, str(bare_script)]
        # One untimed run of each warms the file cache and writes the .pyc files (and
        # takes careerlog's daily backup, as the day's first start would).
        times_to_texts(careerlog_argv, markers, base)
        time_to_text(bare_argv, BARE_MARKER, base)
        ours: list[float] = []
        today: list[float] = []
        bare: list[float] = []
        for _ in range(runs):
            frame, entries = times_to_texts(careerlog_argv, markers, base)
            ours.append(frame)
            today.append(entries)
            bare.append(time_to_text(bare_argv, BARE_MARKER, base))
    return FirstFrame(tuple(ours), tuple(bare), tuple(today))


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
            f"median of {args.runs}: bare Textual first frame {result.bare_median * 1000:.0f} ms; "
            f"careerlog first frame {result.careerlog_median * 1000:.0f} ms "
            f"({result.ratio:.2f}x), today's entries {result.today_median * 1000:.0f} ms "
            f"({result.today_ratio:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
