"""Speed by construction: the first frame is painted before SQLAlchemy is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from careerlog.services import connect, journal, tracks


def run_probe(script: str, *args: str) -> dict[str, object]:
    """Run ``script`` in a fresh interpreter (what it imports is the point) and return
    the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


SCRIPT = """
import asyncio, json, sys
from careerlog.ui.app import CareerlogApp

seen = {
    "after_import": "sqlalchemy" in sys.modules,
    "drafts_store_after_import": "careerlog.services.sealed" in sys.modules,
}

class Probe(CareerlogApp):
    def start_store(self):
        # Today calls this once its first frame is painted.
        seen.setdefault("at_first_frame", "sqlalchemy" in sys.modules)
        seen.setdefault("hashlib_at_first_frame", "hashlib" in sys.modules)
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
    seen = run_probe(SCRIPT, str(tmp_path / "j.db"))
    assert seen["after_import"] is False
    assert seen["drafts_store_after_import"] is False  # drafts are read after the first frame
    assert seen["screen"] == "TodayScreen"
    assert seen["at_first_frame"] is False
    # The draft's path is hashed when the draft is first read, after the first frame.
    assert seen["hashlib_at_first_frame"] is False
    assert seen["store_open"] is True and seen["later"] is True


def journal_written_now(path: Path, text: str) -> str:
    """A journal with one entry, ``text``, written now; its path, for a probe. Made here,
    in the test's process, so the probe starts as fresh as a person's careerlog."""
    store = connect(str(path))
    try:
        tracks.choose_track(store, "technical")
        journal.add_entry(store, text, when=datetime.now())
    finally:
        store.close()
    return str(path)


FIRST_LOOK = """
import asyncio, json, sys
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
                seen["on_screen"] = sys.argv[2] in "\\n".join(
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
    seen = run_probe(
        FIRST_LOOK,
        journal_written_now(tmp_path / "j.db", "Shipped the invoice export"),
        "Shipped the invoice export",
    )
    assert seen["on_screen"] is True
    assert seen["editor_focused"] is True
    assert seen["store_open_when_shown"] is False


FIRST_FRAME = """
import asyncio, gc, json, sys

# As careerlog.ui.run starts the TUI: collection off, the first page read, then Textual.
gc.disable()
from careerlog.ui.startup import PAGE, FirstPage

seen = {"textual_before_the_app": "textual" in sys.modules}
first_page = FirstPage.start(sys.argv[1], PAGE)
first_page.wait()  # by the time Textual is imported (~0.2 s), the read (~10 ms) is over

from careerlog.ui.app import CareerlogApp
from careerlog.ui.textual_private import screen_lines

class Probe(CareerlogApp):
    def start_store(self):
        # Called once the first frame is painted.
        text = "\\n".join(screen_lines(self.screen))
        seen.setdefault("in_first_frame", sys.argv[2] in text)
        seen.setdefault("collecting_after_it", gc.isenabled())
        super().start_store()

async def main():
    app = Probe(sys.argv[1], first_page=first_page)
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(600):
            await pilot.pause(0.05)
            if app.store_is_open:
                break
        seen["store_open"] = app.store_is_open

asyncio.run(main())
print(json.dumps(seen))
"""


def test_todays_entries_are_in_the_first_frame(tmp_path: Path) -> None:
    """The TUI reads the newest page while Textual is still being imported, so the
    first frame already lists today's entry; garbage collection, off for the start,
    is on again once that frame is painted."""
    text = "Paired on the flaky test"
    seen = run_probe(FIRST_FRAME, journal_written_now(tmp_path / "j.db", text), text)
    assert seen["textual_before_the_app"] is False
    assert seen["in_first_frame"] is True
    assert seen["collecting_after_it"] is True
    assert seen["store_open"] is True
