"""Speed by construction: the first frame is painted before SQLAlchemy is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import asyncio, json, sys
from careerlog.ui.app import CareerlogApp

seen = {"after_import": "sqlalchemy" in sys.modules}

class Probe(CareerlogApp):
    def start_store(self):
        # Today calls this once its first frame is painted.
        seen.setdefault("at_first_frame", "sqlalchemy" in sys.modules)
        seen.setdefault("screen", type(self.screen).__name__)
        super().start_store()

async def main():
    app = Probe(sys.argv[1])
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(600):
            await pilot.pause(0.05)
            if app.store_is_open:
                break
        seen["store_open"] = app.store_is_open
        seen["later"] = "sqlalchemy" in sys.modules

asyncio.run(main())
print(json.dumps(seen))
"""


def test_the_first_frame_comes_before_sqlalchemy(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "j.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["after_import"] is False
    assert seen["screen"] == "TodayScreen"
    assert seen["at_first_frame"] is False
    assert seen["store_open"] is True and seen["later"] is True


FIRST_LOOK = """
import asyncio, json, sys
from datetime import datetime
from careerlog.services import connect, journal, tracks

store = connect(sys.argv[1])
tracks.choose_track(store, "technical")
journal.add_entry(store, "Shipped the invoice export", when=datetime.now())
store.close()
for name in [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "careerlog")]:
    del sys.modules[name]

from careerlog.ui.app import CareerlogApp
from careerlog.ui.widgets.entry_list import EntryList
from careerlog.ui.textual_private import screen_lines

seen = {}

async def main():
    app = CareerlogApp(sys.argv[1])
    async with app.run_test(size=(100, 32)) as pilot:
        entries = app.screen.query_one(EntryList)
        for _ in range(600):
            if entries.entries:
                seen["store_open_when_shown"] = app.store_is_open
                await pilot.pause()
                seen["on_screen"] = "Shipped the invoice export" in "\\n".join(
                    screen_lines(app.screen)
                )
                seen["editor_focused"] = app.focused is app.screen.query_one("#editor")
                break
            await pilot.pause(0.01)

asyncio.run(main())
print(json.dumps(seen))
"""


def test_todays_entries_are_shown_before_the_store_is_open(tmp_path: Path) -> None:
    """An up-to-date SQLite journal is read with the standard library while SQLAlchemy
    loads, so today's entries (and the focused editor) come first."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_LOOK, str(tmp_path / "j.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["on_screen"] is True
    assert seen["editor_focused"] is True
    assert seen["store_open_when_shown"] is False
