"""The TUI on a store careerlog may read but not write (issue 17): every screen opens
under a banner saying nothing changed is saved, a save is refused in the store's own
words with the typed text kept, and nothing crashes or is written there.

The app runs through Pilot in its own process (tests/ui/_read_only_pilot.py): as root
that process gives up the right to bypass file modes (setpriv), so the 0400 file in a
0500 folder is as read-only for it as for anyone else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability._support import careerlog, folder_state

# A real careerlog process under setpriv (capabilities belong to a process): the e2e tier.
pytestmark = pytest.mark.e2e

SETPRIV = shutil.which("setpriv")
REPOSITORY = Path(__file__).resolve().parents[2]


def _walk_as_a_reader(db: Path) -> dict[str, object]:
    argv = [sys.executable, "-m", "tests.ui._read_only_pilot", str(db)]
    if os.geteuid() == 0:
        argv = [SETPRIV or "setpriv", "--bounding-set=-dac_override,-dac_read_search", *argv]
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=240, check=False, cwd=REPOSITORY
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _read_only(tmp_path: Path, *setup: list[str]) -> Path:
    if os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to count")
    db = tmp_path / "archive" / "journal.db"
    for argv in setup:
        done = careerlog("--db", str(db), *argv)
        assert done.returncode == 0, done.stderr
    db.chmod(0o400)
    db.parent.chmod(0o500)
    return db


@pytest.mark.slow
def test_every_screen_shows_the_banner_and_saving_is_refused(tmp_path: Path) -> None:
    db = _read_only(
        tmp_path,
        ["add", "the launch went out on time @release"],
        ["goal", "add", "ship the archive"],
        ["learn", "a book on archives", "--kind", "book", "--minutes", "45"],
        ["track", "choose", "technical"],
        ["feedback", "the archive plan was clear", "--from", "Ana"],
    )
    before = folder_state(db.parent)
    try:
        seen = _walk_as_a_reader(db)
    finally:
        db.parent.chmod(0o700)
    assert seen["crash"] is None and seen["fatal"] is None, seen
    screens = seen["screens"]
    assert isinstance(screens, dict) and len(screens) == 9
    for key, (name, text) in screens.items():
        banner = text.splitlines()[2]
        assert banner.startswith(" Read-only: nothing you change is saved"), (key, name, text)
        assert "journal.db can't be written here" in banner, (key, banner)
        assert "Traceback" not in text and "unexpected" not in text, (key, text)
    refusal = f"the store is read-only ({db}): careerlog may read it but not write it"
    for saved in ("entry_notices", "goal_notices"):  # nothing else was said, or lost
        notices = seen[saved]
        assert isinstance(notices, list) and len(notices) == 1, (saved, notices)
        assert notices[0].startswith(refusal), (saved, notices)
    assert seen["editor"] == "words that cannot be kept"  # refused, and kept for the person
    assert folder_state(db.parent) == before


def test_a_read_only_store_without_a_track_is_not_asked_for_one(tmp_path: Path) -> None:
    """Onboarding would ask for a track it cannot keep: Today opens instead."""
    db = _read_only(tmp_path, ["add", "an archive without a track"])
    try:
        seen = _walk_as_a_reader(db)
    finally:
        db.parent.chmod(0o700)
    assert seen["onboarding"] is False and seen["crash"] is None, seen
    today = seen["screens"]["f2"][1]  # type: ignore[index]
    assert "an archive without a track" in today and "Read-only" in today, today
