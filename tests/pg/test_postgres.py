"""PostgreSQL as the store: the URL, migrations and the search index, and two machines
(two processes, two connections) working on one server without losing an edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text, update

from careerlog.domain.errors import ConflictError, StoreError
from careerlog.services import goals, journal
from careerlog.services.search import SearchFilter, search
from careerlog.store import search as contract
from careerlog.store import tables as t
from careerlog.store.db import open_store
from careerlog.store.revisions import HEAD
from careerlog.store.search import postgres as pg_search
from careerlog.store.search.params import Params
from tests.conftest import run_cli
from tests.inprocess import InProcessCli
from tests.pg.fixtures import Cluster

HERE = Path(__file__).resolve().parent


def test_an_empty_database_is_migrated_to_the_newest_schema(pg_cluster: Cluster) -> None:
    pg_cluster.admin("CREATE DATABASE fresh_empty")
    try:
        store = open_store(pg_cluster.url("fresh_empty"))
        try:
            with store.read() as conn:
                assert conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
                indexes = set(
                    conn.scalars(
                        text(
                            "SELECT indexname FROM pg_indexes "
                            "WHERE indexname LIKE '%trgm' OR indexname LIKE '%words'"
                        )
                    )
                )
            assert indexes == {n for kind in contract.KINDS for n in pg_search.index_names(kind)}
            entry = journal.add_entry(store, "first words on the server")
            assert journal.get_entry(store, entry.id).text == "first words on the server"
        finally:
            store.close()
    finally:
        pg_cluster.drop_database("fresh_empty")


@pytest.mark.parametrize("name", contract.NAMES)
def test_search_uses_the_gin_indexes_for_every_kind(pg_url: str, name: str) -> None:
    kind = contract.BY_NAME[name]
    query = contract.parse("career")
    store = open_store(pg_url)

    def plan(condition: str, params: Params) -> str:
        rows = conn.scalars(text(f"EXPLAIN SELECT id FROM {kind.table} WHERE {condition}"), params)
        return "\n".join(rows)

    try:
        with store.read() as conn:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            bind = Params()
            anywhere = plan(pg_search.matching("id", kind, query, bind), bind)
            bind = Params()
            words = plan(str(pg_search.whole_words("id", kind, query, bind)), bind)
    finally:
        store.close()
    trigram, word = pg_search.index_names(kind)
    assert trigram in anywhere, anywhere
    assert word in words, words


def test_a_store_from_a_newer_careerlog_is_refused_and_left_alone(
    pg_url: str, run: InProcessCli
) -> None:
    store = open_store(pg_url)
    with store.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(StoreError, match="newer version"):
        open_store(pg_url)
    done = run("--db", pg_url, "add", "should not land")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "newer version" in done.stderr


def test_the_cli_works_on_a_server_through_db_and_the_environment(
    pg_url: str, run: InProcessCli
) -> None:
    assert run("--db", pg_url, "add", "Paired", "with", "Ana", "@pairing").returncode == 0
    assert run("add", "--star", "Demo went fine", env={"CAREERLOG_DB": pg_url}).returncode == 0
    found = run("--db", pg_url, "search", "ana", "--json")
    assert found.returncode == 0, found.stderr
    (hit,) = json.loads(found.stdout)
    assert (hit["title"], hit["tags"], hit["snippet"], hit["matches"]) == (
        "Paired with Ana @pairing",
        ["pairing"],
        "Paired with Ana @pairing",
        [[12, 15]],
    )
    starred = run("--db", pg_url, "search", "--starred")
    assert "Demo went fine" in starred.stdout and "Ana" not in starred.stdout


def test_an_unreachable_server_is_one_clear_line(pg_cluster: Cluster, run: InProcessCli) -> None:
    url = f"postgresql+psycopg://careerlog:s3cret@127.0.0.1:{pg_cluster.port}/no_such_db"
    done = run("--db", url, "add", "lost?")
    assert done.returncode == 1
    assert done.stderr.startswith("careerlog: cannot connect to ")
    assert done.stderr.count("\n") == 1
    assert "s3cret" not in done.stderr
    assert "Traceback" not in done.stderr


def test_without_psycopg_the_message_says_what_to_install(tmp_path: Path) -> None:
    # A child process: psycopg must be missing from the interpreter that runs careerlog.
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['psycopg'] = None\n")
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = run_cli("--db", "postgresql+psycopg://me@127.0.0.1:1/journal", "add", "x", env=env)
    assert done.returncode == 1
    assert "pip install 'careerlog[postgres]'" in done.stderr
    assert done.stderr.count("\n") == 1


# --- two machines ------------------------------------------------------------------------


def test_two_handles_editing_one_goal_never_lose_an_edit(pg_url: str) -> None:
    laptop, desktop = open_store(pg_url), open_store(pg_url)
    try:
        goal = goals.add_goal(laptop, "Speak at a meetup")
        seen_on_desktop = goals.get_goal(desktop, goal.id)
        goals.edit_goal(laptop, goal.id, version=goal.version, why="visibility")
        with pytest.raises(ConflictError, match="reload"):
            goals.edit_goal(desktop, goal.id, version=seen_on_desktop.version, why="practice")
        reloaded = goals.get_goal(desktop, goal.id)
        assert reloaded.why == "visibility"
        again = goals.edit_goal(desktop, goal.id, version=reloaded.version, why="both")
        assert goals.get_goal(laptop, goal.id).why == again.why == "both"
    finally:
        laptop.close()
        desktop.close()


def test_two_edits_at_the_same_moment_one_wins_the_other_is_told(pg_url: str) -> None:
    """The laptop's transaction holds the row; the desktop's edit, read at the same
    version, waits for it and then must fail rather than overwrite."""
    laptop, desktop = open_store(pg_url), open_store(pg_url)
    try:
        goal = goals.add_goal(laptop, "Write the RFC")
        outcome: list[BaseException | str] = []

        def desktop_edit() -> None:
            try:
                outcome.append(goals.edit_goal(desktop, goal.id, why="from desktop").why)
            except BaseException as error:
                outcome.append(error)

        with laptop.write() as conn:
            conn.execute(
                update(t.goal)
                .where(t.goal.c.id == goal.id, t.goal.c.version == goal.version)
                .values(why="from laptop", version=goal.version + 1)
            )
            racing = threading.Thread(target=desktop_edit)
            racing.start()
            racing.join(timeout=1.0)
            assert racing.is_alive(), "the desktop should wait for the laptop's transaction"
        racing.join(timeout=30)
        assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
        assert goals.get_goal(desktop, goal.id).why == "from laptop"
    finally:
        laptop.close()
        desktop.close()


def edit_in_process(
    url: str, goal_id: int, version: int, why: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HERE / "_edit_goal.py"), url, str(goal_id), str(version), why],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_two_processes_editing_one_goal_the_second_is_told_to_reload(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        goal = goals.add_goal(store, "Mentor a new hire")
    finally:
        store.close()
    first = edit_in_process(pg_url, goal.id, goal.version, "laptop reason")
    assert first.returncode == 0, first.stderr
    second = edit_in_process(pg_url, goal.id, goal.version, "desktop reason")
    assert second.returncode == 1
    assert "changed elsewhere" in second.stderr and "reload" in second.stderr
    store = open_store(pg_url)
    try:
        assert goals.get_goal(store, goal.id).why == "laptop reason"
    finally:
        store.close()


def test_two_processes_adding_at_once_both_land(pg_url: str) -> None:
    texts = [f"a note from machine {m}" for m in "ab"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "careerlog", "--db", pg_url, "add", text],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for text in texts
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = open_store(pg_url)
    try:
        assert sorted(e.text for e in journal.recent_entries(store, limit=10)) == sorted(texts)
        assert len(search(store, SearchFilter(query="machine"))) == 2
    finally:
        store.close()


def test_the_browser_app_opens_a_server_store_without_showing_its_url(pg_url: str) -> None:
    import asyncio
    import re

    from tests.e2e.test_browser import children_of, free_port, open_tab, serve_cli, serving

    assert run_cli("--db", pg_url, "track", "choose", "technical").returncode == 0
    port = free_port()
    with serving(serve_cli(pg_url, port), port) as served:

        async def first_screen() -> str:
            ws = await open_tab(port)
            received = b""
            deadline = asyncio.get_running_loop().time() + 90
            while b"What happened today?" not in re.sub(
                rb"\x1b\[[0-9;?]*[ -/]*[@-~]", b"", received
            ):
                assert asyncio.get_running_loop().time() < deadline, received[-500:]
                received += await asyncio.wait_for(ws.recv(), 60)
            (app,) = children_of(served.process.pid)
            command_line = Path(f"/proc/{app}/cmdline").read_bytes().decode()
            await ws.close()
            return command_line

        command_line = asyncio.run(first_screen())
    assert "careerlog" in command_line
    assert pg_url not in command_line and "postgresql" not in command_line


def test_the_search_migration_steps_down_and_up_again(pg_url: str) -> None:
    from alembic import command

    from careerlog.store.migrate import alembic_config

    def search_indexes() -> set[str]:
        with store.read() as conn:
            return set(
                conn.scalars(
                    text(
                        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_%_search' "
                        "OR indexname LIKE 'ix_%_trgm' OR indexname LIKE 'ix_%_words'"
                    )
                )
            )

    newest = {n for kind in contract.KINDS for n in pg_search.index_names(kind)}
    store = open_store(pg_url)
    try:
        config = alembic_config(store)
        assert search_indexes() == newest
        command.downgrade(config, "0008_competency_marks")  # back to the word indexes
        old = {"entry", "goal", "activity", "reflection_answer", "feedback"}  # 0003 and 0007
        assert search_indexes() == {f"ix_{table}_search" for table in old}
        command.downgrade(config, "0002_fit_results")
        assert search_indexes() == set()
        command.upgrade(config, "head")
        assert search_indexes() == newest
        journal.add_entry(store, "found again after the round trip")
        assert len(search(store, SearchFilter(query="round trip"))) == 1
    finally:
        store.close()
