"""Kill -9 during writes: whatever moment a writer dies at, the store stays sound and
every entry it reported as written is there, word for word.

Trials: ``CAREERLOG_RELIABILITY_TRIALS`` forked writers and
``CAREERLOG_RELIABILITY_CLI_KILLS`` real ``careerlog add`` processes. The forked writers
work on one store for TRIALS_PER_STORE trials in a row, so most trials meet a store that
earlier kills left behind, then go on with a new one: the integrity check after every
trial reads the whole file, and on one store grown by 200 trials (~90 MB) those checks
alone took most of a minute. Three fork servers run side by side. CI (``.ci/run``)
runs the full 200 and 20; a local run defaults to 40 and 8.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from careerlog.domain.text import find_tags
from careerlog.services.journal import get_entry
from careerlog.store.db import open_store
from tests.reliability._kill_writer import entry_text
from tests.reliability._support import connect_raw, env_int, integrity

WRITER = Path(__file__).with_name("_kill_writer.py")
TRIALS = env_int("CAREERLOG_RELIABILITY_TRIALS", 40)
CLI_KILLS = env_int("CAREERLOG_RELIABILITY_CLI_KILLS", 8)
MAX_DELAY = 0.25
TRIALS_PER_STORE = 25
LANES = 3
_OPENING = threading.Lock()


def _printed(out: Path) -> list[tuple[int, int, int]]:
    """``(id, trial, seq)`` for every complete line the writer printed after a commit."""
    lines = out.read_text(encoding="utf-8").split("\n")[:-1] if out.exists() else []
    return [(int(a), int(b), int(c)) for a, b, c in (line.split() for line in lines)]


def _rows_of_trial(db: Path, trial: int) -> dict[int, tuple[int, str, list[str]]]:
    """seq → (id, text, tags) for every entry the trial's writer committed."""
    con = connect_raw(db)
    try:
        rows = con.execute(
            "SELECT id, text FROM entry WHERE text LIKE ?", (f"trial {trial} seq %",)
        ).fetchall()
        found: dict[int, tuple[int, str, list[str]]] = {}
        for entry_id, text in rows:
            seq = int(text.split()[3])
            tags = [
                str(r[0])
                for r in con.execute("SELECT tag FROM entry_tag WHERE entry_id = ?", (entry_id,))
            ]
            found[seq] = (int(entry_id), str(text), tags)
        return found
    finally:
        con.close()


def _trial(server: subprocess.Popen[str], db: Path, outdir: Path, trial: int, delay: float) -> int:
    """Fork a writer on ``db``, kill it after ``delay`` seconds, check what it left;
    the number of entries it committed."""
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(f"fork {trial} {db}\n")
    server.stdin.flush()
    pid = int(server.stdout.readline())
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    status = int(server.stdout.readline().split()[1])
    err = outdir / f"trial-{trial}.err"
    assert os.waitstatus_to_exitcode(status) == -signal.SIGKILL, err.read_text()

    # The next careerlog to open the store recovers it and finds every word. (One lane
    # at a time: a writer killed early leaves a new store to migrate, and Alembic keeps
    # its migration context in module globals, for one thread.)
    with _OPENING:
        store = open_store(str(db))
        try:
            printed = _printed(outdir / f"trial-{trial}.out")
            for entry_id, t, seq in printed:
                assert t == trial
                assert get_entry(store, entry_id).text == entry_text(trial, seq)
        finally:
            store.close()
    assert integrity(db) == ["ok"], f"trial {trial}"

    # Nothing torn: the rows of this trial are exactly seq 0..k, each whole and with its
    # tag, where k is the last printed seq or one more (committed, then killed before it
    # could print).
    rows = _rows_of_trial(db, trial)
    assert sorted(rows) == list(range(len(rows))), f"trial {trial}: gap in {rows.keys()}"
    assert len(rows) in (len(printed), len(printed) + 1), (trial, len(rows), printed)
    for seq, (_, text, tags) in rows.items():
        assert text == entry_text(trial, seq)
        assert sorted(tags) == sorted(find_tags(text)) and f"kill{trial}" in tags
    for entry_id, _, seq in printed:
        assert rows[seq][0] == entry_id
    return len(rows)


def _lane(tmp_path: Path, outdir: Path, lane: int, trials: range, delays: list[float]) -> int:
    """One fork server running ``trials`` one after another, on stores of its own."""
    server = subprocess.Popen(
        [sys.executable, str(WRITER), str(outdir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None
    committed = 0
    try:
        for n, trial in enumerate(trials):
            db = tmp_path / f"journal-{lane}-{n // TRIALS_PER_STORE}.db"
            committed += _trial(server, db, outdir, trial, delays[trial])
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    return committed


@pytest.mark.slow
def test_killed_writers_never_lose_or_tear_a_committed_entry(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    rng = random.Random(int(os.environ.get("CAREERLOG_RELIABILITY_SEED", "8")))
    delays = [rng.uniform(0, MAX_DELAY) for _ in range(TRIALS)]
    # Most of a trial is the wait before the kill, so LANES fork servers take turns on
    # the two cores, each on stores of its own.
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        lanes = [
            pool.submit(_lane, tmp_path, outdir, lane, range(lane, TRIALS, LANES), delays)
            for lane in range(LANES)
        ]
        committed_total = sum(lane.result() for lane in lanes)
    # The trials must have landed kills between commits, not only before the first one.
    assert committed_total >= TRIALS, f"only {committed_total} entries over {TRIALS} trials"


@pytest.mark.slow
def test_killed_cli_add_writes_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    open_store(str(db)).close()
    rng = random.Random(9)
    reported: dict[int, str] = {}
    attempted: list[str] = []
    for trial in range(CLI_KILLS):
        text = entry_text(10_000 + trial, 0)
        attempted.append(text)
        source = tmp_path / f"entry-{trial}.txt"
        source.write_bytes(text.encode("utf-8"))
        with source.open("rb") as stdin:
            child = subprocess.Popen(
                [sys.executable, "-m", "careerlog", "--db", str(db), "add", "-"],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        # An interpreter start is ~0.3 s here: kill anywhere from import to exit.
        time.sleep(rng.uniform(0.05, 0.8))
        child.kill()
        out, err = child.communicate(timeout=30)
        if child.returncode == 0:
            reported[int(out)] = text
        else:
            assert child.returncode == -signal.SIGKILL, err.decode()
        if db.exists() and db.stat().st_size:
            assert integrity(db) == ["ok"], f"cli trial {trial}"
    con = connect_raw(db)
    try:
        stored = {int(i): str(t) for i, t in con.execute("SELECT id, text FROM entry")}
    finally:
        con.close()
    for entry_id, text in reported.items():
        assert stored[entry_id] == text
    # All or nothing: every stored text is one that was sent, whole.
    assert all(text in attempted for text in stored.values())
