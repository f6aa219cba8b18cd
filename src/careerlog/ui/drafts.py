"""The entry editor's draft file: what is typed survives a crash, a kill or a closed
terminal. Plain file I/O (no Textual, no store), so it is cheap and testable."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from careerlog import paths
from careerlog.atomic import write_text


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

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last_saved: str | None = None

    def save(self, text: str) -> None:
        """Write ``text`` (blank text removes the draft); unchanged text is not rewritten."""
        if text == self._last_saved:
            return
        if not text.strip():
            self.clear()
            return
        paths.ensure_private_dir(self.path.parent)
        write_text(self.path, text, errors="surrogatepass")
        self._last_saved = text

    def load(self) -> Draft | None:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
            saved_at = datetime.fromtimestamp(self.path.stat().st_mtime).replace(microsecond=0)
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        self._last_saved = text
        return Draft(text, saved_at)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
        self._last_saved = ""
