"""Encryption at rest: encrypting, decrypting and re-keying a store with its backups,
and unlocking it for a while. Passphrases come in as text; asking for them is the
caller's business (the CLI's prompt or file, the TUI's modal).

A store's backups carry the store's own salt and key (the SQLite backup API copies
pages through the same cipher), so encrypting a store encrypts the plain backups it
already has, and a new passphrase re-keys the backups the old one opened: no backup
is left readable without the current passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from careerlog import paths
from careerlog.domain.errors import CareerlogError, StoreError
from careerlog.store.files import cipher, conversion
from careerlog.store.files.sqlite_file import is_url, refuse_read_only, resolve_location

SERVER_STORE = (
    "encryption at rest is the database server's job for a server store (PostgreSQL: "
    "encrypt its disk or tablespace); careerlog encrypts SQLite files only"
)


class Converted(NamedTuple):
    store: Path
    backups: list[Path]
    """Backups converted along with the store."""
    skipped: list[Path]
    """Backups of the store that could not be converted (another key, a damaged file)."""


def store_path(db: str | None) -> Path:
    """The SQLite file ``db`` names; a server URL is refused with why."""
    location = resolve_location(db)
    if is_url(location):
        raise CareerlogError(SERVER_STORE)
    return Path(location).expanduser()


def store_to_change(db: str | None) -> Path:
    """The SQLite file ``db`` names, refused in one line when it cannot be written."""
    path = store_path(db)
    refuse_read_only(path)
    return path


def salt_of(path: Path) -> bytes:
    """The salt of an encrypted store; refuses a plain or missing one."""
    if not path.exists():
        raise CareerlogError(f"there is no store at {path}; nothing was changed")
    salt = cipher.file_salt(path)
    if salt is None:
        raise CareerlogError(
            f"the store at {path} is not encrypted; 'careerlog encrypt' encrypts it"
        )
    return salt


def key_from(path: Path, passphrase: str) -> cipher.Key:
    """The key ``passphrase`` gives for the encrypted ``path``, checked against it."""
    from careerlog.store import sqlite

    key = cipher.derive(passphrase, salt_of(path))
    try:
        sqlite.connect(path, "peek", key=key).close()
    except cipher.KeyRejected:
        raise CareerlogError(
            f"wrong passphrase for {path}; nothing was changed and it stays locked"
        ) from None
    except sqlite.Error as error:
        raise StoreError(f"cannot open the store at {path}: {error}") from None
    return key


def unlock(path: Path, passphrase: str, lifetime: float = cipher.DEFAULT_LIFETIME) -> float:
    """Keep the store's key for ``lifetime`` seconds; returns when it expires."""
    key = key_from(path, passphrase)
    cipher.remember(key, lifetime)
    expires = cipher.expires_at(key.salt)
    assert expires is not None
    return expires


def lock(path: Path) -> bool:
    """Forget the store's key; whether one was kept."""
    return cipher.forget(salt_of(path))


def is_encrypted(db: str | None) -> bool:
    """Whether ``db`` is an encrypted SQLite store."""
    location = resolve_location(db)
    return not is_url(location) and cipher.is_encrypted(Path(location).expanduser())


def is_locked(db: str | None) -> bool:
    """Whether ``db`` is an encrypted SQLite store this session holds no key for."""
    location = resolve_location(db)
    if is_url(location):
        return False
    salt = cipher.file_salt(Path(location).expanduser())
    return salt is not None and cipher.recall(salt) is None


def _store_backups(path: Path) -> list[Path]:
    # Legacy ones too: a plain copy left beside an encrypted store is worse than
    # encrypting a same-named store's copy from before backups carried an identity.
    from careerlog.services.exchange.backup import backups_of

    return sorted(p for p in backups_of(path, legacy=True) if p.suffix == ".db")


def _convert_backups(
    path: Path, wanted: Callable[[Path], cipher.Key | bool | None], new: cipher.Key | None
) -> tuple[list[Path], list[Path]]:
    """Convert each backup of the store for which ``wanted`` gives its key (``None``:
    plain); ``False`` leaves it as it is, ``True`` means it cannot be converted."""
    from careerlog.store import sqlite

    done: list[Path] = []
    skipped: list[Path] = []
    for backup in _store_backups(path):
        old = wanted(backup)
        if old is False:
            continue
        if old is True:
            skipped.append(backup)
            continue
        try:
            conversion.convert(backup, old, new)
        except CareerlogError:
            skipped.append(backup)
            continue
        except sqlite.Error:  # a tuple of both drivers' classes: it cannot nest in another
            skipped.append(backup)
            continue
        done.append(backup)
    return done, skipped


def encrypt(db: str | None, passphrase: str) -> Converted:
    """Encrypt the store (created first if need be) and its plain backups, after an
    encrypted backup of it; the store is unlocked for the default lifetime."""
    path = store_to_change(db)
    if path.exists() and cipher.is_encrypted(path):
        raise CareerlogError(
            f"the store at {path} is already encrypted; 'careerlog passwd' changes its passphrase"
        )
    from careerlog.store.db import open_store  # SQLAlchemy, migrations: create or migrate

    open_store(db).close()
    key = cipher.new_key(passphrase)
    _backup_before(path, None, key, "encrypt")
    conversion.convert(path, None, key)
    cipher.remember(key)

    def plain(backup: Path) -> cipher.Key | bool | None:
        return None if cipher.file_salt(backup) is None else False

    done, skipped = _convert_backups(path, plain, key)
    _seal_words_on_disk(str(path))
    return Converted(path, done, skipped)


def _seal_words_on_disk(db: str) -> None:
    """Seal the plain drafts and undo copies of deleted entries with the new key: the
    drafts folder is shared by the person's journals, and none of it stays readable."""
    from careerlog.services import sealed

    for folder in (paths.drafts_dir(), paths.data_dir() / "deleted"):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                sealed.reseal(path, db)


def decrypt(db: str | None, passphrase: str) -> Converted:
    """Write the store back as a plain SQLite file (its backups stay encrypted)."""
    path = store_to_change(db)
    key = key_from(path, passphrase)
    _backup_before(path, key, key, "decrypt")
    conversion.convert(path, key, None)
    cipher.forget(key.salt)
    return Converted(path, [], [])


def change_passphrase(db: str | None, old_passphrase: str, new_passphrase: str) -> Converted:
    """Re-key the store and the backups the old passphrase opens, with a new salt."""
    path = store_to_change(db)
    old = key_from(path, old_passphrase)
    new = cipher.new_key(new_passphrase)
    _backup_before(path, old, old, "passwd")  # re-keyed below with the other backups
    conversion.convert(path, old, new)
    cipher.forget(old.salt)
    cipher.remember(new)

    def same_key(backup: Path) -> cipher.Key | bool | None:
        salt = cipher.file_salt(backup)
        if salt is None:
            return False
        return old if salt == old.salt else True

    done, skipped = _convert_backups(path, same_key, new)
    return Converted(path, done, skipped)


def _backup_before(path: Path, old: cipher.Key | None, new: cipher.Key, reason: str) -> Path:
    """A copy of the store in the backups folder, encrypted with ``new``, before the
    store itself is converted (so it never leaves a plain copy behind)."""
    from careerlog.atomic import place
    from careerlog.services.exchange.backup import before_name

    target = before_name(path, reason)
    place(target, lambda tmp: conversion.export(path, old, tmp, new), replace=False)
    return target
