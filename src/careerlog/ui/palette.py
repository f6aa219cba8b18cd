"""The command palette's careerlog commands (ctrl+p).

Each command is a typed call on the app; screens come from :mod:`careerlog.ui.places`,
so they are imported only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from careerlog.ui import places

if TYPE_CHECKING:
    from careerlog.ui.app import CareerlogApp


class PaletteCommand(NamedTuple):
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
    PaletteCommand("Today", "Write and see today's entries (F2)", lambda a: a.action_go("today")),
    PaletteCommand("Goals", "Goals and milestones (F3)", lambda a: a.action_go("goals")),
    PaletteCommand("Learning", "Learning activities (F4)", lambda a: a.action_go("learning")),
    PaletteCommand("Timeline", "Everything, by date (F5)", lambda a: a.action_go("timeline")),
    PaletteCommand(
        "Review week",
        "The week just ended (F6; c: this week)",
        lambda a: a.action_review("week"),
    ),
    PaletteCommand(
        "Review month",
        "The month just ended (c: this month)",
        lambda a: a.action_review("month"),
    ),
    PaletteCommand(
        "Review quarter",
        "The quarter just ended (c: this quarter)",
        lambda a: a.action_review("quarter"),
    ),
    PaletteCommand(
        "Track progress",
        "Where you stand against your track (F7)",
        lambda a: a.action_go("progress"),
    ),
    PaletteCommand(
        "Year in review", "Your year, ready to share (F8)", lambda a: a.action_go("year")
    ),
    PaletteCommand("Export year", "Markdown, HTML or JSON", lambda a: a.action_export_year()),
    PaletteCommand(
        "Promotion packet",
        "Your next level's competencies with their evidence, to share",
        lambda a: a.push_screen(places.packet()),
    ),
    PaletteCommand(
        "Log feedback",
        "Keep what someone said about your work",
        lambda a: a.push_screen(places.feedback(new=True)),
    ),
    PaletteCommand(
        "Feedback",
        "What others said, newest first",
        lambda a: a.push_screen(places.feedback()),
    ),
    PaletteCommand(
        "Track fit",
        "Which track fits you: a short questionnaire (F9)",
        lambda a: a.action_go("fit"),
    ),
    PaletteCommand(
        "Switch track", "Choose another track or level (F10)", lambda a: a.action_switch_track()
    ),
)
"""careerlog's own commands, in the order the palette lists them."""


class CareerlogCommands(Provider):
    """careerlog's commands, then the app's few system ones; all listed when the palette
    opens empty, careerlog's first."""

    @property
    def careerlog_app(self) -> CareerlogApp:
        return cast("CareerlogApp", self.app)

    def _all(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.careerlog_app
        found: list[tuple[str, str, Callable[[], Any]]] = [
            (c.name, c.help, partial(c.run, app)) for c in COMMANDS
        ]
        found += [(c.title, c.help, c.callback) for c in app.get_system_commands(self.screen)]
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._all():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._all():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
