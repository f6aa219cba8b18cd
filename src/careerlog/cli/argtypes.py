"""Types for command-line values, shared by every command's parser: each turns a word
into a value or says, in one line, what was wrong with it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from careerlog.domain.limits import MAX_COUNT, MAX_ID, MAX_MINUTES, whole_number


def _shown(value: str) -> str:
    return repr(value if len(value) <= 30 else value[:29] + "…")


def record_id(value: str) -> int:
    """An entry, goal or activity id: a whole number from 1 ("#12" works too)."""
    number = whole_number(value.lstrip("#"))
    if number is None:
        raise argparse.ArgumentTypeError(f"{_shown(value)} is not an id (a whole number)")
    if number < 1:
        raise argparse.ArgumentTypeError(f"{_shown(value)} is not an id (ids start at 1)")
    if number > MAX_ID:
        raise argparse.ArgumentTypeError(f"{_shown(value)} is not an id (too large)")
    return number


def minutes(value: str) -> int:
    number = whole_number(value)
    if number is None:
        raise argparse.ArgumentTypeError(f"{_shown(value)} is not a number of minutes")
    if number < 0:
        raise argparse.ArgumentTypeError("minutes cannot be negative")
    if number > MAX_MINUTES:
        raise argparse.ArgumentTypeError(f"{_shown(value)} minutes is more than one activity takes")
    return number


def at_least_one(option: str) -> Callable[[str], int]:
    """A count such as ``--limit`` or ``-n``: a whole number from 1."""

    def count(value: str) -> int:
        number = whole_number(value)
        if number is None:
            raise argparse.ArgumentTypeError(f"{_shown(value)} is not a number")
        if number < 1:
            raise argparse.ArgumentTypeError(f"{option} must be at least 1")
        if number > MAX_COUNT:
            raise argparse.ArgumentTypeError(f"{option} can be at most {MAX_COUNT}")
        return number

    return count


def year(value: str) -> int:
    """``--year`` of ``stats`` and ``export``: any year careerlog can store (1 to 9999)."""
    from careerlog.domain.when import WhenError, parse_year

    try:
        return parse_year(value)
    except WhenError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
