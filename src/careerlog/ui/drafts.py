"""The entry editor's draft file: what is typed survives a crash, a kill or a closed
terminal. File I/O (no Textual, no store), so it is cheap and testable; beside an
encrypted store the draft is sealed with its key (:mod:`careerlog.services.sealed`).

Two TUIs open on one store each keep their own draft: the first to start claims the
store's draft file, a second one the next free slot (``entry-…-2.md``), each holding a
lock on its slot (``flock`` on a file in the runtime folder) while it runs. A TUI only
offers, restores or discards a draft no running TUI holds, so answering "discard" in
one never deletes what another is typing.
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from careerlog import paths
from careerlog.domain.errors import CareerlogError


class Draft(NamedTuple):
    text: str
    saved_at: datetime


def draft_path(db: str | None) -> Path:
    """One draft per store, so a demo or a second journal never offers the wrong text."""
    import hashlib  # OpenSSL (~1.3 ms): see DraftFile.for_store

    location = db or os.environ.get("CAREERLOG_DB") or "default"
    digest = hashlib.sha256(location.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return paths.drafts_dir() / f"entry-{digest}.md"


SLOTS = 8
"""How many TUIs on one store keep drafts of their own; beyond that they share the last."""


def _slot_path(first: Path, slot: int) -> Path:
    return first if slot == 1 else first.with_name(f"{first.stem}-{slot}{first.suffix}")


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock for the draft at ``path``, or
    ``None`` when a running careerlog holds it. The lock files live in the runtime
    folder, so the drafts folder holds only drafts (``encrypt`` seals every file there)."""
    import hashlib  # OpenSSL (~1.3 ms): see DraftFile.for_store

    folder = paths.ensure_private_dir(paths.ensure_runtime_dir() / "draft-locks")
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    fd = os.open(folder / f"{digest}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


class DraftFile:
    """Save, load and clear this TUI's draft; every write is atomic and the file is 0600."""

    def __init__(self, path: Path | None, db: str | None = None, *, own_store: bool = True) -> None:
        """``path``: the store's first draft slot (``None``: :func:`draft_path` of ``db``,
        worked out when first needed); ``db``: the store the draft belongs to (its
        encryption decides how the draft is kept); without ``own_store`` (the demo's
        throwaway journal) it is kept plain."""
        self._first = path
        self._claimed: Path | None = None
        self.db = db
        self.own_store = own_store
        self._last_saved: str | None = None
        self._lock: int | None = None
        self._orphan: tuple[Path, int] | None = None
        """A slot no running TUI holds whose draft :meth:`load` offered, and its lock."""

    @classmethod
    def for_store(cls, db: str | None) -> DraftFile:
        """``db``'s draft, its path worked out on first use: the TUI makes this before
        the first frame and reads the draft only after it, and the path's hash loads
        OpenSSL for hashlib (~1.3 ms)."""
        return cls(None, db)

    @property
    def first(self) -> Path:
        """The store's first draft slot."""
        if self._first is None:
            self._first = draft_path(self.db)
        return self._first

    @property
    def path(self) -> Path:
        """This TUI's slot, once claimed (the first free one); the first slot until then."""
        return self._claimed or self.first

    def _claim(self) -> None:
        if self._lock is not None:
            return
        for slot in range(1, SLOTS + 1):
            candidate = _slot_path(self.first, slot)
            fd = _try_lock(candidate)
            if fd is not None:
                self._claimed, self._lock = candidate, fd
                return
        self._claimed = _slot_path(self.first, SLOTS)  # every slot busy: share the last

    def save(self, text: str) -> None:
        """Write ``text`` (blank text removes the draft); unchanged text is not rewritten."""
        if text == self._last_saved:
            return
        self._claim()
        if not text.strip():
            self.clear()
            return
        paths.ensure_private_dir(self.path.parent)
        from careerlog.services import sealed  # see _read

        if self.own_store:
            sealed.write(self.path, text, self.db)
        else:
            sealed.write_plain(self.path, text)
        self._last_saved = text

    def load(self) -> Draft | None:
        """This slot's draft, else one left in a slot no running TUI holds (a TUI that
        ended without saving); never the draft of a TUI still running."""
        self._claim()
        own = _read(self.path)
        if own is not None:
            self._last_saved = own.text
            return own
        for slot in range(1, SLOTS + 1):
            candidate = _slot_path(self.first, slot)
            if candidate == self.path or not candidate.exists():
                continue
            fd = _try_lock(candidate)
            if fd is None:
                continue  # another TUI is writing it
            found = _read(candidate)
            if found is None:
                os.close(fd)
                continue
            self._orphan = (candidate, fd)
            return found
        return None

    def release(self) -> None:
        """Give up this TUI's slot (and a left-over one it looked at): the app is ending.
        The draft file stays, for the next start to offer."""
        for fd in (self._lock, self._orphan[1] if self._orphan else None):
            if fd is not None:
                os.close(fd)
        self._lock = self._orphan = None

    def __del__(self) -> None:
        self.release()

    def clear(self) -> None:
        """Remove this TUI's draft, and the left-over one :meth:`load` offered."""
        self.path.unlink(missing_ok=True)
        self._last_saved = ""
        if self._orphan is not None:
            orphan, fd = self._orphan
            orphan.unlink(missing_ok=True)
            os.close(fd)
            self._orphan = None


def _read(path: Path) -> Draft | None:
    # Drafts are read and written only after the first frame: sealed brings the SQLite
    # layer (sqlite3, the search module, the cipher check), ~6-9 ms of the TUI's start.
    from careerlog.services import sealed

    try:
        text = sealed.read(path)
        saved_at = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except FileNotFoundError:
        return None
    except CareerlogError:
        return None  # sealed with a key this session does not hold: left as it is
    if not text.strip():
        return None
    return Draft(text, saved_at)
