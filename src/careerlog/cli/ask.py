"""Asking the person at the terminal before something they may not mean: a delete, a
restore, an entry dated in the future. Without a terminal nobody can answer, so the
command refuses and names the option that says yes."""

from __future__ import annotations

import sys

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable


def confirm(question: str, *, yes: bool, option: str, refused: str) -> None:
    """Return when the person agreed (or ``yes`` was given); raise otherwise.

    ``option`` is what to add to skip the question (``--yes``, ``--future``), named in
    the refusal when no terminal can answer; ``refused`` is said when they answer no.
    """
    if yes:
        return
    if not sys.stdin.isatty():
        raise CareerlogError(
            f"{question.rstrip('?')}: add {option} to confirm (no terminal to ask)"
        )
    sys.stderr.write(f"{printable(question)} [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline().strip().lower()
    except (EOFError, UnicodeDecodeError):
        answer = ""
    if answer not in ("y", "yes"):
        raise CareerlogError(refused)
