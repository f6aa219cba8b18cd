"""The first bytes of a store file (is it SQLite, encrypted, something else?), read
without ever closing a descriptor of that file while the process runs.

POSIX advisory locks belong to a process and a file, and closing *any* descriptor of
the file drops every lock the process holds on it, the ones SQLite's own connections
hold included. A careerlog that peeked at its store with ``open()``/``close()`` while
its engine had connections open lost its shared lock on the file: another careerlog
closing its last connection then took the store for unused, checkpointed and removed
the WAL under the first one, and the store was damaged (seen with the TUI and twenty
CLI writers). SQLite avoids this for its own descriptors; this module does it for
careerlog's: one read-only descriptor per file, opened on the first look and kept, so
every later look is a ``pread`` on it. While it is held the kernel cannot reuse the
file's inode, so a look can never be answered from another file's bytes.

Every read of a store's header goes through :func:`head`. Standard library only.
"""

from __future__ import annotations

import os
from pathlib import Path

_held: dict[tuple[int, int], int] = {}
"""(device, inode) → the descriptor kept open on that file."""
_SWEEP_AT = 64
"""Descriptors of files that no longer exist are closed once this many are held."""


def head(path: Path, length: int = 16) -> tuple[bytes, int]:
    """The first ``length`` bytes of the file at ``path`` and its size. Raises
    ``OSError`` when it cannot be read (missing, a folder, no permission)."""
    info = os.stat(path)
    fd = _held.get((info.st_dev, info.st_ino))
    if fd is None:
        fd = _open(path)
    return os.pread(fd, length, 0), os.fstat(fd).st_size


def held() -> frozenset[int]:
    """The descriptors kept open here on purpose (a leak check must not count them)."""
    return frozenset(_held.values())


def _open(path: Path) -> int:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    opened = os.fstat(fd)
    ident = (opened.st_dev, opened.st_ino)
    if ident in _held:  # another thread got there first
        # Closing this new descriptor would drop the process's locks on the file just
        # the same: keep it unused instead (one spare descriptor per such race).
        return _held[ident]
    if len(_held) >= _SWEEP_AT:
        _sweep()
    _held[ident] = fd
    return fd


def _sweep() -> None:
    """Close the descriptors of files that were deleted (or replaced and so deleted):
    no one can open such a file by its name any more, so no lock on it matters."""
    for ident, fd in list(_held.items()):
        try:
            gone = os.fstat(fd).st_nlink == 0
        except OSError:
            gone = True
        if gone:
            del _held[ident]
            try:
                os.close(fd)
            except OSError:
                pass
