"""The doctor: check a store and say in plain sentences what was found and what to
do about each problem (a damaged file is described, never raised).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from careerlog import paths
from careerlog.services.exchange.backup import backups_of
from careerlog.services.exchange.restoring import integrity_problems
from careerlog.store import sqlite
from careerlog.store.files import cipher, filehead
from careerlog.store.files.sqlite_file import SQLITE_MAGIC
from careerlog.store.revisions import HEAD, KNOWN
from careerlog.store.search import sqlite as index


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    text: str
    """A sentence or two: what was found, what it means and what to do."""


def _mode_findings(store_path: Path) -> list[Finding]:
    findings: list[Finding] = []
    folder = store_path.parent
    mode = folder.stat().st_mode & 0o777
    if mode & 0o077:
        findings.append(
            Finding(
                False,
                f"The folder {folder} can be opened by other users (mode {mode:o}); "
                f"run 'chmod 700 {folder}' so only you can read your journal.",
            )
        )
    candidates = [Path(f"{store_path}{s}") for s in ("", "-wal", "-shm")]
    candidates += backups_of(store_path)
    loose = [p for p in candidates if p.exists() and p.stat().st_mode & 0o077]
    if loose:
        names = ", ".join(str(p) for p in loose[:3]) + (" and more" if len(loose) > 3 else "")
        findings.append(
            Finding(
                False,
                f"{len(loose)} file(s) can be read by other users ({names}); "
                "run 'chmod 600' on them so only you can read them.",
            )
        )
    if not findings:
        findings.append(Finding(True, "Only you can read the store and its backups."))
    return findings


def _newest_backup_hint(store_path: Path) -> str:
    """What to run to get the store back: the newest backup of *this* store (found by
    the identity inside it, never by its file name), as the exact command."""
    backups = backups_of(store_path)
    if backups:
        db, newest = shlex.quote(str(store_path)), shlex.quote(str(backups[0]))
        return f"Restore its newest backup with 'careerlog --db {db} restore {newest}'."
    folder = paths.backups_dir()
    return (
        f"There is no backup of this store in {folder}; copy the file somewhere safe first, "
        "then save what can still be read with 'careerlog export --format json -o FILE'."
    )


def _check_sqlite(con: sqlite.Connection, store_path: Path) -> list[Finding]:
    findings: list[Finding] = []
    names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in names:
        return [
            Finding(
                False,
                f"{store_path} is an SQLite database but not a careerlog store; "
                "point --db at your careerlog.db.",
            )
        ]
    problems = integrity_problems(con)
    if problems == ["ok"]:
        findings.append(Finding(True, "The database file passes SQLite's integrity check."))
    else:
        findings.append(
            Finding(
                False,
                f"The database file is damaged: SQLite's integrity check found {len(problems)} "
                f"problem(s), the first being '{problems[0]}'. Some records may be unreadable. "
                + _newest_backup_hint(store_path),
            )
        )
        return findings
    orphans = con.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        table, rowid, parent = orphans[0][0], orphans[0][1], orphans[0][2]
        findings.append(
            Finding(
                False,
                f"{len(orphans)} record(s) point at records that no longer exist (for example "
                f"{table} row {rowid} refers to a missing {parent}). Nothing is lost yet; keep "
                "a copy with 'careerlog export --format json -o FILE' and report it.",
            )
        )
    else:
        findings.append(Finding(True, "Every link between records points at a record that exists."))
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else None
    if revision == HEAD:
        findings.append(Finding(True, f"The schema is current ({HEAD})."))
    elif revision in KNOWN:
        findings.append(
            Finding(
                True,
                f"The schema is older ({revision}); careerlog upgrades it, after a backup, "
                "the next time it opens the store.",
            )
        )
    else:
        findings.append(
            Finding(
                False,
                f"The schema ({revision!r}) comes from a newer careerlog; upgrade careerlog "
                "before using this store.",
            )
        )
    if index.TABLE in names and sqlite.read_only(store_path):
        findings.append(
            Finding(
                True,
                "The store is read-only here: careerlog can search, export and count it but "
                "not write to it, and its search index was not checked (that check writes).",
            )
        )
    elif index.TABLE in names:
        try:
            findings.append(_search_findings(store_path))
        except sqlite.DatabaseError as error:
            findings.append(
                Finding(
                    False,
                    f"The search index does not match the journal ({error}); search may miss "
                    "or show stale results. Your records are unaffected; "
                    + _newest_backup_hint(store_path),
                )
            )
    return findings


def _search_findings(store_path: Path) -> Finding:
    """The search contract's check of the index (FTS5's own structure check, then the
    index against the journal). The structure check is an INSERT, so it needs a write
    connection (of a file known to be a careerlog store); it changes nothing and
    nothing is committed."""
    con = sqlite.connect(store_path)
    try:
        con.execute(sqlite.BEGIN_READ)
        missing, stale = index.check(
            lambda sql, params=None: con.execute(sql, params or {}).fetchall()
        )
        return _search_coverage(missing, stale)
    finally:
        if con.in_transaction:
            con.execute("ROLLBACK")
        con.close()


def _search_coverage(missing: int, stale: int) -> Finding:
    """What :func:`careerlog.store.search.sqlite.check`'s counts mean to the person:
    records search cannot find, and results that point at nothing."""
    if not missing and not stale:
        return Finding(True, "The search index matches the journal.")
    return Finding(
        False,
        f"The search index does not match the journal: {missing} record(s) cannot be found "
        f"by search and {stale} search result(s) point at nothing. Your records themselves "
        "are intact; to rebuild the index, export them with 'careerlog export --format "
        "json -o FILE' and import that file into a new store.",
    )


def doctor(location: str) -> list[Finding]:
    """Check a store and describe what was found in plain sentences (never raises for
    a damaged file: saying so is the point)."""
    if "://" in location:
        return [
            Finding(
                True,
                "This is a server database; its own tools check its integrity. "
                "careerlog's checks cover SQLite files.",
            )
        ]
    store_path = Path(location).expanduser()
    if not store_path.exists():
        return [
            Finding(
                True,
                f"There is no store at {store_path} yet; careerlog creates it the first "
                "time you write something.",
            )
        ]
    findings = _mode_findings(store_path)
    try:
        magic = filehead.head(store_path, len(SQLITE_MAGIC))[0]
    except OSError as error:
        return [*findings, Finding(False, f"{store_path} cannot be read: {error.strerror}.")]
    if not magic:
        return [
            *findings,
            Finding(
                False,
                f"{store_path} is empty (0 bytes), so it is not a careerlog store and "
                "careerlog will not open it. " + _newest_backup_hint(store_path),
            ),
        ]
    encrypted = cipher.is_encrypted(store_path)
    if encrypted:
        findings.append(_encryption_finding(store_path))
    elif magic != SQLITE_MAGIC and store_path.stat().st_size:
        return [
            *findings,
            Finding(
                False,
                f"{store_path} is not an SQLite database at all, so it is not a careerlog "
                "store, or its first bytes were overwritten. " + _newest_backup_hint(store_path),
            ),
        ]
    try:
        con = sqlite.connect(store_path, "read")
    except sqlite.Error as error:
        return [*findings, _unreadable(error, store_path)]
    try:
        con.execute(sqlite.BEGIN_READ)
        findings += _check_sqlite(con, store_path)
    except sqlite.DatabaseError as error:
        findings.append(_unreadable(error, store_path))
    finally:
        if con.in_transaction:
            con.execute("ROLLBACK")
        con.close()
    return findings


def _encryption_finding(store_path: Path) -> Finding:
    """An encrypted store: say so, and name any backup of it left in plain text."""
    backups = backups_of(store_path, legacy=True)
    plain = [p for p in backups if not cipher.is_encrypted(p)]
    if plain:
        names = ", ".join(str(p) for p in plain[:3]) + (" and more" if len(plain) > 3 else "")
        return Finding(
            False,
            f"The store is encrypted, but {len(plain)} backup(s) of it are plain SQLite "
            f"files anyone with the disk can read ({names}); delete them, or decrypt and "
            "encrypt the store again to encrypt them.",
        )
    return Finding(
        True,
        "The store is encrypted (SQLCipher), and so are its backups; exports of it are plain text.",
    )


def _unreadable(error: sqlite.Error, store_path: Path) -> Finding:
    return Finding(
        False,
        f"The database file is damaged: SQLite stopped reading it ({error}). "
        + _newest_backup_hint(store_path),
    )
