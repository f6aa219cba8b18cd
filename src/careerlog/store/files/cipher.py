"""What careerlog knows about an encrypted (SQLCipher) store without opening it: how a
passphrase becomes a key, how an encrypted file is told from a plain one, and the
session keys ``careerlog unlock`` keeps so each command opens with the raw key.

Key derivation is SQLCipher 4's own (PBKDF2-HMAC-SHA512, 256,000 rounds, the file's
16-byte salt), done here once at ``unlock`` (~0.3 s) instead of at every open. Every
file careerlog encrypts for one store (the store, its backups, its drafts) carries the
same salt and key, so one unlocked session opens all of them, and the passphrase alone
opens any of them in the ``sqlcipher`` shell (``PRAGMA key = 'passphrase'``).

Session keys live in the private runtime folder (:func:`careerlog.paths.runtime_dir`,
a tmpfs gone at logout when the session has one), one 0600 file per salt holding the
key and when it expires. Standard library only: every command reads the header here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

from careerlog import paths
from careerlog.domain.errors import CareerlogError, StoreError
from careerlog.store.files import filehead

SALT_BYTES = 16
KEY_BYTES = 32
KDF_ROUNDS = 256_000
"""SQLCipher 4's default, so a passphrase derives the same key here and in SQLCipher."""
PAGE_MULTIPLE = 512
"""Every SQLite file is a whole number of pages, and a page is at least 512 bytes."""
PLAIN_MAGIC = b"SQLite format 3\x00"

DEFAULT_LIFETIME = 8 * 3600
"""How long an unlock lasts without ``--for``: a working day."""


class Key(NamedTuple):
    """A raw SQLCipher key and the salt of the files it opens; empty for "no cipher"."""

    raw: bytes
    salt: bytes

    def pragma(self) -> str:
        """The value of ``PRAGMA key`` (hex digits only, safe to place in SQL text)."""
        return f"x'{self.raw.hex()}{self.salt.hex()}'" if self.raw else ""


PLAIN = Key(b"", b"")
"""Open with SQLCipher's driver but without encryption (a plain file being converted)."""


class Locked(StoreError):
    """The store is encrypted and this session holds no key for it."""

    def __init__(self, path: Path, salt: bytes) -> None:
        super().__init__("the journal is locked: run careerlog unlock")
        self.path = path
        self.salt = salt


class KeyRejected(StoreError):
    """The key given does not open the file (a wrong passphrase, or another file)."""


def derive(passphrase: str, salt: bytes) -> Key:
    """SQLCipher 4's key for ``passphrase`` and a file's ``salt``."""
    import hashlib  # OpenSSL (~4 ms): only when a passphrase is given

    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    """The key of a store being encrypted now: a fresh random salt (never one that
    reads as text, which :func:`file_salt` would take for a plain file)."""
    salt = os.urandom(SALT_BYTES)
    while _is_text(salt) or salt == PLAIN_MAGIC:
        salt = os.urandom(SALT_BYTES)
    return derive(passphrase, salt)


def file_salt(path: Path) -> bytes | None:
    """The salt of an encrypted file; ``None`` for a plain SQLite file, an empty or
    missing one, or one that cannot be an SQLite file of any kind (its size is not a
    whole number of pages), which then fails as "not a careerlog store"."""
    try:
        head, size = filehead.head(path, SALT_BYTES)  # never open()/close(): see filehead
    except OSError:
        return None
    if len(head) < SALT_BYTES or head == PLAIN_MAGIC or size % PAGE_MULTIPLE or _is_text(head):
        return None
    return head


def _is_text(head: bytes) -> bool:
    """Whether the first bytes read as text (a journal, JSON, Markdown): 16 random bytes
    of a salt almost never do (about one in ten million as plain ASCII)."""
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the end still makes text.
        try:
            decoded = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(c.isprintable() or c in "\t\n\r" for c in decoded)


def is_encrypted(path: Path) -> bool:
    return file_salt(path) is not None


# --- session keys ---------------------------------------------------------------------

_held: dict[bytes, Key] = {}
"""Keys this process was given (a passphrase file in the environment), never written."""


def keys_dir() -> Path:
    """Where session keys are kept (one 0600 file per unlocked store)."""
    return paths.runtime_dir() / "keys"


def _key_file(salt: bytes) -> Path:
    return keys_dir() / f"{salt.hex()}.key"


def hold(key: Key) -> None:
    """Use ``key`` for the rest of this process only."""
    _held[key.salt] = key


def release() -> None:
    """Drop the keys :func:`hold` was given (the end of a command)."""
    _held.clear()


def remember(key: Key, lifetime: float = DEFAULT_LIFETIME) -> Path:
    """Keep ``key`` for ``lifetime`` seconds for every careerlog of this user; returns
    the 0600 file it is kept in."""
    from careerlog.atomic import write_text

    hold(key)
    paths.ensure_runtime_dir()
    folder = keys_dir()
    try:
        folder.mkdir(mode=paths.PRIVATE_DIR, exist_ok=True)
        os.chmod(folder, paths.PRIVATE_DIR)
    except OSError as error:
        raise CareerlogError(f"cannot create the folder {folder}: {error.strerror}") from None
    expires = int(time.time() + lifetime)
    return write_text(_key_file(key.salt), f"{key.raw.hex()} {expires}\n")


def recall(salt: bytes) -> Key | None:
    """The key kept for files of ``salt``, unless it has expired (then it is removed)."""
    if salt in _held:
        return _held[salt]
    path = _key_file(salt)
    try:
        raw_hex, expires = path.read_text(encoding="ascii").split()
        raw, until = bytes.fromhex(raw_hex), int(expires)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError):
        path.unlink(missing_ok=True)  # half written or tampered with: ask again
        return None
    if until <= time.time() or len(raw) != KEY_BYTES:
        path.unlink(missing_ok=True)
        return None
    return Key(raw, salt)


def expires_at(salt: bytes) -> float | None:
    """When the kept key of ``salt`` expires (``None`` if none is kept)."""
    if recall(salt) is None:
        return None
    try:
        return float(_key_file(salt).read_text(encoding="ascii").split()[1])
    except (OSError, IndexError, ValueError):
        return None


def forget(salt: bytes) -> bool:
    """Forget the key of ``salt``, in this process and on disk; whether one was kept."""
    held = _held.pop(salt, None) is not None
    path = _key_file(salt)
    kept = path.exists()
    path.unlink(missing_ok=True)
    return held or kept


def key_for(path: Path) -> Key | None:
    """The key that opens ``path``: ``None`` for a plain file; raises :class:`Locked`
    for an encrypted one this session holds no key for."""
    salt = file_salt(path)
    if salt is None:
        return None
    key = recall(salt)
    if key is None:
        raise Locked(path, salt)
    return key
