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
    budget: float | None = None
    """Stop repeating once this many seconds are spent (at least one timed run)."""


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


SLOW = 2.0


def _checked(command: Command) -> tuple[float, int, bytes]:
    found = run(command, capture=True)
    if command.expect_output and not found[2].strip():
        raise CommandFailed(f"{' '.join(command.argv)} printed nothing")
    return found


def check(command: Command) -> bytes:
    """A warm-up run that also proves the command works and prints something."""
    return _checked(command)[2]


def compare(first: Command, second: Command, runs: int) -> tuple[Timing, Timing]:
    """Time both ``runs`` times, alternating which goes first.

    The first run of each also checks the command works. It is a discarded warm-up,
    unless it took over :data:`SLOW` seconds: then a cold cache is noise next to the
    run itself, so it counts (a jrnl add on 50,000 entries takes minutes).
    """
    times: tuple[list[float], list[float]] = ([], [])
    peaks = [0, 0]
    for index, command in enumerate((first, second)):
        seconds, peaks[index], _ = _checked(command)
        if seconds > SLOW:
            times[index].append(seconds)
    for attempt in range(runs):
        order = (0, 1) if attempt % 2 == 0 else (1, 0)
        for index in order:
            budget = (first, second)[index].budget
            spent = times[index]
            if len(spent) >= runs or (budget is not None and spent and sum(spent) > budget):
                continue
            seconds, peak, _ = run((first, second)[index])
            times[index].append(seconds)
            peaks[index] = max(peaks[index], peak)
    return Timing(tuple(times[0]), peaks[0]), Timing(tuple(times[1]), peaks[1])


def alone(command: Command, runs: int) -> Timing:
    check(command)
    results = [run(command) for _ in range(runs)]
    return Timing(tuple(r[0] for r in results), max(r[1] for r in results))


def mark_as_left(store: Path, env: dict[str, str]) -> None:
    """Record ``store`` as careerlog itself last left it (its "checked" stamp in the
    data folder the measured processes use).

    careerlog runs a full structure check on a store file that changed behind its back
    (a copy, a restore). A person's journal was last written by careerlog, so the
    benchmark's copies must not pay that check on every run.
    """
    import importlib

    sqlite_file = importlib.import_module("careerlog.store.files.sqlite_file")
    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = env["XDG_DATA_HOME"]
    try:
        sqlite_file.note_checked(store)
    finally:
        if saved is None:
            del os.environ["XDG_DATA_HOME"]
        else:
            os.environ["XDG_DATA_HOME"] = saved


def copy_back(source: Path, target: Path, env: dict[str, str] | None = None) -> Callable[[], None]:
    """A setup step that puts ``target`` back to ``source``'s bytes (and drops side
    files); with ``env``, the target is a careerlog store to mark as careerlog left it."""

    def restore() -> None:
        shutil.copyfile(source, target)
        # Flush the copy before the timed run: otherwise the run's own fsync (careerlog
        # writes with synchronous=FULL) waits on the writeback of the 150 MB the harness
        # just wrote at 100k, and the measurement is of the copy, not of the add.
        with open(target, "rb") as copied:
            os.fsync(copied.fileno())
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        if env is not None:
            mark_as_left(target, env)

    return restore
