"""Printing for the CLI. Everything a command prints goes through here, and so
through the one display sanitiser (:func:`careerlog.domain.text.printable`): no
escape sequence or C1 control of user origin reaches the terminal, on stdout or
stderr. JSON output is the only thing printed when asked for, with C0 and C1
controls escaped."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from careerlog.domain.datetext import iso_minute
from careerlog.domain.text import json_safe, printable

if TYPE_CHECKING:
    from careerlog.domain.hits import SearchHit
    from careerlog.domain.model import CompetencyLink, Goal


def write(text: str) -> None:
    sys.stdout.write(printable(text))


def write_utf8(pieces: Iterable[bytes]) -> None:
    """UTF-8 text made safe already (an export) to stdout as the bytes it is: encoding
    a yearly JSON export's 3 MB again took ~4 ms."""
    sys.stdout.flush()  # what was written as text goes first
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a stdout that takes text only (a caller's StringIO)
        sys.stdout.writelines(piece.decode("utf-8") for piece in pieces)
        return
    out.writelines(pieces)
    out.flush()


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
    import json  # ~2 ms: only for --json

    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def links_json(links: Iterable[CompetencyLink]) -> list[dict[str, str]]:
    """Competency links for ``--json``: the track each belongs to, its key and its name."""
    return [{"track": c.track_key, "key": c.key, "name": c.label(c.track_key)} for c in links]


def goal_line(goal: Goal) -> str:
    due = f" due {goal.due.isoformat()}" if goal.due else ""
    return printable(f"#{goal.id:<4} {goal.status.value:<8} {goal.progress:>3}%{due}  {goal.title}")


MATCH_COLOUR = "\x1b[1;33m"
"""Bold yellow, for the matches in a snippet on a terminal (bold alone under NO_COLOR)."""
RESET = "\x1b[0m"


def snippet_parts(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet as printable plain text and the ``[start, end)`` character
    offsets of its matches in that text."""
    from careerlog.domain.hits import split_snippet

    plain, spans = "", []
    for piece, is_match in split_snippet(snippet):
        piece = printable(piece).replace("\n", " ").replace("\t", " ")
        if is_match and piece:
            spans.append((len(plain), len(plain) + len(piece)))
        plain += piece
    return plain, spans


def _tags_not_shown(hit: SearchHit, shown: str) -> list[str]:
    """The hit's tags, less those its snippet already shows as ``@tag``."""
    seen = shown.casefold()
    return [tag for tag in hit.tags if f"@{tag}".casefold() not in seen]


def hits_json(hits: list[SearchHit]) -> list[dict[str, Any]]:
    """``careerlog search --json``: each hit with a plain snippet and its match offsets."""
    found = []
    for hit in hits:
        snippet, spans = snippet_parts(hit.snippet)
        found.append(
            {
                "kind": hit.kind,
                "id": hit.id,
                "when": hit.when.isoformat(),
                "title": printable(hit.title),
                "snippet": snippet,
                "matches": [list(span) for span in spans],
                "starred": hit.starred,
                "tags": list(hit.tags),
            }
        )
    return found


def print_hits(hits: list[SearchHit]) -> None:
    """One line per hit. On a terminal the matches are coloured; piped, the snippet is
    plain text. An entry's tags follow unless its snippet already shows them."""
    marked = sys.stdout.isatty()
    start = "\x1b[1m" if os.environ.get("NO_COLOR") else MATCH_COLOUR
    if not hits:
        write("No matches.\n")
    for hit in hits:
        snippet, spans = snippet_parts(hit.snippet)
        shown, at = [], 0
        for first, last in spans if marked else ():
            shown += [snippet[at:first], start, snippet[first:last], RESET]
            at = last
        shown.append(snippet[at:])
        extra = _tags_not_shown(hit, snippet)
        tags = "  " + " ".join(f"@{printable(tag)}" for tag in extra) if extra else ""
        star = "*" if hit.starred else " "
        # Only the colour marks above are careerlog's own escapes; everything else on the
        # line is user text and has passed the sanitiser.
        sys.stdout.write(
            f"{iso_minute(hit.when)} {star} {hit.kind:<12} #{hit.id:<6}{''.join(shown)}{tags}\n"
        )
