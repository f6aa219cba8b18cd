"""Opening the journal without a terminal says so in one line instead of drawing the
TUI into a file and waiting for keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("argv", [[], ["demo"]], ids=["journal", "demo"])
def test_the_tui_with_stdout_not_a_terminal_is_one_clear_line(
    tmp_path: Path, argv: list[str]
) -> None:
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "careerlog", "--db", str(tmp_path / "j.db"), *argv],
            stdout=handle,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "careerlog: the journal opens in a terminal, and standard output is not one; "
        "from a script use 'careerlog show', 'search' or 'export'\n"
    )
    assert out.read_text() == ""
    assert not (tmp_path / "j.db").exists()
