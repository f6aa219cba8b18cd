"""Which goals and competencies an entry is linked to (kept apart from the picker so the
Today screen can hold links without importing the picker before its first frame)."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.widgets import Static

from careerlog.domain.model import CompetencyLink
from careerlog.domain.text import printable


class Links(NamedTuple):
    goal_ids: tuple[int, ...] = ()
    competencies: tuple[CompetencyLink, ...] = ()
    """Every competency link, on any track: the picker changes only the chosen track's
    and hands the others back untouched."""

    def __bool__(self) -> bool:
        return bool(self.goal_ids or self.competencies)


def earlier_links(links: tuple[CompetencyLink, ...], track_key: str | None) -> list[Static]:
    """A line naming a record's links to other tracks' competencies, which an edit keeps
    (the form offers only the chosen track's)."""
    others = [link for link in links if link.track_key != track_key]
    if not others:
        return []
    text = Text("Also linked on earlier tracks (kept): ", style="dim")
    text.append(", ".join(printable(link.label(track_key)) for link in others), style="dim italic")
    return [Static(text, classes="hint")]
