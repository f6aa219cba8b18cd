"""The ``careerlog`` command. Parsing is cheap; each command imports what it needs
when it runs, and the Textual UI is imported only when the TUI opens."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from careerlog.cli.cryptcmds import KEYLESS, ensure_unlocked
from careerlog.cli.parser import build_parser, command_named
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import printable


def _fail(message: str) -> int:
    # Messages can quote what the user typed (a file name, a value): never let its
    # control characters reach the terminal, and keep it to one line.
    sys.stderr.write(f"careerlog: {' '.join(printable(message).split())}\n")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words[:1] == ["__complete"]:  # the shell asking what may come next
        from careerlog.cli.completion import complete

        return complete(words[1:])
    command = command_named(words)
    parser = build_parser(command)
    try:
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
        cipher = sys.modules.get("careerlog.store.cipher")
        if cipher is not None:
            cipher.release()  # a key given for this command only goes with it
