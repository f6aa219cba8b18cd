"""The largest numbers careerlog takes in, wherever they come from (the command line,
the TUI, an import): one clear refusal instead of an overflow inside a store."""

MAX_ID = 2**60 - 1
"""The largest record id: both stores keep 64-bit integers, and the search index's
rowid is ``id * 8 + kind``, which must fit in one as well."""
MAX_MINUTES = 2**31 - 1
"""Time spent on one activity (about 4,000 years: a sanity bound, not a schedule)."""
MAX_COUNT = 2**31 - 1
"""A count such as ``--limit`` or ``-n``: more than any store holds."""


def whole_number(value: str) -> int | None:
    """``value`` as an int when it is a whole number, else ``None``. Never raises,
    however long ``value`` is: past 19 digits (more than any bound) it stands as
    ``2**63``, or its negative, so the caller's range check refuses it."""
    digits = value.strip()
    unsigned = digits.lstrip("+-")
    if len(unsigned) > len(str(2**63)):
        if not (unsigned.isdecimal() and len(digits) - len(unsigned) <= 1):
            return None
        return -(2**63) if digits.startswith("-") else 2**63
    try:
        return int(digits)
    except ValueError:
        return None
