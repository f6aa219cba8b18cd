"""The one atomic file writer: only regular files or new names, the folder flushed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from careerlog import atomic
from careerlog.cli import main
from careerlog.domain.errors import CareerlogError


def _device(folder: Path) -> Path:
    """A character device of our own (the same numbers as /dev/null), or skip."""
    device = folder / "null-like"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device needs root")
    return device


def _fifo(folder: Path) -> Path:
    fifo = folder / "pipe"
    os.mkfifo(fifo, 0o644)
    return fifo


@pytest.mark.parametrize("make", [_device, _fifo], ids=["character device", "fifo"])
def test_export_onto_a_special_file_is_refused_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object
) -> None:
    db = str(tmp_path / "store.db")
    assert main(["--db", db, "add", "a line worth keeping"]) == 0
    target = make(tmp_path)  # type: ignore[operator]
    before = os.stat(target)
    capsys.readouterr()

    code = main(["--db", db, "export", "--format", "json", "-o", str(target)])

    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "not a regular file" in err and "nothing was written" in err
    after = os.stat(target)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (
        before.st_mode,
        before.st_rdev,
        before.st_ino,
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_folder_is_refused_and_a_taken_name_can_be_refused(tmp_path: Path) -> None:
    with pytest.raises(CareerlogError, match="is a folder"):
        atomic.write_text(tmp_path, "words")
    (tmp_path / "kept.txt").write_text("old", encoding="utf-8")
    with pytest.raises(CareerlogError, match="already exists"):
        atomic.write_text(tmp_path / "kept.txt", "new", replace=False)
    assert (tmp_path / "kept.txt").read_text(encoding="utf-8") == "old"
    atomic.write_text(tmp_path / "kept.txt", "new")
    assert (tmp_path / "kept.txt").read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(os.stat(tmp_path / "kept.txt").st_mode) == 0o600


def test_the_file_and_then_its_folder_are_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[tuple[bool, int]] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        info = os.fstat(fd)
        flushed.append((stat.S_ISDIR(info.st_mode), info.st_ino))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    target = atomic.write_text(tmp_path / "export.md", "# Year in review\n")
    folder = os.stat(tmp_path).st_ino
    assert flushed[-1] == (True, folder)  # the rename itself is on disk
    assert (False, os.stat(target).st_ino) in flushed[:-1]  # the data, before the rename


def test_a_failed_fill_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    target.write_text("kept", encoding="utf-8")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(CareerlogError, match="No space left on device; nothing was written"):
        atomic.place(target, broken)
    assert target.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]
