"""careerlog's argparse: help laid out at the terminal's width without importing
shutil, and a usage mistake reported as one line with a "did you mean" (exit 1, through
:class:`~careerlog.domain.errors.CareerlogError`). The commands themselves are in
:mod:`careerlog.cli.parser`."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from careerlog.domain.errors import CareerlogError

Sub = Any
"""What a command's parser builder is given: argparse's ``add_subparsers()`` result, a
private class (``argparse._SubParsersAction``) typeshed declares generic."""


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` (``$COLUMNS``, else the terminal's width,
    else 80), without importing shutil: with its bz2 and lzma, ~2.5 ms of every command,
    which argparse would pay building the parser even when no help is printed."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        return (stdout and os.get_terminal_size(stdout.fileno()).columns) or 80
    except (AttributeError, ValueError, OSError):
        return 80


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width measured by :func:`terminal_columns` (less the 2
    columns argparse leaves free when it measures)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog,
            indent_increment,
            max_help_position,
            terminal_columns() - 2 if width is None else width,
        )


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake as one line and exit 1 (via CareerlogError)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise CareerlogError(f"{self._with_suggestion(message)} (see '{self.prog} --help')")

    def _with_suggestion(self, message: str) -> str:
        """The message with "did you mean" for a mistyped command, choice or option (and
        then without the list of every choice)."""
        import re

        from careerlog.domain.suggest import did_you_mean

        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            hint = did_you_mean(choice[1], re.findall(r"'([^']*)'", choice[2]))
            if hint:
                return f"{message[: choice.start()]}invalid choice: {choice[1]!r}{hint}"
            return message
        unknown = re.match(r"unrecognized arguments: (-\S+)", message)
        if unknown:
            return message + did_you_mean(unknown[1].split("=")[0], self._option_strings())
        return message

    def _option_strings(self) -> list[str]:
        found: list[str] = []
        for action in self._actions:
            found.extend(s for s in action.option_strings if s.startswith("--"))
            for parser in getattr(action, "choices", None) or ():
                if isinstance(action.choices, dict):  # a command's own options
                    found.extend(action.choices[parser]._option_strings())
        return found
