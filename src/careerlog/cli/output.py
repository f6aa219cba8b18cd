"""Printing for the CLI. Everything a command prints goes through here, and so
through the one display sanitiser (:func:`careerlog.domain.text.printable`): no
escape sequence or C1 control of user origin reaches the terminal, on stdout or
stderr. JSON output is the only thing printed when asked for, with C0 and C1
controls escaped."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from careerlog.domain.text import json_safe, printable

if TYPE_CHECKING:
    from careerlog.domain.hits import SearchHit
    from careerlog.domain.model import CompetencyLink, Goal


def write(text: str) -> None:
    sys.stdout.write(printable(text))


MAX_MESSAGE = 600
"""Past this, a message (which may quote a 5,000-character argument) keeps its start
and its end, where the advice is."""


def warn(message: str) -> None:
    """One line on stderr, after the program's name."""
    line = " ".join(printable(message).split())
    if len(line) > MAX_MESSAGE:
        line = f"{line[: MAX_MESSAGE // 2]} … {line[-MAX_MESSAGE // 3 :]}"
    sys.stderr.write(f"careerlog: {line}\n")


def emit_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def links_json(links: Iterable[CompetencyLink]) -> list[dict[str, str]]:
    """Competency links for ``--json``: the track each belongs to, its key and its name."""
    return [{"track": c.track_key, "key": c.key, "name": c.label(c.track_key)} for c in links]


def goal_line(goal: Goal) -> str:
    due = f" due {goal.due.isoformat()}" if goal.due else ""
    return printable(f"#{goal.id:<4} {goal.status.value:<8} {goal.progress:>3}%{due}  {goal.title}")


def print_hits(hits: list[SearchHit]) -> None:
    from careerlog.domain.hits import split_snippet

    bold = sys.stdout.isatty()
    if not hits:
        write("No matches.\n")
    for hit in hits:
        star = "*" if hit.starred else " "
        tags = "  " + " ".join(f"@{tag}" for tag in hit.tags) if hit.tags else ""
        parts = []
        for piece, is_match in split_snippet(hit.snippet):
            piece = printable(piece).replace("\n", " ")
            parts.append(
                f"\x1b[1m{piece}\x1b[0m"
                if is_match and bold
                else f"**{piece}**"
                if is_match
                else piece
            )
        # Only the bold marks above are careerlog's own escapes; everything else on
        # the line is user text and passes the sanitiser.
        sys.stdout.write(
            f"{hit.when:%Y-%m-%d %H:%M} {star} {hit.kind:<10} #{hit.id:<6}"
            f"{''.join(parts)}{printable(tags)}\n"
        )
