"""What every importer of another tool's journal shares: one entry record in the
shape :func:`careerlog.services.exchange.importing.import_records` writes, the size
rule, and the identity that makes a second import of the same file add nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from careerlog.domain.text import MAX_ENTRY_BYTES, normalise_tag
from careerlog.services.exchange.importing import Skipped


def identity(*parts: str) -> str:
    """A stable key for one imported entry, from what identifies it in its source."""
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def clean_tags(given: Iterable[str], label: str, skipped: list[Skipped]) -> list[str]:
    """The source's own tags, each once and normalised (``@Work`` and ``work`` are one).
    Never read from the text: ``[@click=…]`` in a body invents nothing. A tag with
    spaces (Day One allows them) comes in with hyphens, and the report says so."""
    tags: dict[str, None] = {}
    for tag in given:
        name = normalise_tag(tag)
        if not name or len(name) > 128:
            skipped.append(Skipped(f"tag {tag!r} of {label}", "it is empty or too long"))
            continue
        if any(ch.isspace() for ch in name):
            joined = "-".join(name.split())
            skipped.append(
                Skipped(f"tag {tag!r} of {label}", f"a tag is one word: it came in as {joined!r}")
            )
            name = joined
        tags.setdefault(name, None)
    return list(tags)


class Records:
    """Entry records being gathered from one source, with what was left out and why."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []
        self._seen: set[str] = set()
        self._now = datetime.now().replace(microsecond=0).isoformat()

    def add(
        self,
        label: str,
        written_at: datetime,
        text: str,
        tags: list[str],
        starred: bool,
        key: str,
    ) -> None:
        """One entry, unless it is empty, too large or a repeat within the source."""
        if not text.strip():
            self.skipped.append(Skipped(label, "it has no text"))
            return
        if len(text.encode("utf-8", "surrogatepass")) > MAX_ENTRY_BYTES:
            self.skipped.append(Skipped(label, "it is larger than 8 MB"))
            return
        if key in self._seen:
            self.skipped.append(Skipped(label, "the same entry appears earlier in the file"))
            return
        self._seen.add(key)
        self.entries.append(
            {
                "written_at": written_at.isoformat(),
                "text": text,
                "starred": starred,
                "tags": tags,
                "goal_ids": [],
                "competencies": [],
                "created_at": self._now,
                "updated_at": self._now,
                "source_key": key,
            }
        )
