"""Types for command-line values, shared by every command's parser: each turns a word
into a value or says, in one line, what was wrong with it."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def record_id(value: str) -> int:
    """An entry, goal or activity id: a whole number from 1 ("#12" works too)."""
    try:
        number = int(value.lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (ids start at 1)")
    return number


def minutes(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of minutes") from None
    if number < 0:
        raise argparse.ArgumentTypeError("minutes cannot be negative")
    return number


def at_least_one(option: str) -> Callable[[str], int]:
    """A count such as ``--limit`` or ``-n``: a whole number from 1."""

    def count(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"{option} must be at least 1")
        return number

    return count


def year(value: str) -> int:
    """``--year`` of ``stats`` and ``export``: any year careerlog can store (1 to 9999)."""
    from careerlog.domain.when import WhenError, parse_year

    try:
        return parse_year(value)
    except WhenError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
