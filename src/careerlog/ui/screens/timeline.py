"""The review timeline: every record in one stream, filtered, searched, opened in place.

Every read runs in a thread worker and comes back as a message. A change of filter
bumps ``generation``, so rows that arrive for an older filter are dropped.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.errors import CareerlogError
from careerlog.domain.timeline import Grouping, TimelineFilter, TimelineItem
from careerlog.ui.base import CareerlogScreen, app_of, describe_error
from careerlog.ui.formats import day_text
from careerlog.ui.messages import DataChange
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.timeline_filters import SearchPlace, TimelineFilters
from careerlog.ui.widgets.timeline_view import (
    TimelineView,
    detail_text,
    on_this_day_text,
    snippet_text,
)
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.services.timeline import Page

PAGE = 60
RANKED = 200
"""How many best matches the relevance order shows."""


class TimelineScreen(CareerlogScreen[None]):
    """/ search, j jump to a date, g day/week/month, o on this day, h heatmap."""

    help_title = "Timeline"
    CSS_PATH = asset("styles", "timeline.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_input('search')", "Search", id="timeline-search"),
        Binding("j", "focus_input('jump')", "Jump to date", id="timeline-jump"),
        Binding("f", "more_filters", "More filters", id="timeline-more-filters"),
        Binding("g", "cycle_grouping", "Group", id="timeline-group"),
        Binding("o", "on_this_day", "On this day", id="timeline-on-this-day"),
        Binding("h", "heatmap", "Heatmap", id="timeline-heatmap"),
        Binding("s", "toggle_order", "Date/relevance", id="timeline-order"),
    ]

    class Loaded(Message):
        def __init__(
            self,
            generation: int,
            total: int,
            page: Page,
            note: str = "",
            cursor: int | None = None,
        ) -> None:
            super().__init__()
            self.generation = generation
            self.total = total
            self.page = page
            self.note = note
            self.cursor = cursor

    class RowsLoaded(Message):
        def __init__(
            self,
            generation: int,
            offset: int,
            items: tuple[TimelineItem, ...],
            requested: int,
            last: bool,
        ) -> None:
            super().__init__()
            self.last = last
            self.generation = generation
            self.offset = offset
            self.items = items
            self.requested = requested

    class Opened(Message):
        def __init__(self, text: Text) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__()
        self.filter = TimelineFilter()
        self.by_relevance = False
        """With a search: best matches first (FTS rank) instead of newest first."""
        self.generation = 0
        self.total = 0
        self.filters_mounted = False
        self._place = SearchPlace()

    def compose(self) -> ComposeResult:
        yield TrackBar("Timeline")
        # The filter rows keep their place but get their widgets after the first rows
        # are on screen: a dozen inputs and selects cost more to build than a page.
        yield Vertical(id="filters-slot")
        yield Static(Text("Loading…", style="dim"), id="timeline-status")
        with Horizontal(id="timeline-body"):
            yield TimelineView(id="stream")
            with VerticalScroll(id="timeline-detail"):
                yield Static(Text(""), id="detail-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#timeline-detail").display = False
        self.query_one(TimelineView).focus()
        self.follow_store(self._reload, self._store_changed)

    async def _mount_filters(self) -> None:
        filters = TimelineFilters(id="timeline-search")
        await self.query_one("#filters-slot").mount(filters)
        filters.show_more(not self.has_class("-short"))

    @property
    def filters(self) -> TimelineFilters:
        return self.query_one(TimelineFilters)

    # -- loading -----------------------------------------------------------------------

    @property
    def ranked(self) -> bool:
        return self.by_relevance and bool(self.filter.query.strip())

    def _store_changed(self, change: DataChange) -> None:
        """Another program's write leaves the reader where they were (a jump back to the
        day under the cursor); at the top, or after this app's own write, read afresh."""
        view = self.query_one(TimelineView)
        if not change.elsewhere or not view.cursor or self.ranked:
            self._reload()
            return
        self.generation += 1
        current = view.current
        if current is not None:
            self._load(self.generation, self.filter, current.when.date(), keep=True)
        else:  # the cursor's row is still being read: keep its place in the stream
            self._load(self.generation, self.filter, None, row=view.cursor)

    def _reload(self) -> None:
        self.generation += 1
        self._load(self.generation, self.filter, None, self.ranked)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline-load")
    def _load(
        self,
        generation: int,
        flt: TimelineFilter,
        day: date | None,
        ranked: bool = False,
        keep: bool = False,
        row: int | None = None,
    ) -> None:
        from careerlog.services import timeline

        store = self.store
        if ranked:
            items = timeline.best_matches(store, flt, limit=RANKED)
            page = timeline.Page(items, older=False, newer=False, offset=0)
            self.post_message(self.Loaded(generation, len(items), page))
        elif row is not None:  # the same place in a stream that changed underneath
            total = timeline.count(store, flt)
            cursor = min(row, max(total - 1, 0))
            page = timeline.page_at(store, flt, max(cursor - PAGE // 2, 0), limit=PAGE)
            self.post_message(self.Loaded(generation, total, page, cursor=cursor))
        elif day is None:
            total, page = timeline.open_view(store, flt, limit=PAGE)
            self.post_message(self.Loaded(generation, total, page))
        elif keep:  # the stream changed underneath: count it again, stay on the day
            total = timeline.count(store, flt)
            page = timeline.jump(store, flt, day, limit=PAGE, total=total)
            self.post_message(self.Loaded(generation, total, page))
        else:
            total = self.total
            page = timeline.jump(store, flt, day, limit=PAGE, total=total)
            note = f"Jumped to {day_text(day, weekday=True)}"
            self.post_message(self.Loaded(generation, total, page, note))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self.generation:
            return
        self.total = message.total
        view = self.query_one(TimelineView)
        view.reset(message.total, message.page.offset or 0, message.page.items, message.cursor)
        self._status(message.note)
        if not self.filters_mounted:
            self.filters_mounted = True
            self.call_after_refresh(self._mount_filters)

    def _status(self, note: str = "") -> None:
        view = self.query_one(TimelineView)
        if self.total:
            plural = "item" if self.total == 1 else "items"
            text = Text(f"{self.total:,} {plural}", style="bold")
            order = f"best matches first (top {RANKED})" if self.ranked else "newest first"
            text.append(f" · grouped by {view.grouping.value} · {order}", style="dim")
        else:
            text = Text("Nothing matches these filters.", style="dim")
        if note:
            text.append(f" · {note}", style="dim")
        self.query_one("#timeline-status", Static).update(text)

    @on(TimelineView.RowsWanted)
    def _rows_wanted(self, message: TimelineView.RowsWanted) -> None:
        self._load_rows(self.generation, self.filter, message.row, message.before, message.after)

    @work(thread=True, exit_on_error=False, group="timeline-rows")
    def _load_rows(
        self, generation: int, flt: TimelineFilter, row: int, before: Any, after: Any
    ) -> None:
        from careerlog.services import timeline

        store = self.store
        if before is not None:
            page = timeline.page(store, flt, before=before, limit=PAGE)
            self.post_message(self.RowsLoaded(generation, row, page.items, row, not page.older))
        elif after is not None:
            page = timeline.page(store, flt, after=after, limit=PAGE)
            start = row - len(page.items) + 1
            self.post_message(self.RowsLoaded(generation, start, page.items, row, False))
        else:
            start = max(row - PAGE // 2, 0)
            page = timeline.page_at(store, flt, start, limit=PAGE)
            last = not page.older
            self.post_message(self.RowsLoaded(generation, start, page.items, row, last))

    @on(RowsLoaded)
    def _rows_loaded(self, message: RowsLoaded) -> None:
        view = self.query_one(TimelineView)
        if message.generation != self.generation:
            view.loading = False
            return
        view.add_rows(message.offset, message.items, message.requested, message.last)

    # -- filters -----------------------------------------------------------------------

    @on(TimelineFilters.Changed)
    def _apply_filters(self) -> None:
        try:
            flt = self.filters.current(app_of(self).now())
        except CareerlogError as error:
            self.query_one("#timeline-status", Static).update(
                Text(describe_error(error), style="bold red")
            )
            return
        if flt == self.filter:
            return
        view = self.query_one(TimelineView)
        here = view.current.when.date() if view.current is not None and view.cursor else None
        place = self._place.after_change(
            bool(self.filter.query.strip()), bool(flt.query.strip()), here
        )
        self.filter = flt
        if place is not None:
            self.generation += 1
            self._load(self.generation, flt, place, keep=True)
        else:
            self._reload()

    @on(TimelineFilters.Jump)
    def _jump(self, message: TimelineFilters.Jump) -> None:
        from careerlog.domain.when import parse_day

        try:
            day = parse_day(message.value, app_of(self).now())
        except CareerlogError as error:
            self.query_one("#timeline-status", Static).update(
                Text(describe_error(error), style="bold red")
            )
            return
        self.jump_to(day)
        self.query_one(TimelineView).focus()

    @on(TimelineFilters.Done)
    def _filters_done(self) -> None:
        self.query_one(TimelineView).focus()

    def action_more_filters(self) -> None:
        if self.filters_mounted:
            self.filters.show_more(not self.filters.more_shown, focus=True)

    def jump_to(self, day: date) -> None:
        self.by_relevance = False  # a date only means something in date order
        self._place.jumped(day, bool(self.filter.query.strip()))
        self.generation += 1
        self._load(self.generation, self.filter, day)

    # -- opening -----------------------------------------------------------------------

    @on(TimelineView.ItemChosen)
    def _chosen(self, message: TimelineView.ItemChosen) -> None:
        self._open(message.item)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline-open")
    def _open(self, item: TimelineItem) -> None:
        from careerlog.services.timeline.detail import item_detail

        text = detail_text(item_detail(self.store, item))
        if item.snippet:
            match = self.query_one(TimelineView).get_component_rich_style("timeline-view--match")
            text.append("\n\nMatched: ", style="dim")
            text.append_text(snippet_text(item.snippet, match))
        self.post_message(self.Opened(text))

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        self.query_one("#detail-text", Static).update(message.text)
        panel = self.query_one("#timeline-detail")
        panel.display = True
        self.add_class("-reading")  # at 80 columns the item takes the stream's place
        panel.scroll_home(animate=False)

    def action_on_this_day(self) -> None:
        self._on_this_day(app_of(self).now().date())

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline-open")
    def _on_this_day(self, day: date) -> None:
        from careerlog.services.timeline import on_this_day

        self.post_message(self.Opened(on_this_day_text(day, on_this_day(self.store, day))))

    async def action_close(self) -> None:
        panel = self.query_one("#timeline-detail")
        if panel.display:
            panel.display = False
            self.remove_class("-reading")
            self.query_one(TimelineView).focus()
        else:
            await super().action_close()

    def action_focus_input(self, selector: str) -> None:
        if self.filters_mounted:
            self.filters.focus_field(selector)

    def action_toggle_order(self) -> None:
        if not self.filter.query.strip():
            self.notify("Relevance order needs a search", markup=False)
            return
        self.by_relevance = not self.by_relevance
        self._reload()

    def action_cycle_grouping(self) -> None:
        view = self.query_one(TimelineView)
        order = list(Grouping)
        view.grouping = order[(order.index(view.grouping) + 1) % len(order)]
        view.refresh()
        self._status()

    def action_heatmap(self) -> None:
        from careerlog.ui.screens.heatmap import HeatmapScreen

        item = self.query_one(TimelineView).current
        year = item.when.year if item else app_of(self).now().year

        def picked(day: date | None) -> None:
            if day is not None:
                self.jump_to(day)

        self.app.push_screen(HeatmapScreen(year), picked)
