"""careerlog on an unlocked encrypted store against the same store in plain SQLite:
add, word search and the yearly export, each pair run alternately so machine load
falls on both; and what ``careerlog unlock`` costs (deriving the key, once a session).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from benchmarks.corpus import WORD, Corpus, export_year
from benchmarks.suites import ADD_TEXT, TARGET_SIZE, Row, careerlog_argv
from benchmarks.timing import Command, alone, check, compare, copy_back

GROUP = "encrypted store"
PASSPHRASE = "a benchmark passphrase, long enough to be a real one"


def _paired(name: str, size: int, need: float, runs: int, enc: Command, plain: Command) -> Row:
    ours, base = compare(enc, plain, runs)
    ratio = ours.median / base.median
    applies = size == TARGET_SIZE
    return Row(
        GROUP,
        name,
        size,
        ours.median,
        base.median,
        "plain store",
        ratio,
        "x the plain store",
        f"<= {need:g}x at {TARGET_SIZE // 1000}k",
        ("met" if ratio <= need else "missed") if applies else "",
    )


def encrypted_rows(corpus: Corpus, work: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """The encrypted-store rows for one journal size."""
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**env, "XDG_RUNTIME_DIR": str(runtime), "CAREERLOG_PASSPHRASE_FILE": ""}
    passfile = work / "passphrase.txt"
    passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
    os.chmod(passfile, 0o600)
    size = corpus.size
    plain = corpus.fresh_store(work, env)
    encrypted = work / f"encrypted-{size}.db"
    shutil.copyfile(plain, encrypted)
    cl = careerlog_argv()

    def on(db: Path, *args: str) -> Command:
        return Command([*cl, "--db", str(db), *args], env)

    check(on(encrypted, "encrypt", "--passphrase-file", str(passfile)))
    # Timed alone (nothing to pair it with); it leaves the store unlocked for the rows below.
    unlocked = alone(on(encrypted, "unlock", "--passphrase-file", str(passfile)), runs)

    year = export_year(size)
    rows = [
        _paired(
            f"full-text search ({WORD!r})",
            size,
            1.5,
            runs,
            on(encrypted, "search", WORD, "--limit", "20"),
            on(plain, "search", WORD, "--limit", "20"),
        ),
        _paired(
            f"yearly export to JSON ({year})",
            size,
            1.5,
            runs,
            on(encrypted, "export", "--year", str(year), "--format", "json"),
            on(plain, "export", "--year", str(year), "--format", "json"),
        ),
    ]
    adds = []
    for name, source in (("encrypted", encrypted), ("plain", plain)):
        target = work / f"add-{name}-{size}.db"
        shutil.copyfile(source, target)
        adds.append(
            Command(
                [*cl, "--db", str(target), "add", ADD_TEXT],
                env,
                copy_back(source, target, env),
                expect_output=False,
            )
        )
    rows.append(_paired("add one entry", size, 1.3, runs, adds[0], adds[1]))
    rows.append(
        Row(
            GROUP,
            "careerlog unlock (derives the key once a session)",
            size,
            unlocked.median,
            None,
            "",
            None,
            "s",
            "none (context)",
            "",
            "PBKDF2-SHA512, 256,000 rounds; every other command opens with the raw key",
        )
    )
    return rows
