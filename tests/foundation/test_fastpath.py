"""When ``careerlog add`` takes its stdlib route and when it does not. That both routes
store the same rows is tests/foundation/test_routes.py's contract test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from careerlog.services import journal
from careerlog.services.quick import quick_add
from careerlog.store.db import open_store


def test_a_new_file_is_created_through_the_full_path(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    assert quick_add(str(db), "first words") == 1
    store = open_store(str(db))
    assert journal.get_entry(store, 1).text == "first words"
    store.close()


def test_the_add_command_loads_no_sqlalchemy_on_an_existing_store(tmp_path: Path) -> None:
    db = tmp_path / "light.db"
    open_store(str(db)).close()
    code = (
        "import sys\n"
        "from careerlog.cli import main\n"
        f"main(['--db', {str(db)!r}, 'add', 'light'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'textual'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["1", "[]"]
