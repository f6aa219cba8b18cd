""" "Did you mean …?" for a mistyped command, option value or key."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'search'?)"`` when one of ``choices`` is close to ``word``, else
    ``""``: appended to the error that names the mistake."""
    import difflib  # ~2 ms, only on an error

    options = [c for c in choices if c]
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    if not close:
        starts = [c for c in options if len(word) >= 2 and c.startswith(word.lower())]
        close = starts[:1] if len(starts) == 1 else []
    return f" (did you mean {close[0]!r}?)" if close else ""
