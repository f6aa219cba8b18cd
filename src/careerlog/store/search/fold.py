"""How text is compared in a search: folded, one character at a time, so that case,
accents and compatibility forms never decide whether something is found.

:func:`fold` maps each character on its own (case folded as ``str.casefold`` does, then
decomposed, then stripped of combining marks; fullwidth and ligature forms become their
plain letters; control characters become spaces; invisible format characters such as
the right-to-left mark vanish). Because the map works character by character, folding
never breaks a match: whenever ``a.casefold()`` is a substring of ``b.casefold()`` (what
jrnl's ``-contains`` tests), ``fold(a)`` is a substring of ``fold(b)``.

SQLite stores run these as the SQL functions ``careerlog_fold`` and ``careerlog_words``
(registered on every connection by :mod:`careerlog.store.sqlite`), which the search
triggers call; PostgreSQL's ``careerlog_fold`` is SQL written to agree (see
:mod:`careerlog.store.search.postgres`). Standard library only.
"""

from __future__ import annotations

import sqlite3
import unicodedata

_EXTRA = {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h",
          "\u0131": "i", "ŧ": "t", "þ": "th"}  # fmt: skip
"""Latin letters Unicode gives no decomposition, folded the way people type them."""
ACCENTS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
"""The blocks of combining diacritical marks that folding drops (other scripts' marks,
such as the kana voicing marks, are part of their letters and stay)."""
INVISIBLE = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" + (
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d"
    "\u206e\u206f\ufeff\ufff9\ufffa\ufffb"
)
"""Format characters folding drops: the soft hyphen, zero-width and direction marks."""
CONTROLS = "".join(map(chr, (*range(0x20), *range(0x7F, 0xA0))))
"""Control characters, which folding turns into spaces."""


def unsplit(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words (Han,
    kana, Hangul and its jamo), which the word index splits into single characters."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x1100 <= code <= 0x11FF  # Hangul jamo (syllables fold into them)
        or 0x3130 <= code <= 0x318F  # Hangul compatibility jamo
        or 0x31F0 <= code <= 0x31FF  # katakana extensions
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xA960 <= code <= 0xA97F  # Hangul jamo extended A
        or 0xAC00 <= code <= 0xD7FF  # Hangul syllables, jamo extended B
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later
    )


def _accent(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ACCENTS)


def _fold_char(char: str) -> str:
    if char in CONTROLS:
        return " "
    if char in INVISIBLE:
        return ""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    folded = "".join(c for c in decomposed if not _accent(c)).casefold()
    return "".join(_EXTRA.get(c, c) for c in folded)


class _Table(dict[int, str]):
    """``str.translate`` table filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _Table()
_ASCII_CONTROLS = {code: " " for code in (*range(32), 127)}


def fold(text: str) -> str:
    """``text`` as search compares it (see the module docstring)."""
    if text.isascii():
        return text.lower().translate(_ASCII_CONTROLS)
    return text.translate(_TABLE)


def fold_char(char: str) -> str:
    """One character folded (``fold`` is this, character by character)."""
    return _TABLE[ord(char)]


SEPARATOR = "\n"
"""Between a record's folded title and body in the index: folding turns every control
character into a space, so the first newline is always this one, and no folded query
(which holds none) matches across it."""


def indexed(title: str | None, body: str | None) -> str:
    """What the substring index holds for a record: its folded title and body."""
    return fold(title or "") + SEPARATOR + fold(body or "")


_MARKS = "\u3099\u309a"
"""The kana voicing marks, which stay with the kana before them."""


def split_words(folded: str) -> str:
    """Folded text for the word index: each character of an unspaced script stands
    alone (with its voicing mark), so a word of two characters is a phrase of two."""
    if folded.isascii():
        return folded
    pieces: list[str] = []
    for char in folded:
        if char in _MARKS and pieces and pieces[-1].endswith(" "):
            pieces[-1] = pieces[-1][:-1] + char + " "
        elif unsplit(char):
            pieces.append(f" {char} ")
        else:
            pieces.append(char)
    return "".join(pieces)


def words(stored: str | None, part: int) -> str:
    """The word-index text of part ``part`` (0 title, 1 body) of what :func:`indexed`
    stored, so a deletion from the word index repeats exactly what was inserted."""
    title, _, body = (stored or "").partition(SEPARATOR)
    return split_words(body if part else title)


FUNCTIONS = ("careerlog_fold", "careerlog_words")
"""The SQL functions the SQLite search triggers call."""


def _sql_fold(value: object) -> str | None:
    return None if value is None else fold(str(value))


def _sql_words(stored: object, part: object) -> str | None:
    return None if stored is None else words(str(stored), int(str(part)))


def register(con: sqlite3.Connection) -> None:
    """Make :data:`FUNCTIONS` available on ``con``: every write to a searchable table
    fires a trigger that calls them."""
    con.create_function(FUNCTIONS[0], 1, _sql_fold, deterministic=True)
    con.create_function(FUNCTIONS[1], 2, _sql_words, deterministic=True)
