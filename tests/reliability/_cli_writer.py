"""One CLI writer of the concurrency test: ``python -m tests.reliability._cli_writer DB
WORKER ADDS``, run from the repository.

It runs ``careerlog --db DB add TEXT`` ADDS times, one after another, through
``careerlog.cli.main`` in this one process, as a shell loop of ``careerlog add`` would:
each add opens the store, writes and closes it, exactly as the command does. What it
leaves out is the interpreter start before each add: 20 writers x 50 adds would spend a
minute of the 2-core machine's CPU starting Python, and the test is about 20 processes
writing at once, not about starting them. (The real entry point's exit codes and a
killed ``careerlog add`` have tests of their own in test_kill9.py and the CLI suites.)

Prints one JSON line per add, as soon as it returns: ``[exit code, stdout, stderr, text]``.
"""

from __future__ import annotations

import io
import json
import sys


def text_of(worker: int, n: int) -> str:
    return f"cli worker {worker} add {n} @w{worker}"


def main() -> None:
    db, worker, adds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from careerlog.cli import main as careerlog
    from tests.inprocess import exit_code  # what the interpreter makes of a SystemExit

    report = sys.stdout
    for n in range(adds):
        text = text_of(worker, n)
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        sys.stdout, sys.stderr = out, err
        try:
            code = careerlog(["--db", db, "add", text])
        except SystemExit as stop:
            code = exit_code(stop)
        except BaseException as error:  # reported as a failed add, not a dead writer
            code, err = 99, io.TextIOWrapper(io.BytesIO(repr(error).encode()), encoding="utf-8")
        finally:
            sys.stdout, sys.stderr = report, sys.__stderr__
        texts = []
        for stream in (out, err):
            stream.flush()
            texts.append(stream.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]
        report.write(json.dumps([code, texts[0], texts[1], text]) + "\n")
        report.flush()


if __name__ == "__main__":
    main()
