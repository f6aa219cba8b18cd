"""The benchmark harness end to end at a tiny size with one run: it must write the
table and the JSON with every row the full ``make bench`` reports. The full benchmark
is slow and never runs here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HAS_JRNL = (REPO / ".venv-jrnl" / "bin" / "jrnl").exists()
STATUSES = {"met", "missed", "", "not available"}
"""A "failed" row (a measured command crashed) fails the smoke test."""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results")
    env = {**os.environ, "BENCH_CACHE": str(out / "cache"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--sizes",
            "150,300",
            "--runs",
            "1",
            "--out",
            str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| group | measurement |" in done.stdout
    return out


def test_writes_the_table_the_json_and_a_dated_copy(results: Path) -> None:
    table = (results / "latest.md").read_text(encoding="utf-8")
    data = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    assert table.count("\n| ") == len(data["rows"]) + 2  # header and rule lines
    assert data["meta"]["sizes"] == [150, 300] and data["meta"]["runs"] == 1
    history = sorted(p.suffix for p in (results / "history").iterdir())
    assert history == [".json", ".md"]
    for row in data["rows"]:
        assert row["status"] in STATUSES
        assert row["name"] in table


def test_every_measurement_has_a_row(results: Path) -> None:
    rows = json.loads((results / "latest.json").read_text(encoding="utf-8"))["rows"]
    names = " / ".join(row["name"] for row in rows)
    for expected in (
        "add vs python -c 'import sqlalchemy'",
        "add at 300 vs at 150",
        "timeline opens",
        "timeline jumps",
        "track progress",
        "TUI peak memory",
        "TUI first frame",
        "TUI time to today's entries",
        "store size: substring index vs the word index before it",
    ):
        assert expected in names
    if shutil.which("rg"):
        against_rg = {
            r["name"].split(" (")[0] for r in rows if r["group"] == "careerlog vs ripgrep"
        }
        assert against_rg == {"full-text search", "word-part search", "two-character CJK search"}
    encrypted = {r["name"].split(" (")[0] for r in rows if r["group"] == "encrypted store"}
    assert encrypted == {
        "full-text search",
        "yearly export to JSON",
        "add one entry",
        "careerlog unlock",
    }
    if HAS_JRNL:
        for size in (150, 300):
            compared = {
                r["name"].split(" (")[0]
                for r in rows
                if r["size"] == size and r["group"] == "careerlog vs jrnl"
            }
            assert compared >= {
                "show the last 10",
                "tag filter",
                "full-text search",
                "word-part search",
                "two-character CJK search",
                "add one entry",
                "yearly export to JSON",
            }


def test_measured_rows_carry_real_numbers(results: Path) -> None:
    rows = json.loads((results / "latest.json").read_text(encoding="utf-8"))["rows"]
    measured = [r for r in rows if r["status"] not in ("not available", "failed")]
    assert measured
    for row in measured:
        assert row["careerlog"] is not None and row["careerlog"] > 0, row
        if row["baseline"] is not None:
            assert row["ratio"] == pytest.approx(
                row["baseline"] / row["careerlog"]
                if row["unit"] == "x faster"
                else row["careerlog"] / row["baseline"]
            )
