"""The ``careerlog`` command. Parsing is cheap; each command imports what it needs
when it runs, and the Textual UI is imported only when the TUI opens."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from careerlog.cli.cryptcmds import KEYLESS, ensure_unlocked
from careerlog.cli.output import warn
from careerlog.cli.parser import build_parser, command_named, opens_the_tui
from careerlog.domain.errors import CareerlogError


def _fail(message: str) -> int:
    # Messages can quote what the user typed (a file name, a value): warn() keeps its
    # control characters off the terminal, and the message to one line.
    warn(message)
    return 1


def _check_utf8(argv: Sequence[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape); no
    store or terminal takes them, so refuse them here, before anything is opened."""
    from careerlog.domain.text import not_utf8

    for number, arg in enumerate(argv, start=1):
        if not_utf8(arg):
            raise CareerlogError(
                f"argument {number} ({arg!r}) is not valid UTF-8 text; nothing was written"
            )


LASTING = frozenset({"serve", "demo"})
"""Commands that keep running (the server, the demo's TUI): like the TUI, they keep
Python's cyclic garbage collector on."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line: ``argv``, or (``None``) the process's own, as the console
    script and ``python -m careerlog`` do, which exit when this returns."""
    words = sys.argv[1:] if argv is None else list(argv)
    if words[:1] == ["__complete"]:  # the shell asking what may come next
        from careerlog.cli.completion import complete

        return complete(words[1:])
    command = command_named(words)
    # A command that does its work and returns makes little garbage in cycles, and the
    # cyclic collector's passes over everything imported so far took ~10 M instructions
    # (~2 ms) of a yearly JSON export: it is off while such a command runs. The TUI and
    # the lasting commands keep it.
    one_shot = command is not None and command not in LASTING
    collecting = gc.isenabled()
    if one_shot:
        gc.disable()
    try:
        return _run(words, argv, command)
    finally:
        if one_shot and argv is None:
            # The process ends now: its last collections would walk every object again
            # only to free memory the system takes back whole (~16 M instructions, ~3 ms).
            gc.freeze()
        elif collecting:
            gc.enable()


def _run(words: list[str], argv: Sequence[str] | None, command: str | None) -> int:
    parser = build_parser(command, tui=opens_the_tui(words))
    try:
        _check_utf8(words)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            from careerlog.cli.commands import open_tui  # pulls in Textual (~0.3 s)

            return open_tui(args)
        if command not in KEYLESS:
            ensure_unlocked(args.db)
        result: int = handler(args)
        return result
    except CareerlogError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `careerlog search … | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("CAREERLOG_DEBUG"):
            raise
        return _fail(
            f"unexpected {type(error).__name__}; nothing more was written. "
            "Run with CAREERLOG_DEBUG=1 for details, and please report it"
        )
    finally:
        cipher = sys.modules.get("careerlog.store.files.cipher")
        if cipher is not None:
            cipher.release()  # a key given for this command only goes with it
