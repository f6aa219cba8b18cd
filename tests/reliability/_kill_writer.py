"""A fork server for the kill -9 trials.

Run as ``python _kill_writer.py OUTDIR``. It imports careerlog once, then for every
``fork N DB`` line on stdin forks a writer that adds entries to DB one transaction at a
time, printing ``ID TRIAL SEQ`` to ``OUTDIR/trial-N.out`` right after each commit.
The server answers with the writer's pid, waits for it to die (the test kills it
with SIGKILL) and answers ``exit STATUS``. Forking a warm process makes a trial cost
milliseconds instead of an interpreter start, so 200 trials fit in a CI run.

:func:`entry_text` is imported by the test to know exactly what each entry must say.
"""

from __future__ import annotations

import os
import random
import sys
import traceback

HOSTILE = (
    "[bold]x[/bold]",
    "[/",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "👩‍👩‍👧‍👦",
    "漢字かな交じり",
    "שלום עולם",
    "\u202eevil\u202c",
)


def entry_text(trial: int, seq: int) -> str:
    """The exact text of entry SEQ of trial TRIAL: mostly a few lines, sometimes tens of
    kilobytes (a commit that spans many pages), always with some hostile characters."""
    rng = random.Random(trial * 1_000_003 + seq)
    size = rng.choice((40, 40, 200, 200, 2_000, 60_000))
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 9)))
        for _ in range(size // 5)
    ]
    return f"trial {trial} seq {seq} @kill{trial} {rng.choice(HOSTILE)} " + " ".join(words)


def _writer(db: str, trial: int) -> None:
    from careerlog.services.journal import add_entry
    from careerlog.store.db import open_store

    store = open_store(db)
    seq = 0
    while True:
        entry = add_entry(store, entry_text(trial, seq), starred=seq % 2 == 0)
        os.write(1, f"{entry.id} {trial} {seq}\n".encode())
        seq += 1


def _serve(outdir: str) -> None:
    # Warm every import a writer needs (Alembic too: the first trial creates the store).
    import careerlog.services.journal
    import careerlog.store.db
    import careerlog.store.migrate  # noqa: F401

    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command != "fork":
            break
        number, _, db = arg.partition(" ")
        trial = int(number)
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                out = os.open(f"{outdir}/trial-{trial}.out", os.O_CREAT | os.O_WRONLY, 0o600)
                err = os.open(f"{outdir}/trial-{trial}.err", os.O_CREAT | os.O_WRONLY, 0o600)
                os.dup2(out, 1)
                os.dup2(err, 2)
                _writer(db, trial)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(f"exit {status}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
