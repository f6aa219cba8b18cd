"""The journals both tools are measured on: one generated careerlog store per size,
cached, and the same entries written out in jrnl's plain-text format.

Generating 100,000 entries takes tens of seconds, so stores are cached under
``benchmarks/.cache/``, keyed by the generator's source and the schema revision:
changing either regenerates them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerlog.store.db import Store

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent


def cache_dir() -> Path:
    """``benchmarks/.cache``, or ``$BENCH_CACHE`` (the smoke test keeps its own)."""
    return Path(os.environ.get("BENCH_CACHE") or ROOT / ".cache")


END = date(2026, 6, 30)
"""A fixed end date: the same journal whatever day the benchmark runs."""
SEED = 7
TAG = "mentoring"
WORD = "kubernetes"
WORD_PART = "kube"
"""A product's short name: part of the word the entries spell out in full."""
CJK_WORD = "会議"
"""Two characters of Japanese ("meeting"), written without spaces around it."""
TIME_FORMAT = "%Y-%m-%d %H:%M"
MIXED_EVERY = 25
"""One entry in this many gets a line of Japanese or Chinese (see :func:`_mix_languages`)."""
MIXED_LINES = (
    "今日は会議が三つあって、最後の会議で来期の目標を決めた。",
    "新しいプロジェクトの評価を書いた。チームの反応は良かった。",
    "上司と一対一で話した。次の会議までに提案をまとめる。",
    "今天的会议讨论了项目进度\uff0c下周再复盘。",  # a fullwidth comma, as Chinese writes it
    "和团队一起整理了明年的工作目标。",
)


def years_for(size: int) -> float:
    """About 5,000 entries a year (ten years of heavy use: 50,000, where the targets are set)."""
    return max(1.5, size / 5000)


def export_year(size: int) -> int:
    """The last full calendar year in the journal."""
    return END.year - 1


def _generator_key() -> str:
    from careerlog.store.revisions import HEAD

    digest = hashlib.sha256(HEAD.encode())
    digest.update(f"{MIXED_EVERY}{MIXED_LINES}".encode())
    for source in sorted((REPO / "src" / "careerlog" / "sample").glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class Corpus:
    size: int
    store: Path
    """A checkpointed careerlog store (no -wal side file): copy it, never write to it."""
    jrnl: Path
    jrnl_config: Path

    def fresh_store(self, into: Path, env: dict[str, str]) -> Path:
        """A private copy to write to, so the cached store never grows."""
        from benchmarks.timing import mark_as_left

        target = into / f"careerlog-{self.size}.db"
        shutil.copyfile(self.store, target)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        mark_as_left(target, env)
        return target

    def fresh_jrnl(self, into: Path) -> tuple[Path, Path]:
        """A copy of the jrnl file and a config pointing at it: ``(config, journal)``."""
        journal = into / f"jrnl-{self.size}.txt"
        shutil.copyfile(self.jrnl, journal)
        config = into / f"jrnl-{self.size}.yaml"
        config.write_text(jrnl_config_text(journal), encoding="utf-8")
        return config, journal


def jrnl_config_text(journal: Path) -> str:
    """jrnl's YAML config: plain text, no colours, no wrapping, never an editor."""
    return (
        'version: "4.6"\n'
        f"journals:\n  default:\n    journal: {journal}\n    encrypt: false\n"
        "encrypt: false\neditor: ''\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
        f"timeformat: '{TIME_FORMAT}'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: false\n"
        "indent_character: '|'\n"
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
    )


def corpus(size: int, log: bool = True) -> Corpus:
    """The cached store and jrnl file for ``size`` entries, generating them if needed."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    stem = cache / f"journal-{size}-s{SEED}-{_generator_key()}"
    store, jrnl = stem.with_suffix(".db"), stem.with_suffix(".jrnl.txt")
    if not store.exists():
        for stale in cache.glob(f"journal-{size}-s{SEED}-*"):
            stale.unlink()  # made by an older generator or schema
        _generate(size, store, log)
    if not jrnl.exists():
        _write_jrnl(store, jrnl)
    config = stem.with_suffix(".jrnl.yaml")
    config.write_text(jrnl_config_text(jrnl), encoding="utf-8")
    return Corpus(size, store, jrnl, config)


def _generate(size: int, target: Path, log: bool) -> None:
    from careerlog.sample import generate_journal
    from careerlog.store.db import open_store

    partial = target.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)

    def progress(done: int, total: int) -> None:
        if log:
            print(f"\r  generating {size:,} entries: {done:,}/{total:,}", end="", file=sys.stderr)

    store = open_store(str(partial))
    try:
        generate_journal(
            store, entries=size, years=years_for(size), seed=SEED, end=END, progress=progress
        )
        _mix_languages(store)
    finally:
        store.close()
    with sqlite3.connect(partial) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
    if log:
        print(file=sys.stderr)
    partial.rename(target)


def _mix_languages(store: Store) -> None:
    """Give one entry in :data:`MIXED_EVERY` a line of Japanese or Chinese, as a person
    working across offices writes: the sample generator writes English only, and search
    must be measured on text written without spaces too. The text and its word count
    change together; the search triggers re-index the entry."""
    from sqlalchemy import select, update

    from careerlog.domain.text import count_words
    from careerlog.store import tables as t

    entry = t.entry
    with store.write() as conn:
        rows = conn.execute(
            select(entry.c.id, entry.c.text).where(entry.c.id % MIXED_EVERY == 0)
        ).all()
        for number, (entry_id, text) in enumerate(rows):
            mixed = f"{text}\n{MIXED_LINES[number % len(MIXED_LINES)]}"
            conn.execute(
                update(entry)
                .where(entry.c.id == entry_id)
                .values(text=mixed, words=count_words(mixed))
            )


def _write_jrnl(store: Path, target: Path) -> None:
    """Entries as jrnl writes them: ``[date] first line[ *]``, the rest, a blank line.

    jrnl marks a starred entry with `` *`` at the end of its first line; it splits
    the title from the body itself when it reads the file.
    """
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT written_at, text, starred FROM entry ORDER BY written_at, id")
        with target.with_suffix(".partial").open("w", encoding="utf-8") as out:
            for written_at, text, starred in rows:
                first, _, rest = text.strip().partition("\n")
                stamp = written_at[:16]  # 'YYYY-MM-DD HH:MM' of SQLAlchemy's ISO text
                out.write(f"[{stamp}] {first.strip()}{' *' if starred else ''}\n")
                if rest.strip():
                    out.write(rest.strip("\n") + "\n")
                out.write("\n")
    finally:
        con.close()
    target.with_suffix(".partial").rename(target)
