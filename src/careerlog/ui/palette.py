"""The command palette's careerlog commands (ctrl+p).

Screens that later features bring are named here already; choosing one imports its
``module:Class`` only then, and says when it is coming if the module is not there yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from careerlog.ui.app import CareerlogApp


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str
    help: str
    action: str = ""
    """An app action (``new_goal``), or empty when ``target`` names a screen."""
    target: str = ""
    feature: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("New journal entry", "Write in today's editor", action="new_entry"),
    PaletteCommand("New goal", "Set a goal with milestones", action="new_goal"),
    PaletteCommand("Log learning activity", "A course, book, mentoring…", action="log_activity"),
    PaletteCommand(
        "Start reflection",
        "Answer the prompts that are due",
        target="careerlog.ui.screens.reflection:ReflectionScreen",
        feature="reflections",
    ),
    PaletteCommand(
        "Timeline",
        "Everything, by date",
        target="careerlog.ui.screens.timeline:TimelineScreen",
        feature="the review timeline",
    ),
    PaletteCommand(
        "Review week",
        "Look back over the last week",
        target="careerlog.ui.screens.review:ReviewScreen",
        feature="the review timeline",
        kwargs={"period": "week"},
    ),
    PaletteCommand(
        "Review month",
        "Look back over the last month",
        target="careerlog.ui.screens.review:ReviewScreen",
        feature="the review timeline",
        kwargs={"period": "month"},
    ),
    PaletteCommand(
        "Review quarter",
        "Look back over the last quarter",
        target="careerlog.ui.screens.review:ReviewScreen",
        feature="the review timeline",
        kwargs={"period": "quarter"},
    ),
    PaletteCommand(
        "Track progress",
        "Where you stand against your track",
        target="careerlog.ui.screens.progress:ProgressScreen",
        feature="track progress",
    ),
    PaletteCommand(
        "Track fit",
        "Which track fits you: a short questionnaire",
        target="careerlog.ui.screens.fit:FitScreen",
        feature="the track-fit check",
    ),
    PaletteCommand(
        "Switch track",
        "Choose another track or level",
        target="careerlog.ui.screens.switch_track:SwitchTrackScreen",
        feature="track switching",
    ),
    PaletteCommand(
        "Year in review",
        "Your year, ready to share",
        target="careerlog.ui.screens.year_review:YearReviewScreen",
        feature="the yearly summary",
    ),
    PaletteCommand(
        "Export year",
        "Markdown, HTML or JSON",
        target="careerlog.ui.screens.year_review:YearReviewScreen",
        feature="the yearly summary",
        kwargs={"export": True},
    ),
)


class CareerlogCommands(Provider):
    """careerlog's own commands; all listed when the palette opens empty."""

    def _run(self, command: PaletteCommand) -> Callable[[], Any]:
        app = cast("CareerlogApp", self.app)
        if command.action:
            return partial(app.run_action, command.action)
        return partial(
            app.open_screen, command.name, command.target, command.feature, command.kwargs
        )

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
