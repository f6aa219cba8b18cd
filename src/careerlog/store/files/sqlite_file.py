"""What careerlog knows about a store *file* before SQLAlchemy is involved: where it
is, which schema revision it carries, and how to word SQLite's errors. Standard
library only, so the ``careerlog add`` fast path can use it."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.store import sqlite
from careerlog.store.files import cipher, filehead

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


def resolve_location(db: str | None) -> str:
    """``--db`` wins, then ``CAREERLOG_DB``, then the default file in the data folder."""
    chosen = db or os.environ.get("CAREERLOG_DB") or ""
    return chosen or str(paths.default_db_path())


def is_url(location: str) -> bool:
    return "://" in location


def shown_location(location: str) -> str:
    """``location`` as careerlog prints it: a server URL with its password, in the
    user part or as a ``password=`` parameter, replaced by ``***``; a path as it is."""
    if not is_url(location):
        return location
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit  # URLs only

    try:
        parts = urlsplit(location)
        host = parts.netloc
        if "@" in host:
            user, _, place = host.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            host = f"{user}@{place}"
        query = [
            (key, "***" if key.lower() in ("password", "passwd", "pwd") else value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
        ]
        return urlunsplit(parts._replace(netloc=host, query=urlencode(query, safe="*")))
    except ValueError:  # not a URL urllib can split: say only which kind of store it is
        return location.split("://", 1)[0] + "://…"


def refuse_empty(path: Path) -> None:
    """Raise :class:`StoreError` for a store file of 0 bytes. careerlog never leaves
    one, not even for a moment (a new store is made beside its name and linked into
    place whole), so it is not a careerlog store, and SQLite would silently make a new
    journal of it."""
    raise StoreError(
        f"{path} is empty (0 bytes), so it is not a careerlog store; nothing was written. "
        "Remove it to start a new journal there, or give another --db"
    )


def damaged_message(where: object) -> str:
    return (
        f"the store at {where} is damaged; nothing was written. Run 'careerlog doctor', "
        "then 'careerlog restore FILE' with a backup"
    )


def read_only_message(where: object) -> str:
    return (
        f"the store is read-only ({where}): careerlog may read it but not write it; "
        "nothing was written"
    )


def refuse_read_only(path: Path) -> None:
    """Refuse, in one line and before anything is written, a change made to the store
    file at ``path`` directly (restore, encrypt) when this process may not write it."""
    if path.exists() and sqlite.read_only(path):
        raise StoreError(read_only_message(path))


def describe_error(text: str, where: object) -> str:
    """One line a person can act on, for a database error message."""
    text = " ".join(text.split())
    if "locked" in text or "busy" in text:
        return f"the store at {where} stayed locked by another careerlog; try again"
    if "full" in text:
        return f"the disk holding {where} is full; nothing was written"
    if "malformed" in text or "not a database" in text:
        return damaged_message(where)
    if "readonly" in text:
        return read_only_message(where)
    if "unable to open" in text or "disk I/O" in text:
        return f"cannot write the store at {where}: {text}"
    return f"store error at {where}: {text}"


def sqlite_revision(path: Path) -> str | None:
    """The stamped schema revision, read without writing a byte; ``None`` when empty.

    Raises :class:`StoreError` for a file that is not a careerlog store.
    """
    if not looks_like_sqlite(path):
        raise StoreError(
            f"{path} is not a careerlog store (it is not an SQLite database at all); "
            "choose another file with --db"
        )
    try:
        con = sqlite.connect(path, "peek")  # a refused store must be left exactly as it was
    except sqlite.Error as error:
        raise StoreError(f"cannot open the store at {path}: {error}") from None
    try:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if not names:
            return None
        if "alembic_version" not in names:
            raise StoreError(
                f"{path} is an SQLite database but not a careerlog store; "
                "choose another file with --db"
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite.DatabaseError as error:
        if isinstance(error, sqlite.OperationalError) and "locked" in str(error):
            raise StoreError(f"the store at {path} stayed locked by another careerlog") from None
        raise StoreError(damaged_message(path)) from None
    finally:
        con.close()


def looks_like_sqlite(path: Path) -> bool:
    """Whether the file starts as every SQLite database does (an empty file counts: SQLite
    makes a database of it), or is an encrypted one. A text file, a JSON export or a
    picture given as ``--db`` is then "not a careerlog store", not "damaged"."""
    try:
        head = filehead.head(path, len(SQLITE_MAGIC))[0]  # never open()/close(): filehead
    except OSError:
        return True  # cannot look: opening it will say why
    return not head or head == SQLITE_MAGIC or cipher.is_encrypted(path)


def readable_file(location: str) -> Path | None:
    """The store's path when it is an up-to-date SQLite file that a read-only command
    (search, export) can read with the standard library alone, skipping SQLAlchemy
    (~0.3 s); ``None`` when the full path is needed (a URL, a new or older store)."""
    from careerlog.store.revisions import HEAD

    if is_url(location):
        return None
    path = Path(location).expanduser()
    if not path.is_file() or not path.stat().st_size:
        return None
    return path if sqlite_revision(path) == HEAD else None


def is_damaged(path: Path) -> bool:
    """Whether the store's structure is broken, checked before careerlog writes to it.

    SQLite notices damage only on the pages a write touches, so a file that changed
    since careerlog last left it (a copy, a restore, a sync tool, a crash) gets a full
    structure check (``PRAGMA quick_check``, ~170 ms at 50k entries); an unchanged one
    costs a stat and a small read. Reading a damaged store stays possible, so what is
    still readable can be exported.
    """
    if _fingerprint(path) == _checked_fingerprint(path):
        return False
    try:
        con = sqlite.connect(path, "peek")
    except sqlite.Error:
        return False  # cannot look: the write itself will report why
    try:
        return [row[0] for row in con.execute("PRAGMA quick_check")] != ["ok"]
    except sqlite.OperationalError as error:
        return "malformed" in str(error) or "not a database" in str(error)
    except sqlite.DatabaseError:
        return True
    finally:
        con.close()


def _fingerprint(path: Path) -> str:
    info = path.stat()
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def path_key(path: Path) -> str:
    """16 hex characters that name the file at ``path`` in careerlog's caches beside the
    data folder. A name, not a secret: two zlib checksums of the resolved path, without
    loading OpenSSL for hashlib (~4 ms of every command). A clash between two stores
    costs a cache miss, never a wrong answer (each cache checks what it keeps)."""
    name = str(path.resolve()).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"


def _checked_stamp(path: Path) -> Path:
    # A clash between two stores would only compare fingerprints that cannot match
    # (device and inode differ).
    return paths.data_dir() / "checked" / path_key(path)


def _checked_fingerprint(path: Path) -> str | None:
    try:
        return _checked_stamp(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None


def note_checked(path: Path) -> None:
    """Remember the file as careerlog left it, after a write to a sound store, so
    :func:`is_damaged` can skip the structure check while nothing else touches it.

    A cache, not a record: written in place, without the atomic writer's two fsyncs
    (~4 ms of every add). Half a line, a stale line or a mix of two careerlogs' lines
    never equals the file's fingerprint unless one of them wrote exactly that, so the
    worst a crash does is one structure check more."""
    try:
        stamp = _checked_stamp(path)
        paths.ensure_private_dir(stamp.parent)
        fd = os.open(stamp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, paths.PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(_fingerprint(path))
    except OSError:
        pass  # costs one structure check on the next open, nothing more
