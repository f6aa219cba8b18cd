"""Rules about user text: tags, and making text safe to show in a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable

from careerlog.domain.errors import CareerlogError

MAX_ENTRY_BYTES = 8 * 1024 * 1024

# jrnl-compatible: a tag is "@" followed by word characters, at the start of the
# text or after whitespace/punctuation that is not part of a word or an e-mail.
_TAG = re.compile(r"(?<![\w@.])@(\w[\w\-/+]*)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def find_tags(text: str) -> list[str]:
    """Tags written inline as ``@tag``, lower-cased, in first-seen order."""
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).rstrip("-/+").lower(), None)
    return [tag for tag in seen if tag]


def normalise_tag(tag: str) -> str:
    """``--tag @Work`` and ``--tag work`` name the same tag."""
    return tag.strip().lstrip("@").lower()


def printable(text: str) -> str:
    """Strip control characters (ESC, NUL, bells…) but keep newlines and tabs.

    Used whenever stored text reaches a terminal, so an entry can never move the
    cursor, retitle the window or clear the screen.
    """
    return _CONTROL.sub("", text)


def one_line(text: str, width: int = 80) -> str:
    """First non-empty line of ``text``, printable and cut to ``width``."""
    for line in printable(text).splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""


def count_words(text: str) -> int:
    """Words as a person counts them: runs of non-space characters. Stored with each
    entry (``entry.words``) so totals never split every text again."""
    return len(text.split())


def check_entry_text(text: str) -> str:
    """An entry must say something and stay under 8 MB; it is stored exactly as given."""
    if not text.strip():
        raise CareerlogError("the entry is empty; nothing was written")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ENTRY_BYTES:
        raise CareerlogError("the entry is larger than 8 MB; nothing was written")
    return text


def merge_tags(text: str, tags: Iterable[str]) -> list[str]:
    """Inline ``@tags`` first, then the given ones, each once."""
    merged = dict.fromkeys(find_tags(text))
    for tag in tags:
        name = normalise_tag(tag)
        if not name or any(ch.isspace() for ch in name):
            raise CareerlogError(f"invalid tag {tag!r}: a tag is one word, like @work")
        merged.setdefault(name, None)
    return list(merged)


def duration(minutes: int) -> str:
    """Time spent, the one way careerlog writes it everywhere: ``45 min``, ``2 h``,
    ``1 h 30 min``."""
    hours, rest = divmod(max(minutes, 0), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"
