"""Helpers shared by the reliability suite: trial counts from the environment, the real
``careerlog`` in a child process, and read-only looks at a store file that never go
through careerlog itself (so a bug in careerlog cannot hide a bug in careerlog)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

ESC = "\x1b"
# Bytes that must never reach a terminal from user text: C0 controls except tab and
# newline, DEL, and the C1 range (8-bit CSI and friends).
CONTROL_CHARS = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {
    chr(c) for c in range(0x7F, 0xA0)
}


def env_int(name: str, default: int) -> int:
    """A trial count: small by default for local runs, raised in CI through the env."""
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def careerlog(
    *args: str,
    stdin: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m careerlog ARGS`` as a person would; stdout/stderr decoded strictly."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [sys.executable, "-m", "careerlog", *args],
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, exactly one line on stderr, no traceback, nothing on stdout."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == "", result.stdout
    return result.stderr.strip()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Name → content hash of every file in ``folder``: catches a byte changed *and* a
    side file (``-wal``, ``-shm``, ``-journal``) left behind."""
    return {p.name: file_sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def connect_raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=30)


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` plus the FTS5 index's own check; ``["ok"]`` when sound."""
    con = connect_raw(path)
    try:
        result = [str(row[0]) for row in con.execute("PRAGMA integrity_check")]
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if "search_index" in names:
            try:
                con.execute("INSERT INTO search_index(search_index) VALUES('integrity-check')")
            except sqlite3.DatabaseError as error:
                result.append(f"search index: {error}")
        return result
    finally:
        con.close()


def entry_texts(path: Path) -> dict[int, str]:
    con = connect_raw(path)
    try:
        return {int(i): str(t) for i, t in con.execute("SELECT id, text FROM entry")}
    finally:
        con.close()


def table_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every careerlog table (not SQLite's or the FTS shadow tables),
    ordered, with its column names first; what a migration must keep."""
    con = connect_raw(path)
    try:
        # Full-text indexes (search_index, search_words from 0009) and their shadow
        # tables are derived from the tables, and change with every write.
        tables = [
            str(row[0])
            for row in con.execute(
                "SELECT name FROM sqlite_master AS t WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' "
                "AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.type = 'table' "
                "AND v.sql LIKE 'CREATE VIRTUAL TABLE%' "
                "AND (t.name = v.name OR t.name LIKE v.name || '\\_%' ESCAPE '\\')) "
                "ORDER BY name"
            )
        ]
        dump: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            columns = [str(row[1]) for row in con.execute(f'PRAGMA table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {quoted}').fetchall()
            dump[table] = [tuple(columns), *rows]
        return dump
    finally:
        con.close()


def revision_of(path: Path) -> str | None:
    con = connect_raw(path)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        con.close()


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


async def until(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 30) -> None:
    """Let the TUI under test run until ``condition`` holds (at most ``timeout`` s,
    longer than the UI tests' default: these run beside heavy writers), waiting on its
    workers in between as the UI tests do."""
    from tests.ui.conftest import until as ui_until  # the TUI's helpers, for TUI tests only

    await ui_until(pilot, condition, timeout)
