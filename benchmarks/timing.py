"""Run commands as a person would (a fresh process each time) and time them.

Two commands compared are run alternately in the same loop, so the load other
programs put on the machine falls on both alike; the ratio of the medians is what
the report shows, because absolute times drift from run to run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero or printed nothing it should have."""


@dataclass(frozen=True)
class Command:
    argv: Sequence[str]
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[], None] | None = None
    """Run before every attempt, untimed (e.g. restore the journal an add grew)."""
    expect_output: bool = True


@dataclass(frozen=True)
class Timing:
    seconds: tuple[float, ...]
    peak_kb: int
    """Largest resident set of any run, from the child's own rusage."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(command: Command, *, capture: bool = False) -> tuple[float, int, bytes]:
    """One run: (wall seconds, peak RSS in KB, stdout if captured). Never reads stdin."""
    if command.setup is not None:
        command.setup()
    env = {**os.environ, **command.env}
    # Files, not pipes: the child can never block on a full pipe, and ``os.wait4``
    # (which needs the child unreaped) gives this child's own peak memory.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command.argv),
            stdin=subprocess.DEVNULL,
            stdout=out_file if capture else subprocess.DEVNULL,
            stderr=err_file,
            env=env,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode != 0:
        raise CommandFailed(
            f"{' '.join(command.argv)} exited {process.returncode}: {err.decode()[-500:]}"
        )
    return elapsed, int(usage.ru_maxrss), out


def check(command: Command) -> bytes:
    """A warm-up run that also proves the command works and prints something."""
    _, _, out = run(command, capture=True)
    if command.expect_output and not out.strip():
        raise CommandFailed(f"{' '.join(command.argv)} printed nothing")
    return out


def compare(first: Command, second: Command, runs: int) -> tuple[Timing, Timing]:
    """Time both ``runs`` times, alternating which goes first, after one warm-up each."""
    check(first)
    check(second)
    times: tuple[list[float], list[float]] = ([], [])
    peaks = [0, 0]
    for attempt in range(runs):
        order = (0, 1) if attempt % 2 == 0 else (1, 0)
        for index in order:
            seconds, peak, _ = run((first, second)[index])
            times[index].append(seconds)
            peaks[index] = max(peaks[index], peak)
    return Timing(tuple(times[0]), peaks[0]), Timing(tuple(times[1]), peaks[1])


def alone(command: Command, runs: int) -> Timing:
    check(command)
    results = [run(command) for _ in range(runs)]
    return Timing(tuple(r[0] for r in results), max(r[1] for r in results))


def copy_back(source: Path, target: Path) -> Callable[[], None]:
    """A setup step that puts ``target`` back to ``source``'s bytes (and drops side files)."""

    def restore() -> None:
        shutil.copyfile(source, target)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)

    return restore
