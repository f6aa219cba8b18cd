"""``careerlog encrypt`` (and decrypt) killed with SIGKILL at chosen moments leaves the
old store or the new one, whole: every entry readable, integrity intact."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from careerlog.store import sqlite
from careerlog.store.files import cipher
from tests.encryption.conftest import PASSPHRASE

ENTRIES = 60

KILLER = """
import os, signal, sys
point, db, passfile = sys.argv[1], sys.argv[2], sys.argv[3]
argv = ["--db", db, *sys.argv[4:], "--passphrase-file", passfile]
calls = {"n": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def nth(n, real, after=False):
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n and not after:
            die()
        result = real(*args, **kwargs)
        if calls["n"] == n and after:
            die()
        return result
    return wrapper

from careerlog import atomic
from careerlog.store.files import conversion

kind, _, n = point.partition(":")
n = int(n or 1)
if kind == "export":  # in the middle of the Nth sqlcipher_export (1: the backup first)
    real_export = conversion._export_into
    def export(source, target, key):
        calls["n"] += 1
        if calls["n"] == n:
            source.set_progress_handler(die, 300)
        real_export(source, target, key)
    conversion._export_into = export
elif kind == "fsync":  # the Nth flush of a file or folder (before, then after, a rename)
    atomic._flush = nth(n, atomic._flush)
elif kind == "rename":  # just after the new file took the store's name
    os.replace = nth(n, os.replace, after=True)
elif kind == "truncate":  # before the old, replaced file is emptied
    os.ftruncate = nth(n, os.ftruncate)
from careerlog.cli import main
main(argv)
print("finished")
"""


def _count(db: Path) -> int:
    salt = cipher.file_salt(db)
    key = None if salt is None else cipher.derive(PASSPHRASE, salt)
    con = sqlite.connect(db, "read", key=key)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(con.execute("SELECT count(*) FROM entry").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def journal(run, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path / "journal.db"
    for n in range(ENTRIES):
        assert run("--db", db, "add", f"entry {n}: a day of work @t{n % 5}").returncode == 0
    return db


POINTS = ["export:1", "export:2", "fsync:3", "fsync:4", "rename:1", "truncate:1"]
"""Each moment: copying into the backup, copying into the new store, flushing the new
file, flushing the folder after the rename, just after the rename, before the old file
is emptied."""
LATE = ("fsync:4", "rename:1", "truncate:1")
"""The moments after the new store took the old one's name."""


@pytest.mark.reliability  # 18 processes killed and checked
@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("command", ["encrypt", "decrypt", "passwd"])
def test_a_kill_at_any_moment_leaves_one_whole_store(
    journal: Path, passfile: Path, run, point: str, command: str
) -> None:  # type: ignore[no-untyped-def]
    if command != "encrypt":
        assert run("--db", journal, "encrypt", "--passphrase-file", passfile).returncode == 0
        run("--db", journal, "lock")
    salt = cipher.file_salt(journal)
    args = [command] if command != "passwd" else [command, "--new-passphrase-file", str(passfile)]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(journal), str(passfile), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, (killed.stdout, killed.stderr)
    # Whichever store is there now is whole, and holds every entry.
    assert _count(journal) == ENTRIES
    late = point in LATE
    # Before the rename the old file is there (same salt, or still plain); after it, the
    # new one (plain after decrypt, a new salt after encrypt or passwd).
    assert (cipher.file_salt(journal) == salt) == (not late)
    # careerlog itself opens it and carries on (a leftover temporary file is cleared).
    retry = run("--db", journal, *args, "--passphrase-file", passfile)
    if late and command != "passwd":
        assert retry.returncode == 1  # already done
    else:
        assert retry.returncode == 0, retry.stderr
    assert _count(journal) == ENTRIES
    assert not list(journal.parent.glob(f".{journal.name}.*"))
