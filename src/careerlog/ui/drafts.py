"""The entry editor's draft file: what is typed survives a crash, a kill or a closed
terminal. File I/O (no Textual, no store), so it is cheap and testable; beside an
encrypted store the draft is sealed with its key (:mod:`careerlog.services.sealed`)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import CareerlogError
from careerlog.services import sealed


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    saved_at: datetime


def draft_path(db: str | None) -> Path:
    """One draft per store, so a demo or a second journal never offers the wrong text."""
    location = db or os.environ.get("CAREERLOG_DB") or "default"
    digest = hashlib.sha256(location.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return paths.drafts_dir() / f"entry-{digest}.md"


class DraftFile:
    """Save, load and clear one draft; every write is atomic and the file is 0600."""

    def __init__(self, path: Path, db: str | None = None, *, own_store: bool = True) -> None:
        """``db``: the store the draft belongs to (its encryption decides how the draft is
        kept); without ``own_store`` (the demo's throwaway journal) it is kept plain."""
        self.path = path
        self.db = db
        self.own_store = own_store
        self._last_saved: str | None = None

    def save(self, text: str) -> None:
        """Write ``text`` (blank text removes the draft); unchanged text is not rewritten."""
        if text == self._last_saved:
            return
        if not text.strip():
            self.clear()
            return
        paths.ensure_private_dir(self.path.parent)
        if self.own_store:
            sealed.write(self.path, text, self.db)
        else:
            sealed.write_plain(self.path, text)
        self._last_saved = text

    def load(self) -> Draft | None:
        try:
            text = sealed.read(self.path)
            saved_at = datetime.fromtimestamp(self.path.stat().st_mtime).replace(microsecond=0)
        except FileNotFoundError:
            return None
        except CareerlogError:
            return None  # sealed with a key this session does not hold: left as it is
        if not text.strip():
            return None
        self._last_saved = text
        return Draft(text, saved_at)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
        self._last_saved = ""
