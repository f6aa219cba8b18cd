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
