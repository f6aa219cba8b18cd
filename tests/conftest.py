"""Shared fixtures. Every test runs against its own data and config folders, never the
machine's; Textual's look is pinned (no NO_COLOR / TEXTUAL_THEME from the caller)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from careerlog.store.db import Store, open_store
from tests.inprocess import InProcessCli, Ran
from tests.pg.fixtures import any_store, pg_cluster, pg_url  # noqa: F401  (both backends)
from tests.tiers import assign

REPO = Path(__file__).resolve().parent.parent
XDG_NAMES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist's workers run with COLUMNS=80 and LINES=24 set, and Textual (through
    # shutil.get_terminal_size) believes them over the terminal it is in: a TUI a test
    # starts in a pty or in tmux would draw 80x24 whatever size the test gave it. Tests
    # give every terminal its size; none comes from the environment.
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the xdist_group marks it adds
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    assign(items)  # unit, cli, tui, e2e, reliability, pg, packaging: see tests/tiers.py


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point platformdirs (XDG) at the test's own folders; clear look-changing vars."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    # The session keys of 'careerlog unlock' live in the runtime folder: the test's own,
    # and no key held in memory from an earlier test.
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("CAREERLOG_PASSPHRASE_FILE", raising=False)
    from careerlog.store.files import cipher

    monkeypatch.setattr(cipher, "_held", {})
    for name in ("CAREERLOG_DB", "NO_COLOR", "TEXTUAL_THEME", "CAREERLOG_DEBUG", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at the newest schema, migrated once per session (per xdist worker):
    a fresh store for a test is a copy of it, not a run of every migration (~0.15 s).
    Opening, creating and migrating stores is tested on its own, without the copy."""
    root = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:  # its side files stay in the template's
        for name in XDG_NAMES:
            patch.setenv(name, str(root / name.lower()))
        open_store(str(root / "template.db")).close()
    assert not Path(f"{root / 'template.db'}-wal").exists()
    return root / "template.db"


@pytest.fixture
def new_store_file(migrated_template: Path) -> Callable[[Path], Path]:
    """``new_store_file(path)`` puts a fresh, migrated, empty store (0600) at ``path``."""

    def make(path: Path) -> Path:
        shutil.copyfile(migrated_template, path)
        path.chmod(0o600)
        return path

    return make


@pytest.fixture
def store(tmp_path: Path, new_store_file: Callable[[Path], Path]) -> Iterator[Store]:
    opened = open_store(str(new_store_file(tmp_path / "store.db")))
    yield opened
    opened.close()


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``careerlog`` in a child process (inherits the isolated XDG vars)."""
    return subprocess.run(
        [sys.executable, "-m", "careerlog", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    """``run("add", "text", env=..., stdin=..., cwd=...)``: ``careerlog`` in this process."""
    return InProcessCli(monkeypatch, capsys)


@pytest.fixture
def cli(run: InProcessCli, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``cli("add", "text")`` against a store of this test's own, in this process."""
    db = str(tmp_path / "cli.db")

    def call(*args: str, stdin: str | None = None) -> Ran:
        return run("--db", db, *args, stdin=stdin)

    call.db = db  # type: ignore[attr-defined]
    return call
