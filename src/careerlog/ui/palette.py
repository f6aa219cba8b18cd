"""The command palette's careerlog commands (ctrl+p).

Each command is a typed call on the app; screens come from :mod:`careerlog.ui.places`,
so they are imported only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from careerlog.ui import places

if TYPE_CHECKING:
    from careerlog.ui.app import CareerlogApp


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str
    help: str
    run: Callable[[CareerlogApp], object]
    """Called with the app when the command is chosen (a coroutine is awaited)."""


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("New journal entry", "Write in today's editor", lambda a: a.action_new_entry()),
    PaletteCommand("New goal", "Set a goal with milestones", lambda a: a.action_new_goal()),
    PaletteCommand(
        "Log learning activity", "A course, book, mentoring…", lambda a: a.action_log_activity()
    ),
    PaletteCommand(
        "Start reflection",
        "Answer the prompts that are due",
        lambda a: a.push_screen(places.reflection()),
    ),
    PaletteCommand("Timeline", "Everything, by date", lambda a: a.push_screen(places.timeline())),
    PaletteCommand(
        "Review week",
        "The week just ended (c: this week)",
        lambda a: a.push_screen(places.review("week")),
    ),
    PaletteCommand(
        "Review month",
        "The month just ended (c: this month)",
        lambda a: a.push_screen(places.review("month")),
    ),
    PaletteCommand(
        "Review quarter",
        "The quarter just ended (c: this quarter)",
        lambda a: a.push_screen(places.review("quarter")),
    ),
    PaletteCommand(
        "Track progress",
        "Where you stand against your track",
        lambda a: a.push_screen(places.progress()),
    ),
    PaletteCommand(
        "Track fit",
        "Which track fits you: a short questionnaire",
        lambda a: a.push_screen(places.fit()),
    ),
    PaletteCommand(
        "Switch track",
        "Choose another track or level",
        lambda a: a.push_screen(places.switch_track()),
    ),
    PaletteCommand(
        "Year in review",
        "Your year, ready to share",
        lambda a: a.push_screen(places.year_review()),
    ),
    PaletteCommand(
        "Export year",
        "Markdown, HTML or JSON",
        lambda a: a.push_screen(places.year_review(export=True)),
    ),
)


class CareerlogCommands(Provider):
    """careerlog's own commands; all listed when the palette opens empty."""

    def _run(self, command: PaletteCommand) -> Callable[[], Any]:
        return partial(command.run, cast("CareerlogApp", self.app))

    async def discover(self) -> Hits:
        for command in COMMANDS:
            yield DiscoveryHit(command.name, self._run(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in COMMANDS:
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.name), self._run(command), help=command.help
                )
