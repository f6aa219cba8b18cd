"""Today's editor and the line under it that says what a save will keep besides the
text: the star, the tags found in it, the links chosen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from careerlog.domain.text import find_tags
from careerlog.ui.widgets.links import Links


class JournalEditor(TextArea):
    """Today's editor: its own keys show in the footer only while it has the focus."""

    help_group: ClassVar[str] = "Editor"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "screen.star", "Star", id="star"),
        Binding("ctrl+l", "screen.links", "Link", id="link"),
        Binding("escape", "screen.close", "Entries", id="to-entries"),
    ]


def meta_line(text: str, starred: bool, links: Links) -> Text:
    """``☆ not starred  tags: @ops  links: 2 (ctrl+l)``."""
    meta = Text()
    meta.append("★ starred" if starred else "☆ not starred", style="yellow")
    tags = find_tags(text)
    meta.append("  tags: ", style="dim")
    meta.append(" ".join(f"@{tag}" for tag in tags) if tags else "none")
    meta.append("  links: ", style="dim")
    count = len(links.goal_ids) + len(links.competencies)
    meta.append(f"{count} (ctrl+l)" if count else "none (ctrl+l)")
    return meta
