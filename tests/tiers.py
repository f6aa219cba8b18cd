"""Every test gets exactly one tier, so ``-m`` can pick a part of the suite and ``make
test-quick`` can leave the slow tiers out. A test may name its tier with a marker
(``@pytest.mark.tui``); else its folder, its file or the fixtures it asks for decide, so
a test someone adds lands in a tier without anyone remembering to mark it. ``pg`` is
also added to any test that needs the PostgreSQL server, whatever its tier.

Files are also reordered, slowest tier first, and a file whose tests share a
module-scoped fixture is kept on one xdist worker (``--dist loadgroup``)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

TIERS = ("reliability", "e2e", "packaging", "pg", "tui", "cli", "unit")
"""Slowest first: the order the suite hands tests to its workers, so the long ones do
not start last and leave one worker running alone at the end."""
FOLDER_TIERS = {"e2e": "e2e", "reliability": "reliability", "pg": "pg", "ui": "tui"}
PACKAGING_FILES = {"test_wheel.py", "test_bench_smoke.py"}
CLI_FIXTURES = {"cli", "run"}
PG_FIXTURES = {"pg_url", "pg_cluster"}


def _uses_postgresql(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & PG_FIXTURES:
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in callspec.params.values()


def tier_of(item: pytest.Item) -> str:
    named = [mark.name for mark in item.iter_markers() if mark.name in TIERS]
    if named:
        return named[0]
    where = item.path.relative_to(TESTS).parts
    if len(where) > 1 and where[0] in FOLDER_TIERS:
        return FOLDER_TIERS[where[0]]
    if where[-1] in PACKAGING_FILES:
        return "packaging"
    fixtures = set(getattr(item, "fixturenames", ()))
    if _uses_postgresql(item):
        return "pg"
    function = getattr(item, "function", None)
    if "snap_compare" in fixtures or inspect.iscoroutinefunction(function):
        return "tui"
    if fixtures & CLI_FIXTURES:
        return "cli"
    return "unit"


def _module_scoped(item: pytest.Item) -> bool:
    """Whether the test shares a module-scoped fixture with the other tests of its file."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(definitions[-1].scope == "module" for definitions in info.name2fixturedefs.values())


def assign(items: list[pytest.Item]) -> None:
    """Mark every item with its tier (and ``pg``, ``xdist_group``); order the files."""
    rank: dict[Path, int] = {}
    for item in items:
        tier = tier_of(item)
        item.add_marker(getattr(pytest.mark, tier))
        if tier != "pg" and _uses_postgresql(item):
            item.add_marker(pytest.mark.pg)
        if _module_scoped(item):
            # One worker runs the whole file, so its shared fixture is built once.
            item.add_marker(pytest.mark.xdist_group(str(item.path.relative_to(TESTS))))
        rank[item.path] = min(rank.get(item.path, len(TIERS)), TIERS.index(tier))
    # Whole files move, in their own order: module fixtures still run once per file.
    items.sort(key=lambda item: rank[item.path])
