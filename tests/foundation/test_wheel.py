"""The wheel carries its assets: installed into a fresh virtualenv, careerlog finds its
tracks from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_installs_and_finds_its_assets(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("careerlog-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "careerlog/assets/tracks/management.toml",
        "careerlog/assets/prompts/quarterly.toml",
        "careerlog/store/migrations/env.py",
        "careerlog/store/migrations/versions/0001_initial.py",
    ):
        assert expected in names, expected
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(venv / "bin" / "careerlog"), "tracks"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "technical-leadership" in result.stdout
    added = subprocess.run(
        [str(venv / "bin" / "careerlog"), "--db", str(tmp_path / "w.db"), "add", "from the wheel"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "1"
