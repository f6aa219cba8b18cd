"""Migration 0009 carries existing stores to the substring index, on both backends, and
says so in one line when a PostgreSQL server cannot have it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

import careerlog
from careerlog.domain.errors import StoreError
from careerlog.services.exchange.doctor import doctor
from careerlog.services.search import SearchFilter, search
from careerlog.store import sqlite
from careerlog.store.db import Store, open_store
from careerlog.store.migrate import alembic_config
from careerlog.store.revisions import HEAD

BEFORE = "0008_competency_marks"
ROWS = [
    "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, words) VALUES "
    "(1, '2023-01-02 09:00:00.000000', 'Projektleitung im Café; 会議の準備', FALSE, "
    "'2023-01-02 09:00:00.000000', '2023-01-02 09:00:00.000000', 3)",
    "INSERT INTO goal (id, title, why, status, created_at, updated_at, version) VALUES "
    "(1, 'Run the kubernetes migration', 'because', 'active', "
    "'2023-01-02 09:00:00.000000', '2023-01-02 09:00:00.000000', 1)",
    "INSERT INTO milestone (id, goal_id, title, position, created_at) VALUES "
    "(1, 1, 'Cluster rehearsal', 0, '2023-01-02 09:00:00.000000')",
]


def _at(store: Store, revision: str) -> None:
    config = alembic_config(store)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        for row in ROWS:
            conn.execute(text(row))


def _found(source: Store | Path, query: str) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in search(source, SearchFilter(query=query, limit=50))}


def _check_upgraded(location: str) -> None:
    store = open_store(location)  # migrates to HEAD (after a backup, on SQLite)
    try:
        assert _found(store, "leitung") == {("entry", 1)}
        assert _found(store, "会議") == {("entry", 1)}
        assert _found(store, "cafe") == {("entry", 1)}
        assert _found(store, "kube") == {("goal", 1)}
        assert _found(store, "rehears") == {("milestone", 1)}
    finally:
        store.close()


def test_an_sqlite_store_is_reindexed_and_the_doctor_agrees(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = open_store(str(db), migrate=False)
    try:
        _at(store, BEFORE)
    finally:
        store.close()
    _check_upgraded(str(db))
    con = sqlite.connect(db, "read")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    finally:
        con.close()
    said = [finding.text for finding in doctor(str(db))]
    assert "The search index matches the journal." in said


def test_a_postgresql_store_is_reindexed(pg_cluster: Any) -> None:
    name = "search_before_0009"
    pg_cluster.admin(f"CREATE DATABASE {name}")
    try:
        store = open_store(pg_cluster.url(name), migrate=False)
        try:
            _at(store, BEFORE)
        finally:
            store.close()
        _check_upgraded(pg_cluster.url(name))
    finally:
        pg_cluster.drop_database(name)


def _migration() -> ModuleType:
    path = Path(careerlog.__file__).parent / "store/migrations/versions/0009_search_substrings.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Server:
    """A PostgreSQL connection as far as the extension check sees it."""

    def __init__(self, available: int) -> None:
        self.available = available

    def scalar(self, _sql: object) -> int:
        return self.available


def test_a_server_without_pg_trgm_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    migration = _migration()
    monkeypatch.setattr(migration.op, "get_bind", lambda: _Server(0), raising=False)
    with pytest.raises(StoreError) as raised:
        migration._pg_extension()
    message = str(raised.value)
    assert "\n" not in message
    assert "pg_trgm" in message and "postgresql-contrib" in message
