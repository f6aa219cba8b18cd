"""A read command on a store that isn't there creates nothing; a file that isn't a
careerlog store is called that, not damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.capture.conftest import Cli, one_line_error

READS = [
    ("stats",),
    ("search", "word"),
    ("show",),
    ("show", "1"),
    ("export", "--format", "json"),
    ("goal", "list"),
    ("learn", "list"),
    ("track", "status"),
    ("reflect", "--due"),
    ("backup",),
    ("edit", "1", "--date", "yesterday"),
    ("delete", "1", "--yes"),
    ("goal", "done", "1"),
    ("goal", "pause", "1"),
]


@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_a_read_on_a_missing_store_refuses_and_creates_nothing(
    cl: Cli, tmp_path: Path, isolated_home: Path, argv: tuple[str, ...]
) -> None:
    typo = tmp_path / "typo" / "x.db"
    err = one_line_error(cl(*argv, store=typo))
    assert f"there is no store at {typo} (nothing was created)" in err
    assert not typo.parent.exists()
    assert not (isolated_home / "data").exists()


@pytest.mark.parametrize(
    ("content", "argv"),
    [
        (b"just some notes\n", ("add", "hello")),
        (b"just some notes\n", ("stats",)),
        (json.dumps({"entries": []}).encode(), ("search", "x")),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), ("goal", "add", "x")),
    ],
)
def test_a_file_that_is_not_a_store_is_called_that(
    cl: Cli, tmp_path: Path, content: bytes, argv: tuple[str, ...]
) -> None:
    other = tmp_path / "notes.txt"
    other.write_bytes(content)
    err = one_line_error(cl(*argv, store=other))
    assert "is not a careerlog store" in err and "damaged" not in err
    assert other.read_bytes() == content
    assert not Path(f"{other}-wal").exists()
