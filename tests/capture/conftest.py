"""In-process CLI runs for the capture tests: ``main(argv)`` with a stdin of the test's
choosing (a pipe, or a terminal that answers), and the test's own store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.inprocess import InProcessCli


@dataclass
class Run:
    code: int
    out: str
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def cl(db: Path, run: InProcessCli) -> Cli:
    """``cl("add", "text", stdin="y\\n", tty=True)`` runs careerlog in this process."""

    def call(*argv: str, stdin: str = "", tty: bool = False, store: Path | None = None) -> Run:
        done = run("--db", str(store or db), *argv, stdin=stdin, tty=tty)
        return Run(done.returncode, done.stdout, done.stderr)

    return call


def rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def one_line_error(run: Run) -> str:
    """A user error as the contract says: exit 1, one line on stderr, nothing on stdout."""
    assert run.code == 1, run
    assert "Traceback" not in run.err and "unexpected" not in run.err, run.err
    assert len(run.err.strip().splitlines()) == 1, run.err
    assert run.out == ""
    return run.err
