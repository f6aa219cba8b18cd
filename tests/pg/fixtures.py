"""A throwaway PostgreSQL server for the tests, and stores on both backends.

``pg_cluster`` (one per test session, so one per xdist worker) runs ``initdb`` and
``pg_ctl start`` in a temporary folder: trust authentication, listening on 127.0.0.1
only at a free port, its socket in the same folder, durability off (the data is thrown
away). PostgreSQL refuses to run as root, so under root it runs as the ``postgres`` system user that
Debian's package creates. The binaries are looked up in ``$CAREERLOG_PG_BIN``, then
``/usr/lib/postgresql/<version>/bin``, then ``$PATH``; when they are missing the tests
skip with the reason, unless ``CAREERLOG_REQUIRE_PG=1`` (CI) turns that into a failure.

Each test gets a fresh database copied from a template migrated once, so a test on
PostgreSQL costs a ``CREATE DATABASE``, not a migration.

These fixtures are imported by ``tests/conftest.py``, so any test can ask for
``any_store`` (SQLite and PostgreSQL) or ``pg_url``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from careerlog.store.db import Store, open_store

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "careerlog_template"
PORT_TRIES = 3


def find_bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` live, newest version first (15 is what CI runs)."""
    chosen = os.environ.get("CAREERLOG_PG_BIN")
    candidates = [Path(chosen)] if chosen else []
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(
        (Path(p) for p in versions),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    """A running server; ``url(name)`` is a careerlog ``--db`` URL for one database."""

    bin_dir: Path
    root: Path
    port: int
    run_as: str | None
    user: str = "careerlog"
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def command(self, tool: str, *args: str) -> list[str]:
        argv = [str(self.bin_dir / tool), *args]
        if not self.run_as:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", self.run_as, "--", *argv]
        return ["su", self.run_as, "-s", "/bin/sh", "-c", shlex.join(argv)]

    def run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            self.command(tool, *args),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            log = (
                (self.root / "server.log").read_text()
                if (self.root / "server.log").exists()
                else ""
            )
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr}\n{log}")

    def start(self) -> None:
        self.run(
            "initdb",
            "-D", str(self.data),
            "-U", self.user,
            "-A", "trust",
            "-E", "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )  # fmt: skip
        # Each xdist worker starts a server of its own: a port another one took between
        # free_port() and the server's bind is tried again with a new one.
        for attempt in range(PORT_TRIES):
            try:
                self._listen()
                return
            except RuntimeError as error:
                if "could not bind" not in str(error) or attempt == PORT_TRIES - 1:
                    raise
                self.port = free_port()

    def _listen(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        # Immediate: no shutdown checkpoint, since the data is thrown away (a fast stop of
        # a cluster a session filled took over 30 s on the shared machine).
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A fresh, migrated database of its own (a copy of the template)."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _unavailable(reason: str) -> None:
    if os.environ.get("CAREERLOG_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL tests required (CAREERLOG_REQUIRE_PG=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'careerlog[postgres]')")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        _unavailable("no initdb/pg_ctl found (apt-get install postgresql-15)")
        raise AssertionError  # unreachable: _unavailable skips or fails
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            run_as = pwd.getpwnam("postgres").pw_name
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to run the server")
    root = Path(tempfile.mkdtemp(prefix="careerlog-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bin_dir, root, free_port(), run_as)
    try:
        cluster.start()
        cluster.admin(f"CREATE DATABASE {TEMPLATE}")
        open_store(cluster.url(TEMPLATE)).close()  # migrate once; copies start at HEAD
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a fresh, migrated PostgreSQL database for this test only."""
    # Not dropped afterwards: the whole cluster is thrown away at the end of the session.
    return pg_cluster.url(pg_cluster.new_database())


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open, empty store: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        location = str(request.getfixturevalue("new_store_file")(tmp_path / "store.db"))
    else:
        location = request.getfixturevalue("pg_url")
    opened = open_store(location)
    yield opened
    opened.close()
