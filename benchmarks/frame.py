"""The first-frame and today's-entries rows, measured together by the TUI's own
``benchmarks/first_frame.py`` (a pseudo-terminal per run, careerlog and a bare Textual
app alternating; each careerlog run notes both moments)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.suites import TARGET_SIZE, Row


def measure_first_frame(db: Path, size: int, runs: int, env: dict[str, str]) -> list[Row]:
    from benchmarks import first_frame

    found = first_frame.measure(db, runs, env)
    applies = size == TARGET_SIZE
    return [
        Row(
            "careerlog alone",
            "TUI first frame vs a bare Textual app",
            size,
            found.careerlog_median,
            found.bare_median,
            "bare Textual app",
            found.ratio,
            "x the baseline",
            "<= 1.4x at 50k",
            ("met" if found.ratio <= 1.4 else "missed") if applies else "",
        ),
        Row(
            "careerlog alone",
            "TUI time to today's entries vs a bare Textual app's first frame",
            size,
            found.today_median,
            found.bare_median,
            "bare Textual app",
            found.today_ratio,
            "x the baseline",
            "<= 1.5x at 50k",
            ("met" if found.today_ratio <= 1.5 else "missed") if applies else "",
        ),
    ]
