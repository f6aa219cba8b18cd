"""The first use of a new PostgreSQL database: many careerlogs at once. The migration
runs under an advisory lock, so the first one migrates and the others wait and find
the schema ready (without it, 4 of 20 concurrent first adds failed on tables another
had just created)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from careerlog.services import journal
from careerlog.store.db import open_store
from careerlog.store.revisions import HEAD
from tests.pg.fixtures import Cluster
from tests.reliability._support import env_int

WRITERS = env_int("CAREERLOG_PG_FIRST_WRITERS", 20)


def test_concurrent_first_adds_on_a_new_database_all_land(pg_cluster: Cluster) -> None:
    name = "first_use_race"
    pg_cluster.admin(f'DROP DATABASE IF EXISTS "{name}"')
    pg_cluster.admin(f'CREATE DATABASE "{name}"')  # empty: no template, no schema
    url = pg_cluster.url(name)
    texts = [f"first words from writer {n}" for n in range(WRITERS)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "careerlog", "--db", url, "add", words],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for words in texts
    ]
    failures = []
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            failures.append(err.strip())
    assert failures == [], failures
    store = open_store(url)
    try:
        with store.read() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
            assert conn.scalar(text("SELECT count(*) FROM store_identity")) == 1
        stored = sorted(e.text for e in journal.recent_entries(store, limit=WRITERS + 1))
        assert stored == sorted(texts)
    finally:
        store.close()
        pg_cluster.drop_database(name)
