"""Write the results: ``latest.md`` (the table the README shows), ``latest.json``, and a
timestamped copy of both so earlier runs can be compared."""

from __future__ import annotations

import json
import platform
import shutil
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.suites import Row

MARK = {
    "met": "met",
    "missed": "**missed**",
    "": "-",
    "not available": "not available",
    "failed": "**failed**",
}


def _seconds(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit.startswith("MB"):
        return f"{value:.0f} MB"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def _ratio(row: Row) -> str:
    if row.ratio is None:
        return "-"
    if row.unit in ("ms", "MB"):
        return "-"  # an absolute figure, not a comparison
    return f"{row.ratio:.1f}x" if row.ratio >= 10 else f"{row.ratio:.2f}x"


def _size(size: int | None) -> str:
    return "-" if size is None else f"{size // 1000}k" if size >= 1000 else str(size)


def markdown(rows: list[Row], meta: dict[str, Any]) -> str:
    lines = [
        f"careerlog benchmark, {meta['when']} - {meta['machine']}; "
        f"median of {meta['runs']} runs per command ({meta.get('start_runs', meta['runs'])} "
        "for careerlog's add and first-frame rows), each a fresh process; "
        f"command: `{meta['command']}`",
        "",
        "| group | measurement | entries | careerlog | compared with | ratio | target | result |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        unit = row.unit if row.unit in ("ms", "MB", "MB x") else "s"
        against = (
            f"{row.baseline_label} {_seconds(row.baseline, unit)}" if row.baseline_label else "-"
        )
        name = row.name + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.group} | {name} | {_size(row.size)} | {_seconds(row.careerlog, unit)} "
            f"| {against} | {_ratio(row)} | {row.target} | {MARK[row.status]} |"
        )
    missed = [row for row in rows if row.status == "missed"]
    lines += [
        "",
        f"Targets met: {sum(r.status == 'met' for r in rows)}, missed: {len(missed)}, "
        f"not measurable yet: {sum(r.status == 'not available' for r in rows)}, "
        f"failed: {sum(r.status == 'failed' for r in rows)}.",
    ]
    return "\n".join(lines) + "\n"


def write(rows: list[Row], meta: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / "latest.md", folder / "latest.json"
    md.write_text(markdown(rows, meta), encoding="utf-8")
    js.write_text(
        json.dumps({"meta": meta, "rows": [asdict(row) for row in rows]}, indent=2) + "\n",
        encoding="utf-8",
    )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    history = folder / "history"
    history.mkdir(exist_ok=True)
    shutil.copyfile(md, history / f"{stamp}.md")
    shutil.copyfile(js, history / f"{stamp}.json")
    return md, js


def machine() -> str:
    import os

    system = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    return f"{system}, Python {platform.python_version()}"
