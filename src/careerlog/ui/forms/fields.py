"""Stored text in a form field: shown without control characters, given back exactly.

An Input or TextArea draws its value as it is, so a stored title holding ESC or U+009B
would reach the terminal from an edit form. A field shows :func:`printable` of the
stored value; :func:`kept` gives the stored value back when the person left the field
as shown, so opening and saving a form never drops what it could not show.
"""

from __future__ import annotations

from careerlog.domain.text import printable


def shown(stored: str) -> str:
    """What a field shows of ``stored``."""
    return printable(stored)


def kept(stored: str, typed: str) -> str:
    """The value to save: ``stored`` exactly if the field still shows it, else ``typed``."""
    return stored if typed == printable(stored) else typed
