"""What is measured: each comparison as a command line for careerlog and for jrnl
(or for the baseline careerlog must stay close to), run side by side."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.corpus import CJK_WORD, REPO, TAG, WORD, WORD_PART, Corpus, export_year
from benchmarks.timing import Command, CommandFailed, Timing, compare, copy_back

TARGET_SIZE = 50_000
JRNL_ADD_BUDGET = 180.0
"""Seconds of jrnl adds per size: one takes minutes at 50k on a busy 2-core machine."""
ADD_TEXT = "Benchmark entry: reviewed the kubernetes rollout with Priya @work"


@dataclass(frozen=True)
class Row:
    """One line of the report. ``ratio`` reads as the target does: "x times faster"
    for jrnl comparisons, "x times the baseline" for careerlog-alone checks."""

    group: str
    name: str
    size: int | None
    careerlog: float | None
    baseline: float | None
    baseline_label: str
    ratio: float | None
    unit: str
    target: str
    status: str
    """"met", "missed", "" (no target at this size), "not available" or "failed"."""
    note: str = ""


def careerlog_argv() -> list[str]:
    script = Path(sys.executable).parent / "careerlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "careerlog"]


def jrnl_argv() -> list[str] | None:
    found = REPO / ".venv-jrnl" / "bin" / "jrnl"
    return [str(found)] if found.exists() else None


def _faster(name: str, size: int, ours: Timing, theirs: Timing, need: float, note: str) -> Row:
    ratio = theirs.median / ours.median
    applies = size == TARGET_SIZE and need > 0
    status = ("met" if ratio >= need else "missed") if applies else ""
    target = f">= {need:g}x faster at {TARGET_SIZE // 1000}k" if need > 0 else "none (context)"
    return Row(
        "careerlog vs jrnl",
        name,
        size,
        ours.median,
        theirs.median,
        "jrnl",
        ratio,
        "x faster",
        target,
        status,
        note,
    )


SEARCHES = (("full-text", WORD), ("word-part", WORD_PART), ("two-character CJK", CJK_WORD))
"""The searches measured against jrnl (and ripgrep): a word, a part of one, and two
characters of Japanese."""


def search_cases() -> list[tuple[str, list[str], list[str], float, str]]:
    """(name, careerlog's arguments, jrnl's, the speed-up needed, note) of each search."""
    return [
        (
            f"{name} search ({query!r})",
            ["search", query, "--limit", "20"],
            ["-n", "20", "-contains", query],
            15,
            "newest 20 for both",
        )
        for name, query in SEARCHES
    ]


def searches_vs_jrnl(corpus: Corpus, work: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """Only the search rows of :func:`versus_jrnl` (``--only search``)."""
    jrnl = jrnl_argv()
    if jrnl is None:
        return [_missing("careerlog vs jrnl", "searches", corpus.size, "", "no .venv-jrnl")]
    store = corpus.fresh_store(work, env)
    config, _ = corpus.fresh_jrnl(work)
    ours = [*careerlog_argv(), "--db", str(store)]
    theirs = [*jrnl, "--config-file", str(config)]
    return [
        _side_by_side(
            name,
            corpus.size,
            need,
            note,
            runs,
            Command([*ours, *mine], env),
            Command([*theirs, *other], env),
        )
        for name, mine, other, need, note in search_cases()
    ]


def versus_jrnl(corpus: Corpus, work: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """Show the last 10, tag filter, word search, yearly export and add, both tools."""
    jrnl = jrnl_argv()
    if jrnl is None:
        return []
    store = corpus.fresh_store(work, env)
    config, journal = corpus.fresh_jrnl(work)
    ours = [*careerlog_argv(), "--db", str(store)]
    theirs = [*jrnl, "--config-file", str(config)]
    year = export_year(corpus.size)
    cases: list[tuple[str, list[str], list[str], float, str]] = [
        ("show the last 10", ["search", "--limit", "10"], ["-n", "10"], 0, ""),
        (
            f"tag filter (@{TAG})",
            ["search", "--tag", TAG, "--limit", "20"],
            ["-n", "20", f"@{TAG}"],
            15,
            "newest 20 for both",
        ),
        *search_cases(),
    ]
    rows = []
    for name, mine, other, need, note in cases:
        rows.append(
            _side_by_side(
                name,
                corpus.size,
                need,
                note,
                runs,
                Command([*ours, *mine], env),
                Command([*theirs, *other], env),
            )
        )
    rows.append(
        _side_by_side(
            f"yearly export to JSON ({year})",
            corpus.size,
            15,
            "",
            runs,
            Command([*ours, "export", "--year", str(year), "--format", "json"], env),
            Command(
                [*theirs, "-from", f"{year}-01-01", "-to", f"{year}-12-31", "--export", "json"],
                env,
            ),
        )
    )
    if corpus.size > TARGET_SIZE:
        rows.append(
            _missing(
                "careerlog vs jrnl",
                "add one entry",
                corpus.size,
                ">= 100x faster at 50k",
                "not run above 50k: one jrnl add takes minutes here "
                "(it recounts every tag of the journal on each add)",
            )
        )
        return rows
    added = work / f"added-{corpus.size}.db"
    added_jrnl = work / f"added-{corpus.size}.txt"
    shutil.copyfile(store, added)
    shutil.copyfile(journal, added_jrnl)
    add_config = work / f"added-{corpus.size}.yaml"
    add_config.write_text(config.read_text().replace(str(journal), str(added_jrnl)))
    ours_add = Command(
        [*careerlog_argv(), "--db", str(added), "add", ADD_TEXT],
        env,
        copy_back(store, added, env),
        expect_output=False,
    )
    theirs_add = Command(
        [*jrnl, "--config-file", str(add_config), ADD_TEXT],
        env,
        copy_back(journal, added_jrnl),
        expect_output=False,
        budget=JRNL_ADD_BUDGET,
    )
    note = "journal restored before each run"
    rows.append(_side_by_side("add one entry", corpus.size, 100, note, runs, ours_add, theirs_add))
    return rows


def versus_rg(corpus: Corpus, work: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """For context: the same searches with ripgrep over the journal as plain text (what a
    person keeping a Markdown journal would run), as "x the time rg takes"."""
    group = "careerlog vs ripgrep"
    rg = shutil.which("rg")
    if rg is None:
        return [
            _missing(group, "searches", corpus.size, "aim <= 3x rg at 50k", "rg is not installed")
        ]
    store = corpus.fresh_store(work, env)
    rows = []
    for name, query in SEARCHES:
        ours = Command([*careerlog_argv(), "--db", str(store), "search", query], env)
        theirs = Command([rg, "-i", "-F", "-c", query, str(corpus.jrnl)], env)
        label = f"{name} search ({query!r})"
        try:
            a, b = compare(ours, theirs, runs)
        except CommandFailed as error:
            rows.append(
                replace(_missing(group, label, corpus.size, "", str(error)[:300]), status="failed")
            )
            continue
        rows.append(
            Row(
                group,
                label,
                corpus.size,
                a.median,
                b.median,
                "rg -i -c",
                a.median / b.median,
                "x rg",
                "aim <= 3x at 50k (context)",
                "",
                "careerlog prints the newest 20 with snippets; rg counts matching lines",
            )
        )
    return rows


def store_size(corpus: Corpus, work: Path) -> list[Row]:
    """The store with the substring index (migration 0009) against the same store with
    the word index it replaced: a copy migrated back one revision, both vacuumed."""
    from alembic import command

    from careerlog.store.db import open_store
    from careerlog.store.migrate import alembic_config
    from careerlog.store.revisions import KNOWN

    copy = work / f"size-{corpus.size}.db"
    shutil.copyfile(corpus.store, copy)

    def vacuumed() -> float:
        import sqlite3

        con = sqlite3.connect(copy)
        try:
            con.execute("VACUUM")
        finally:
            con.close()
        return copy.stat().st_size / 1e6

    after = vacuumed()
    store = open_store(str(copy), migrate=False)
    try:
        config = alembic_config(store)
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            # The revision before the one that made the substring index.
            made = next(r for r in KNOWN if r.endswith("_search_substrings"))
            command.downgrade(config, KNOWN[KNOWN.index(made) - 1])
    finally:
        store.close()
    before = vacuumed()
    ratio = after / before
    applies = corpus.size == TARGET_SIZE
    return [
        Row(
            "careerlog alone",
            "store size: substring index vs the word index before it",
            corpus.size,
            after,
            before,
            "word index",
            ratio,
            "MB x",
            "aim <= 2x at 50k",
            ("met" if ratio <= 2 else "missed") if applies else "",
        )
    ]


def _side_by_side(
    name: str, size: int, need: float, note: str, runs: int, ours: Command, theirs: Command
) -> Row:
    """One comparison row; a command that fails is reported in its row, not fatal."""
    try:
        a, b = compare(ours, theirs, runs)
    except CommandFailed as error:
        row = _missing("careerlog vs jrnl", name, size, "", str(error)[:300])
        return replace(row, status="failed")
    if len(b.seconds) < runs:
        budget = f"{(theirs.budget or 0) / 60:g}-minute budget"
        note += f"; jrnl: {len(b.seconds)} run(s) within its {budget}"
    return _faster(name, size, a, b, need, note)


def _missing(group: str, name: str, size: int | None, target: str, why: str) -> Row:
    return Row(group, name, size, None, None, "", None, "", target, "not available", why)


def _add(corpus: Corpus, work: Path, env: dict[str, str]) -> Command:
    """``careerlog add`` on a copy of the store, restored before every run."""
    target = work / f"add-alone-{corpus.size}.db"
    shutil.copyfile(corpus.store, target)
    return Command(
        [*careerlog_argv(), "--db", str(target), "add", ADD_TEXT],
        env,
        copy_back(corpus.store, target, env),
        expect_output=False,
    )


def add_alone(corpora: Sequence[Corpus], work: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """``add`` against importing SQLAlchemy, and at the largest size against the smallest,
    each pair run alternately so machine load falls on both."""
    group = "careerlog alone"
    rows = []
    baseline = Command([sys.executable, "-c", "import sqlalchemy"], env, expect_output=False)
    for corpus in corpora:
        ours, base = compare(_add(corpus, work, env), baseline, runs)
        ratio = ours.median / base.median
        applies = corpus.size >= TARGET_SIZE
        rows.append(
            Row(
                group,
                "add vs python -c 'import sqlalchemy'",
                corpus.size,
                ours.median,
                base.median,
                "import sqlalchemy",
                ratio,
                "x the baseline",
                "<= 1.2x at 50k+",
                ("met" if ratio <= 1.2 else "missed") if applies else "",
            )
        )
    small, large = corpora[0], corpora[-1]
    if small.size != large.size:
        big, little = compare(_add(large, work, env), _add(small, work, env), runs)
        ratio = big.median / little.median
        rows.append(
            Row(
                group,
                f"add at {_k(large.size)} vs at {_k(small.size)}",
                large.size,
                big.median,
                little.median,
                f"add at {_k(small.size)}",
                ratio,
                "x",
                "<= 1.1x (no slower; 10% for noise)",
                "met" if ratio <= 1.1 else "missed",
            )
        )
    return rows


def _k(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 else str(size)


def guarded(name: str, measure: Callable[[], list[Row]], group: str, target: str) -> list[Row]:
    """A measurement that depends on code still being written: failures become a row."""
    try:
        return measure()
    except (CommandFailed, ImportError, FileNotFoundError) as error:
        return [_missing(group, name, None, target, str(error).splitlines()[0][:160])]
