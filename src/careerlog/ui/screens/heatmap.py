"""A year of activity as a calendar heatmap, with the writing streaks and their grace
rule. Picking a day returns it, so the timeline can jump there."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.streaks import Grace
from careerlog.domain.text import count_text
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.formats import day_text
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.heatmap import Heatmap
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.domain.streaks import Streaks

GRACE_WORDS = {
    Grace.NONE: "none (every day counts)",
    Grace.WEEKENDS: "weekends never break a streak",
    Grace.ONE_DAY: "one missed day is forgiven",
}


def _days(n: int) -> str:
    return count_text(n, "day")


def streak_text(streaks: Streaks, grace: Grace) -> Text:
    text = Text("Current streak ", style="dim")
    text.append(_days(streaks.current), style="bold")
    text.append(" · longest ", style="dim")
    text.append(_days(streaks.longest), style="bold")
    if streaks.longest_start and streaks.longest_end and streaks.longest > 1:
        text.append(
            f" ({day_text(streaks.longest_start)} to {day_text(streaks.longest_end)})", style="dim"
        )
    text.append("\nGrace: ", style="dim")
    text.append(GRACE_WORDS[grace])
    return text


class HeatmapScreen(CareerlogScreen[date | None]):
    """← → ↑ ↓ move, enter opens the day in the timeline, [ ] change year, w grace."""

    help_title = "Heatmap"
    CSS_PATH = asset("styles", "timeline.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", "Year before", id="heatmap-prev"),
        Binding("right_square_bracket", "year(1)", "Year after", id="heatmap-next"),
        Binding("w", "cycle_grace", "Grace rule", id="heatmap-grace"),
    ]

    class Loaded(Message):
        def __init__(
            self, year: int, counts: dict[date, int], streaks: Streaks, grace: Grace
        ) -> None:
            super().__init__()
            self.year = year
            self.counts = counts
            self.streaks = streaks
            self.grace = grace

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.grace = Grace.NONE

    def compose(self) -> ComposeResult:
        yield TrackBar("Heatmap")
        yield Static(Text("Loading…", style="dim"), id="heatmap-title")
        yield Heatmap(self.year or date.today().year, id="heatmap")
        yield Static(Text(""), id="heatmap-day")
        yield Static(Text(""), id="heatmap-streaks")
        yield KeyFooter()

    def on_mount(self) -> None:
        today = app_of(self).now().date()
        self.year = self.year or today.year
        self._load(self.year, today, None)
        self.query_one(Heatmap).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="heatmap-load")
    def _load(self, year: int, today: date, grace: Grace | None) -> None:
        from careerlog import config
        from careerlog.services.stats import current_streaks, grace_setting
        from careerlog.services.timeline import day_counts

        if grace is not None:
            config.update("streak", grace=grace.value)
        grace = grace or grace_setting()
        counts = day_counts(self.store, date(year, 1, 1), date(year, 12, 31))
        streaks = current_streaks(self.store, today=today, grace=grace)
        self.post_message(self.Loaded(year, counts, streaks, grace))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.year, self.grace = message.year, message.grace
        today = app_of(self).now().date()
        heatmap = self.query_one(Heatmap)
        heatmap.show(message.year, message.counts, today)
        total, days = sum(message.counts.values()), len(message.counts)
        title = Text(f"{message.year}", style="bold")
        title.append(f" · {total:,} items on {days:,} days", style="dim")
        self.query_one("#heatmap-title", Static).update(title)
        self.query_one("#heatmap-streaks", Static).update(
            streak_text(message.streaks, message.grace)
        )
        self._describe(heatmap.cursor, message.counts.get(heatmap.cursor, 0))

    def _describe(self, day: date, count: int) -> None:
        text = Text(f"{day_text(day, weekday=True)}: ", style="dim")
        text.append("nothing" if not count else f"{count} item{'s' if count != 1 else ''}")
        self.query_one("#heatmap-day", Static).update(text)

    @on(Heatmap.CursorMoved)
    def _moved(self, message: Heatmap.CursorMoved) -> None:
        self._describe(message.day, message.count)

    @on(Heatmap.DayPicked)
    def _picked(self, message: Heatmap.DayPicked) -> None:
        self.dismiss(message.day)

    def action_year(self, step: int) -> None:
        if self.year is not None:
            self._load(self.year + step, app_of(self).now().date(), None)

    def action_cycle_grace(self) -> None:
        order = list(Grace)
        grace = order[(order.index(self.grace) + 1) % len(order)]
        if self.year is not None:
            self._load(self.year, app_of(self).now().date(), grace)
