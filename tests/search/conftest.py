"""Stores to search, filled once per module, on every route a search takes: an SQLite
file read through the standard library (``careerlog search``), the same file through
SQLAlchemy (the TUI), and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from careerlog.store.db import Store, open_store

ROUTES = ("sqlite-file", "sqlite", "postgresql")


def open_route(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fill: Callable[[Store], None],
) -> Iterator[Store | Path]:
    """A store filled by ``fill`` for the route ``request.param`` (a path for
    ``sqlite-file``); closed afterwards."""
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        store = open_store(cluster.url(cluster.new_database()))
    else:
        store = open_store(str(tmp_path_factory.mktemp("careerlog") / "store.db"))
    fill(store)
    if request.param == "sqlite-file":
        assert store.path is not None
        store.close()
        yield store.path
        return
    yield store
    store.close()
