"""Small files of a person's own words kept outside the store (drafts, the undo copy of
a deleted entry): plain text beside a plain store, sealed beside an encrypted one.

A sealed file is a one-row SQLCipher database encrypted with the store's own key and
salt, so the store's passphrase (or this session's unlock) opens it and nothing typed
for an encrypted journal reaches the disk in plain text. Both kinds are written by the
atomic writer (0600) and told apart by their first bytes when read.
"""

from __future__ import annotations

from pathlib import Path

from careerlog.atomic import place, write_text
from careerlog.domain.errors import CareerlogError
from careerlog.store import sqlite
from careerlog.store.files import cipher
from careerlog.store.files.sqlite_file import is_url, resolve_location


def store_key(db: str | None) -> cipher.Key | None:
    """The key of the store ``db`` names when it is encrypted (raises
    :class:`~careerlog.store.files.cipher.Locked` if it is locked); ``None`` otherwise."""
    location = resolve_location(db)
    if is_url(location):
        return None
    return cipher.key_for(Path(location).expanduser())


def write(target: Path, text: str, db: str | None) -> Path:
    """Write ``text`` to ``target``, sealed when the store ``db`` is encrypted."""
    key = store_key(db)
    if key is None:
        return write_plain(target, text)

    def fill(tmp: Path) -> None:
        con = sqlite.connect(tmp, "write", key=key)
        try:
            con.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
            con.execute("CREATE TABLE sealed (text TEXT NOT NULL)")
            con.execute("INSERT INTO sealed (text) VALUES (?)", (text,))
        finally:
            con.close()

    return place(target, fill)


def write_plain(target: Path, text: str) -> Path:
    """Write ``text`` as it is (a draft of a throwaway journal)."""
    return write_text(target, text, errors="surrogatepass")


def is_sealed(path: Path) -> bool:
    return cipher.is_encrypted(path)


def read(path: Path) -> str:
    """The text of a file :func:`write` wrote (raises ``OSError`` as reading a file
    does, and a one-line error when a sealed one cannot be opened now)."""
    if not is_sealed(path):
        return path.read_text(encoding="utf-8", errors="replace")
    try:
        con = sqlite.connect(path, "peek")
    except sqlite.Error as error:
        raise CareerlogError(f"cannot open the sealed file {path}: {error}") from None
    try:
        row = con.execute("SELECT text FROM sealed").fetchone()
    except sqlite.Error as error:
        raise CareerlogError(f"cannot read the sealed file {path}: {error}") from None
    finally:
        con.close()
    return str(row[0]) if row else ""


def reseal(path: Path, db: str | None) -> None:
    """Write a plain file again, sealed for the store ``db`` (when ``encrypt`` runs)."""
    if path.is_file() and not is_sealed(path):
        write(path, path.read_text(encoding="utf-8", errors="surrogateescape"), db)
