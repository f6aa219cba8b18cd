"""An encrypted store for each test, unlocked, with a passphrase file to hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.inprocess import InProcessCli, Ran

PASSPHRASE = "correct horse battery staple"
SECRET = "quarterlysecretpayrise"
"""A word that appears in entries and nowhere else: the bytes grep looks for it."""


def every_file_of(db: Path, home: Path) -> list[Path]:
    """The store, its side files and every file careerlog keeps under the data folder."""
    found = [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm")]
    found += [p for p in (home / "data").rglob("*") if p.is_file()]
    return [p for p in found if p.exists()]


def holding(files: list[Path], word: str) -> list[Path]:
    """The files whose bytes contain ``word`` (UTF-8)."""
    return [p for p in files if word.encode() in p.read_bytes()]


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def wrongfile(tmp_path: Path) -> Path:
    path = tmp_path / "wrong.txt"
    path.write_text("not the passphrase\n", encoding="utf-8")
    return path


@pytest.fixture
def crypt(run: InProcessCli, tmp_path: Path, passfile: Path) -> Callable[..., Ran]:
    """``crypt("search", "x")``: careerlog on a store with two entries, encrypted and
    unlocked."""
    db = tmp_path / "journal.db"

    def call(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Ran:
        return run("--db", str(db), *args, stdin=stdin, env=env)

    assert call("add", f"pay talk with my manager, {SECRET} @pay").returncode == 0
    assert call("add", "mentored two juniors on code review @people").returncode == 0
    done = call("encrypt", "--passphrase-file", str(passfile))
    assert done.returncode == 0, done.stderr
    call.db = db  # type: ignore[attr-defined]
    call.passfile = passfile  # type: ignore[attr-defined]
    return call
