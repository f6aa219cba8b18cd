"""The one way careerlog writes a file: exports, backups, settings, drafts and its own
small records.

A temporary file (0600) is filled beside the target, flushed to disk, renamed over the
target (or linked in, when an existing file must not be replaced), and the folder is
flushed too, so after a crash the name holds the old file or the new one, whole. Only
a regular file or a new name is ever written: a device, FIFO, socket or folder given
as the target is refused with one line and left untouched (``export -o /dev/null`` run
as root used to turn /dev/null into a regular file).

Standard library only, and no :mod:`tempfile` (~5 ms at start-up): the settings and
drafts are written from light commands too.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import CareerlogError

_serial = itertools.count()

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


class NameTaken(CareerlogError):
    """The name a new file was to take is taken (by another writer, perhaps just now)."""


def check_target(target: Path, *, replace: bool = True) -> None:
    """Refuse, with one line, a target careerlog must not write: a folder, a special
    file, a missing folder, or (without ``replace``) a name already taken."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise CareerlogError(f"cannot write {target}: {error.strerror}") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise CareerlogError(f"{target} is a folder; give a file name")
        for test, kind in _KINDS:
            if test(mode):
                raise CareerlogError(
                    f"{target} is {kind}, not a regular file; careerlog writes only regular "
                    "files, and nothing was written"
                )
        if not replace:
            raise NameTaken(f"{target} already exists; choose another file name")
    if not target.parent.is_dir():
        raise CareerlogError(f"the folder {target.parent} does not exist; nothing was written")


def _temporary(target: Path) -> Path:
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def _flush(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def place(target: Path, fill: Callable[[Path], None], *, replace: bool = True) -> Path:
    """Make ``target`` (0600) from a temporary file that ``fill`` writes, then move it in.

    Without ``replace`` a name already taken is refused with :class:`NameTaken`,
    atomically (a hard link fails when the name is taken), so two backups in the same
    second never clobber each other, and a new store appears whole or not at all.
    An ``OSError`` becomes one line; whatever else ``fill`` raises passes through, and
    the temporary file is removed either way.
    """
    target = target.expanduser()
    check_target(target, replace=replace)
    try:
        tmp = _temporary(target)
    except OSError as error:
        raise CareerlogError(f"cannot write in {target.parent}: {error.strerror}") from None
    try:
        fill(tmp)
        paths.make_private(tmp)
        _flush(tmp)
        check_target(target, replace=replace)  # what was filled may have taken a while
        if replace:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise NameTaken(f"{target} already exists; choose another file name") from None
        _flush(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise CareerlogError(
            f"cannot write {target}: {error.strerror}; nothing was written"
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_text(
    target: Path, text: str | Iterable[str], *, replace: bool = True, errors: str = "strict"
) -> Path:
    """Write ``text`` (UTF-8; a string or its pieces in order) to ``target``, whole or
    not at all."""

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", errors=errors, newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)

    return place(target, fill, replace=replace)


def write_bytes(target: Path, data: bytes | Iterable[bytes], *, replace: bool = True) -> Path:
    """Write ``data`` (bytes, or its pieces in order) to ``target``, whole or not at all."""

    def fill(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)

    return place(target, fill, replace=replace)
