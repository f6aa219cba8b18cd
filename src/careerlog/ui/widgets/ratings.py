"""The rating part of a reflection: each competency of the chosen track with what the
next level asks of it, the person's own rating and, beside it, the manager's.

Competencies marked not applicable are shown with their reason and not rated; the
period's focus comes first, marked ◆.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from careerlog.domain.text import printable
from careerlog.ui.formats import day_text
from careerlog.ui.widgets.scale import ScaleInput

if TYPE_CHECKING:
    from careerlog.domain.career.progress import RatingPoint
    from careerlog.domain.model import Competency, TrackChoice

RATING_WORDS = {1: "beginner", 2: "developing", 3: "capable", 4: "strong", 5: "expert"}
SELF, MANAGER = "rate-", "mgr-"


def _ordered(competencies: Iterable[Competency], focus: Iterable[str]) -> list[Competency]:
    first = set(focus)
    comps = list(competencies)
    return [c for c in comps if c.key in first] + [c for c in comps if c.key not in first]


def rating_widgets(
    choice: TrackChoice | None,
    latest: Mapping[str, RatingPoint],
    drafted: Mapping[str, int],
    drafted_manager: Mapping[str, int],
    not_applicable: Mapping[str, str],
    focus: Iterable[str],
) -> list[Widget]:
    """One block per competency: its expectation now and next, the next level's signals
    (and what the expected rating means on this track), the person's scale and the
    manager's (left empty unless the manager gave one)."""
    if choice is None:
        return [Static(Text("Choose a track (Switch track) to rate your competencies."))]
    track, index = choice.track, choice.track.level_index(choice.level_key)
    nxt = track.next_level(choice.level_key)
    head = Text("Rate each competency, 1 to 5", style="bold")
    head.append(f"  (expected at {printable(choice.level.name)}", style="dim")
    head.append(f" → at {printable(nxt.name)})" if nxt else ")", style="dim")
    head.append("\nYour own rating first; the second scale is for your manager's, if they "
                "gave you one.", style="dim")  # fmt: skip
    blocks: list[Widget] = [Static(head, classes="section-title")]
    focused = set(focus)
    for comp in _ordered(track.competencies, focus):
        title = Text("◆ " if comp.key in focused else "", style="bold yellow")
        title.append(printable(comp.name), style="bold")
        if comp.key in not_applicable:
            title.append("   not applicable: ", style="dim")
            title.append(printable(not_applicable[comp.key]), style="dim italic")
            blocks.append(Vertical(Static(title), classes="competency"))
            continue
        title.append(f"   expected {comp.expected[index]}")
        if nxt is not None:
            title.append(f" now, {comp.expected[index + 1]} next")
        last = latest.get(comp.key)
        if last is not None and last.carried:
            title.append(
                f"   carried {last.value} from {printable(last.track_name)} ({day_text(last.day)})",
                style="dim",
            )
        elif last is not None:
            title.append(f"   last rating {last.value}", style="dim")
        parts: list[Widget] = [Static(title)]
        parts.append(Static(_next_level(comp, choice, index), classes="signals"))
        # Start from the last rating given on this track; a carried one is only shown.
        value = drafted.get(comp.key, last.value if last and not last.carried else None)
        parts.append(
            ScaleInput(
                1, 5, value=value, left="you    ", right="5", words=RATING_WORDS,
                id=f"{SELF}{comp.key}",
            )
        )  # fmt: skip
        parts.append(
            ScaleInput(
                1, 5, value=drafted_manager.get(comp.key), left="manager", right="5",
                words=RATING_WORDS, empty="no manager rating", id=f"{MANAGER}{comp.key}",
            )
        )  # fmt: skip
        blocks.append(Vertical(*parts, classes="competency"))
    return blocks


def _next_level(comp: Competency, choice: TrackChoice, index: int) -> Text:
    """What the next level looks like for ``comp`` (or this level, at the top)."""
    track = choice.track
    nxt = track.next_level(choice.level_key)
    level = nxt or choice.level
    expected = comp.expected[index + 1] if nxt else comp.expected[index]
    at = comp.at(level.key)
    text = Text(f"At {printable(level.name)}: ", style="dim bold")
    text.append("; ".join(printable(s) for s in at.signals), style="dim italic")
    if at.examples:
        text.append(f"\n  e.g. {'; '.join(printable(e) for e in at.examples)}", style="dim")
    meaning = track.meaning(expected)
    if meaning:
        text.append(f"\n  {expected} here means: {printable(meaning)}", style="dim")
    return text


def scale_values(scales: Iterable[ScaleInput], prefix: str) -> dict[str, int]:
    """Competency key → value of the scales whose id starts with ``prefix``."""
    return {
        scale.id.removeprefix(prefix): scale.value
        for scale in scales
        if scale.id and scale.id.startswith(prefix) and scale.value is not None
    }
