"""Rules about user text: tags, and making text safe to show in a terminal."""

# No ``from __future__ import annotations``: typing.NamedTuple compiles a field type
# written as a string at import (4 here; see careerlog.domain.summary).

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from careerlog.domain.errors import CareerlogError

MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TAG_LENGTH = 128
"""Longer than any word a person tags with (and the limit imports always had)."""

# jrnl-compatible: a tag is "@" followed by word characters, at the start of the
# text or after whitespace/punctuation that is not part of a word or an e-mail.
_TAG = re.compile(r"(?<![\w@.])@(\w[\w\-/+]*)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Half of a UTF-16 pair: what argv and stdin carry for bytes that are not UTF-8
# (Python's surrogateescape), and what a JSON "\ud800" escape decodes to. No terminal
# or file can be written one, so they are shown as U+FFFD.
# Both patterns are compiled on first use: the surrogate range makes them take ~0.9 ms
# to compile, which every command paid at import, and most never run them.


@functools.cache
def _surrogate() -> re.Pattern[str]:
    return re.compile(r"[\ud800-\udfff]")


@functools.cache
def _json_unsafe() -> re.Pattern[str]:
    return re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def find_tags(text: str) -> list[str]:
    """Tags written inline as ``@tag``, lower-cased, in first-seen order."""
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).rstrip("-/+").lower(), None)
    return [tag for tag in seen if tag]


def normalise_tag(tag: str) -> str:
    """``--tag @Work`` and ``--tag work`` name the same tag."""
    return tag.strip().lstrip("@").lower()


def tag_problem(name: str) -> str | None:
    """Why the normalised tag ``name`` cannot be stored, or ``None`` when it can: the
    rule every tag meets at the door (``--tag``, inline ``@tags``, the TUI, imports)."""
    if not name:
        return "it is empty"
    if any(ch.isspace() for ch in name):
        return "a tag is one word, like @work"
    if has_control(name) or not name.isprintable():
        return "it holds control or invisible characters"
    if len(name) > MAX_TAG_LENGTH:
        return f"it is longer than {MAX_TAG_LENGTH} characters"
    return None


class SkippedTag(NamedTuple):
    tag: str
    """As given, made printable (for the report)."""
    why: str


class CheckedTags(NamedTuple):
    tags: list[str]
    """Normalised, each once, inline ``@tags`` first."""
    skipped: list[SkippedTag]


def check_tags(text: str, given: Iterable[str]) -> CheckedTags:
    """The inline ``@tags`` of ``text`` and the ``given`` ones that pass
    :func:`tag_problem`, and the ones that did not, each with the reason. Imports keep
    going without a bad tag and report it; :func:`merge_tags` refuses instead."""
    merged: dict[str, None] = {}
    skipped: list[SkippedTag] = []
    for tag in [*find_tags(text), *given]:
        name = normalise_tag(tag)
        why = tag_problem(name)
        if why is None:
            merged.setdefault(name, None)
        else:
            shown = one_line(tag, MAX_TAG_LENGTH + 1) or repr(tag)
            skipped.append(SkippedTag(shown, why))
    return CheckedTags(list(merged), skipped)


def printable(text: str) -> str:
    """The display sanitiser: every string of user origin passes it before a terminal,
    the TUI or a Markdown file shows it.

    C0 controls but newline and tab (ESC, NUL, BEL, CR…), DEL and the C1 range (the
    8-bit CSI U+009B and friends) are removed, so a text can never move the cursor,
    retitle the window or clear the screen; a lone surrogate becomes U+FFFD.
    """
    text = _CONTROL.sub("", text)
    if text.isascii():
        return text
    surrogate = _surrogate()
    return surrogate.sub("\ufffd", text) if surrogate.search(text) else text


def has_control(text: str) -> bool:
    """Whether ``text`` holds anything :func:`printable` would remove or replace."""
    return text != printable(text)


