"""Measurements taken inside a fresh child process, printed as JSON on stdout:

- ``timeline DB``: opening the review timeline (its first page) and jumping to dates;
- ``progress DB``: computing the track-progress figures;
- ``tui DB``: the TUI run headless through every mode, for the parent to read its
  peak memory (``os.wait4``).

Run as ``python -m benchmarks.probes KIND DB [RUNS]``.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from typing import Any

from benchmarks.corpus import END


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timeline(db: str, runs: int) -> dict[str, Any]:
    from careerlog.services import connect
    from careerlog.services import timeline as tl

    opens = []
    for _ in range(runs):
        store = connect(db)
        start = time.perf_counter()
        first = tl.page(store)
        opens.append(time.perf_counter() - start)
        store.close()
    store = connect(db)
    oldest = END - timedelta(days=365 * 25)
    rng = random.Random(1)
    days = [oldest + timedelta(days=rng.randrange((END - oldest).days)) for _ in range(20)]
    days += [END, END - timedelta(days=1)]
    worst = []
    for day in days:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            found = tl.jump(store, None, day)
            times.append(time.perf_counter() - start)
        worst.append(statistics.median(times))
        assert found.items, f"jump to {day} found nothing"
    store.close()
    return {
        "open_ms": _ms(statistics.median(opens)),
        "open_items": len(first.items),
        "jump_median_ms": _ms(statistics.median(worst)),
        "jump_worst_ms": _ms(max(worst)),
        "jump_dates": len(days),
    }


def progress(db: str, runs: int) -> dict[str, Any]:
    from careerlog.services import connect
    from careerlog.services.progress import track_progress

    store = connect(db)
    times = []
    report = None
    for _ in range(runs):
        start = time.perf_counter()
        report = track_progress(store, today=END)
        times.append(time.perf_counter() - start)
    store.close()
    assert report is not None, "the sample journal has a chosen track"
    return {"median_ms": _ms(statistics.median(times)), "worst_ms": _ms(max(times))}


async def _drive_tui(db: str) -> dict[str, Any]:
    from careerlog.ui.app import CareerlogApp

    app = CareerlogApp(db, clock=lambda: datetime.combine(END, datetime.min.time()))
    visited = []
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 60
        while not app.store_is_open and time.monotonic() < deadline:
            await pilot.pause(0.05)
        if not app.store_is_open:
            raise RuntimeError("the TUI did not open the store within 60 s")
        for mode in list(app.MODES):
            await app.switch_mode(mode)
            await _settle(app, pilot)
            visited.append(mode)
        for name, screen in _screens():
            await app.push_screen(screen)
            await _settle(app, pilot)
            app.pop_screen()
            visited.append(name)
    return {"modes": visited}


async def _settle(app: Any, pilot: Any) -> None:
    """Let the screen's workers load their data and the screen paint it: round until a
    pause starts no new worker (a worker's result may start the next one)."""
    while True:
        await pilot.pause(0.05)
        if not [worker for worker in app.workers if not worker.is_finished]:
            await pilot.pause(0.05)  # what the last results carried is painted
            if not [worker for worker in app.workers if not worker.is_finished]:
                return
        await app.workers.wait_for_complete()


def _screens() -> list[tuple[str, Any]]:
    """The heavy screens that are not modes."""
    from careerlog.ui.screens.progress import ProgressScreen
    from careerlog.ui.screens.timeline import TimelineScreen
    from careerlog.ui.screens.year_review import YearReviewScreen

    return [
        ("timeline", TimelineScreen()),
        ("progress", ProgressScreen()),
        ("year review", YearReviewScreen()),
    ]


def tui(db: str, _runs: int) -> dict[str, Any]:
    return asyncio.run(_drive_tui(db))


PROBES = {"timeline": timeline, "progress": progress, "tui": tui}


def main(argv: list[str]) -> int:
    kind, db = argv[0], argv[1]
    runs = int(argv[2]) if len(argv) > 2 else 5
    print(json.dumps(PROBES[kind](db, runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
