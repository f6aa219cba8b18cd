"""The service test suites written against SQLite, run again on PostgreSQL.

Each listed module's tests that use the store (``store`` or a fixture built on it)
are collected here a second time, with ``store`` pointing at a fresh database on the
throwaway PostgreSQL server. The originals keep running on SQLite where they are, so
every service behaviour they pin down is checked on both backends.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import ModuleType

import pytest

from careerlog.store.db import Store, open_store
from tests.io import conftest as io_fixtures
from tests.io import test_io_jrnl, test_io_roundtrip, test_io_summary
from tests.reflect import test_reflect_services
from tests.timeline import conftest as timeline_fixtures
from tests.timeline import test_review_stats, test_timeline_service

STORE_FIXTURES = {"store", "journal", "crowded", "filled"}
SQLITE_ONLY_FIXTURES = {"jrnl_export"}  # made by a jrnl run in its own venv, SQLite-side

NOT_ON_POSTGRESQL = {
    # Timing budgets are set for a local SQLite file, not a server round trip per query.
    "test_progress_stays_fast_with_a_big_journal",
}


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    opened = open_store(pg_url)
    yield opened
    opened.close()


journal = timeline_fixtures.journal
crowded = test_timeline_service.crowded
filled = io_fixtures.filled
other = io_fixtures.other


def _store_tests(module: ModuleType) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, function in vars(module).items():
        if not name.startswith("test_") or name in NOT_ON_POSTGRESQL:
            continue
        wanted = set(inspect.signature(function).parameters)
        if STORE_FIXTURES & wanted and not wanted & SQLITE_ONLY_FIXTURES:
            found[f"{name}__{module.__name__.rsplit('.', 1)[-1]}"] = function
    return found


for _module in (
    test_timeline_service,
    test_review_stats,
    test_reflect_services,
    test_io_summary,
    test_io_roundtrip,
    test_io_jrnl,
):
    globals().update(_store_tests(_module))