def json_safe(document: str, *, from_utf8: bool = False) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, the C1
    controls, U+2028/U+2029 and lone surrogates written as ``\\uXXXX`` escapes.

    The encoder escapes C0 itself; these it leaves raw, and a C1 control on a terminal
    acts like ESC. They can only stand inside strings, so escaping them keeps the
    document equal to what it was.

    ``from_utf8``: the text was decoded from UTF-8 (what SQLite hands back), so it
    cannot hold a lone surrogate and the look for one is skipped (~3.5 ms of a yearly
    export's ~6 ms check).
    """
    if not _may_be_json_unsafe(document, from_utf8):
        return document
    return _json_unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def json_safe_utf8(pieces: Sequence[bytes], sep: bytes) -> bytes:
    """:func:`json_safe` for JSON text that is UTF-8 already (what SQLite's JSON
    functions encode): the ``pieces`` joined by ``sep``, with the same escapes.

    Writing these bytes as they are spares a yearly export decoding, joining and
    encoding its 3 MB of entries again (~12 ms). Each piece that is not ASCII is
    decoded once, which proves it UTF-8 (``UnicodeDecodeError`` if it is not) and is
    the text the look for what needs escaping reads; an ASCII piece can hold only DEL.
    """
    joined = sep.join(pieces)
    found = b"\x7f" in joined
    if not joined.isascii():
        text = b"\n".join(piece for piece in pieces if not piece.isascii()).decode("utf-8")
        found = found or _may_be_json_unsafe(text, from_utf8=True)
    if not found:
        return joined
    return json_safe(joined.decode("utf-8"), from_utf8=True).encode("utf-8")


_JSON_UNSAFE_CHARS = "\x7f" + "".join(map(chr, range(0x80, 0xA0))) + "\u2028\u2029"
"""What :func:`_json_unsafe` matches but the lone surrogates."""


def _may_be_json_unsafe(document: str, from_utf8: bool = False) -> bool:
    """Whether :func:`_json_unsafe` matches in ``document``, found without it: the regex
    reads a yearly export's 3 MB at ~3 ns a character (~10 ms), while ``in`` finds one
    character far faster, and a lone surrogate is what stops the UTF-8 encoder (~6 ms
    in all)."""
    if document.isascii():
        return "\x7f" in document
    if any(char in document for char in _JSON_UNSAFE_CHARS):
        return True
    if from_utf8:
        return False
    try:
        document.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]")


def count_text(n: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``3 entries``, ``1,204 words``: a number with its noun, the one rule
    for plurals wherever a person reads a count (the TUI, exports, the CLI)."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def one_line(text: str, width: int = 80) -> str:
    """First non-empty line of ``text``, printable and cut to ``width``.

    Reads only a window from the first visible character on: a list row of an 8 MB
    entry must not sanitise and split all of it on every paint.
    """
    first = _VISIBLE.search(text)
    if first is None:
        return ""
    window = text[first.start() : first.start() + 4 * width + 256]
    for line in printable(window).splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""


MAX_LINK_LENGTH = 2048
LINK_SCHEMES = ("http://", "https://")


def link_problem(link: str) -> str | None:
    """Why ``link`` (an activity's, already stripped) cannot be kept, or ``None``; the
    same rule for a typed link and an imported one. Empty means no link."""
    if not link:
        return None
    if not link.lower().startswith(LINK_SCHEMES):
        return "a link must start with http:// or https://"
    if has_control(link) or any(ch.isspace() for ch in link):
        return "a link holds no spaces or control characters"
    if len(link) > MAX_LINK_LENGTH:
        return f"a link is at most {MAX_LINK_LENGTH} characters"
    return None


def count_words(text: str) -> int:
    """Words as a person counts them: runs of non-space characters. Stored with each
    entry (``entry.words``) so totals never split every text again."""
    return len(text.split())


def not_utf8(text: str) -> bool:
    """Whether ``text`` carries a lone surrogate: bytes that were not UTF-8 (decoded
    with surrogateescape) or a JSON ``\\ud800`` escape. Nothing can store or print it."""
    return not text.isascii() and _surrogate().search(text) is not None


def text_problem(text: str) -> str | None:
    """Why no store can keep ``text`` as it is ("holds a NUL…"), or ``None``. NUL is
    refused on both backends alike: PostgreSQL cannot store it at all, and SQLite's
    search index stops reading at it."""
    if "\x00" in text:
        return "holds a NUL character (\\0), which careerlog does not store"
    if not_utf8(text):
        return "is not valid UTF-8 text"
    return None


def entry_problem(text: str) -> str | None:
    """Why ``text`` cannot be an entry ("is empty"…), or ``None``: every way in (the
    command line, the TUI, imports) meets this rule. What passes is stored exactly."""
    if not text.strip():
        return "is empty"
    problem = text_problem(text)
    if problem is not None:
        return problem
    if len(text.encode("utf-8")) > MAX_ENTRY_BYTES:
        return "is larger than 8 MB"
    return None


def check_entry_text(text: str) -> str:
    """``text`` when :func:`entry_problem` finds nothing wrong with it; raises otherwise."""
    problem = entry_problem(text)
    if problem is not None:
        raise CareerlogError(f"the entry {problem}; nothing was written")
    return text


def merge_tags(text: str, tags: Iterable[str]) -> list[str]:
    """Inline ``@tags`` first, then the given ones, each once; a tag that fails
    :func:`tag_problem` refuses the whole entry (what a person types is fixed at once)."""
    checked = check_tags(text, tags)
    if checked.skipped:
        bad = checked.skipped[0]
        raise CareerlogError(f"invalid tag {bad.tag!r}: {bad.why}; nothing was written")
    return checked.tags


def duration(minutes: int) -> str:
    """Time spent, the one way careerlog writes it everywhere: ``45 min``, ``2 h``,
    ``1 h 30 min``."""
    hours, rest = divmod(max(minutes, 0), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"
