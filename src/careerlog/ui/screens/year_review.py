"""Year in review: pick a year, read the summary as it will be shared, and export it
to Markdown, HTML or JSON in a folder the person chooses (home by default).

The preview is the Markdown export, rendered as Markdown (headings, lists, quotes):
its text passes the display sanitiser first, links in it are not followed when
clicked, and nothing in it is read as Textual or Rich markup. Every store read and
file write runs in a thread worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Markdown, Select, Static
from textual.widgets.markdown import MarkdownBlock, MarkdownFence

from careerlog.assets import asset
from careerlog.domain.summary import Omit
from careerlog.domain.text import printable
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.ticks import TickBox
from careerlog.ui.widgets.track_bar import TrackBar

FORMATS = (("md", "Markdown"), ("html", "HTML"), ("json", "JSON"))


def export_name(year: int, fmt: str) -> str:
    return f"careerlog-{year}-in-review.{fmt}"


def saved_line(db: str | None, path: Path) -> str:
    """What an export written to ``path`` says: where it went, and that it is plain text
    when the store itself is encrypted."""
    from careerlog.services.encryption import is_encrypted

    line = f"Saved {printable(str(path))}"
    if is_encrypted(db):
        line += " (not encrypted: anyone who can read the file can read it)"
    return line


class PlainFence(MarkdownFence):
    """A fenced block without a language (the export's month chart) shown as plain
    text. Textual would guess its language with Pygments, which imports every lexer
    Pygments has: ~17 MB of memory and ~0.4 s, to conclude it is plain text."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi, dark)


PART_LINES = 80
"""About how many lines of the preview are rendered at a time (see :class:`Preview`)."""


def parts(markdown: str, lines_each: int = PART_LINES) -> list[str]:
    """``markdown`` cut into parts of at least ``lines_each`` lines, each after the first
    starting at a heading outside a fenced block, so every part renders as it would in
    the whole document."""
    found: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#") and len(current) >= lines_each:
            found.append("".join(current))
            current = []
        current.append(line)
    if current or not found:
        found.append("".join(current))
    return found


class Preview(Markdown):
    """The export's Markdown, its fenced blocks plain text unless they name a language.

    Rendered a part at a time, the next when the person scrolls near the end: Textual
    makes a widget of every block (~30 KB each), and a year of a busy journal is ~450
    of them, ~20 MB for each open preview."""

    def __init__(self, markdown: str, *, id: str) -> None:  # noqa: A002 - Textual's name
        super().__init__(markdown, id=id, open_links=False)
        self._rest: list[str] = []
        self._busy = False

    def get_block_class(self, block_name: str) -> type[MarkdownBlock]:
        if block_name in ("fence", "code_block"):
            return PlainFence
        return super().get_block_class(block_name)

    async def show(self, markdown: str) -> None:
        first, *rest = parts(markdown)
        self._rest = []  # nothing more of the old text once the new one is asked for
        self._busy = True
        try:
            await self.update(first)
        finally:
            self._rest, self._busy = rest, False

    async def more(self) -> None:
        """Render the next part, if any is left (one at a time: Textual's append reads
        where the last one ended)."""
        if self._rest and not self._busy:
            self._busy = True
            try:
                await self.append(self._rest.pop(0))
            finally:
                self._busy = False

    @property
    def complete(self) -> bool:
        return not self._rest


class YearReviewScreen(CareerlogScreen[None]):
    """``export=True`` (the palette's "Export year") puts the focus on the folder field."""

    help_title = "Year in review"
    CSS_PATH = asset("styles", "year_review.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+e", "export('html')", "Export HTML", id="year-review-export"),
    ]

    class Loaded(Message):
        def __init__(self, year: int, years: list[int], preview: str) -> None:
            super().__init__()
            self.year, self.years, self.preview = year, years, preview

    class Exported(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, export: bool = False) -> None:
        super().__init__()
        self.export_mode = export
        self.year = 0

    def compose(self) -> ComposeResult:
        year = app_of(self).now().year
        self.year = year
        yield TrackBar("Year in review")
        with Horizontal(id="year-review-controls"):
            with Horizontal(id="year-review-where"):
                yield Label("Year", classes="field-label")
                yield Select(
                    [(str(year), year)],
                    value=year,
                    allow_blank=False,
                    id="year-select",
                    compact=True,
                    classes="field",
                )
                yield Label("Folder", classes="field-label")
                yield Input(
                    str(Path.home()),
                    id="export-folder",
                    placeholder="folder to export into",
                    compact=True,
                    classes="field",
                )
            with Horizontal(id="year-review-buttons"):
                yield Label("Export", classes="field-label")
                for fmt, label in FORMATS:
                    yield Button(label, id=f"export-{fmt}", classes="export-button", compact=True)
        with Horizontal(id="year-review-omit"):
            yield Label("For someone else:", classes="field-label")
            yield TickBox("no journal", compact=True, id="year-no-journal")
            yield TickBox("no reflections", compact=True, id="year-no-reflections")
        yield Static(Text("", style="dim"), id="export-status", classes="lines")
        with VerticalScroll(id="year-review-preview"):
            yield Preview("Loading…", id="year-review-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.export_mode:
            self.focus_export()
        else:
            self.query_one("#year-review-preview").focus()
        self.follow_store(lambda: self._load(self.year))
        scroller = self.query_one("#year-review-preview", VerticalScroll)
        self.watch(scroller, "scroll_y", self._near_the_end, init=False)
        self.watch(scroller, "virtual_size", self._near_the_end, init=False)

    def _near_the_end(self) -> None:
        """Render the preview's next part once less than a screenful is left below."""
        scroller = self.query_one("#year-review-preview", VerticalScroll)
        preview = self.query_one("#year-review-text", Preview)
        near = scroller.scroll_y >= scroller.max_scroll_y - scroller.size.height
        if near and not preview.complete:
            self.run_worker(self._more(preview), group="year-review-more")

    async def _more(self, preview: Preview) -> None:
        await preview.more()
        self.call_after_refresh(self._near_the_end)

    @work(thread=True, exclusive=True, exit_on_error=False, group="year-review-load")
    def _load(self, year: int) -> None:
        from careerlog.io.export.to_md import render
        from careerlog.services.exchange.records import first_day
        from careerlog.services.summary import summarize, year_range

        store = self.store
        this_year = app_of(self).now().year
        first = first_day(store)
        oldest = min(first.year if first else this_year, year)
        years = list(range(max(this_year, year), oldest - 1, -1))
        start, end = year_range(year)
        preview = render(summarize(store, start, end, today=app_of(self).now().date()))
        self.post_message(self.Loaded(year, years, preview))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        select: Select[int] = self.query_one("#year-select", Select)
        with self.prevent(Select.Changed):
            select.set_options([(str(y), y) for y in message.years])
            select.value = message.year
        await self.query_one("#year-review-text", Preview).show(printable(message.preview))
        self.call_after_refresh(self._near_the_end)

    @on(Select.Changed, "#year-select")
    async def _year_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.year:
            self.year = event.value
            await self.query_one("#year-review-text", Preview).show("Loading…")
            self._load(event.value)

    @on(Button.Pressed, ".export-button")
    def _export_pressed(self, event: Button.Pressed) -> None:
        self.action_export((event.button.id or "export-md").removeprefix("export-"))

    @on(Input.Submitted, "#export-folder")
    def _folder_submitted(self) -> None:
        self.action_export("html")

    def _omit(self) -> Omit:
        return Omit(
            journal=self.query_one("#year-no-journal", TickBox).value,
            reflections=self.query_one("#year-no-reflections", TickBox).value,
        )

    def action_export(self, fmt: str) -> None:
        folder = Path(self.query_one("#export-folder", Input).value.strip() or str(Path.home()))
        self.query_one("#export-status", Static).update(Text(f"Exporting {fmt}…", style="dim"))
        self._export(self.year, fmt, folder.expanduser(), self._omit())

    @work(thread=True, exit_on_error=False, group="year-review-export")
    def _export(self, year: int, fmt: str, folder: Path, omit: Omit) -> None:
        from careerlog.atomic import write_text
        from careerlog.domain.errors import CareerlogError
        from careerlog.io.export import export_text
        from careerlog.services.summary import year_range

        if not folder.is_dir():
            raise CareerlogError(f"the folder {folder} does not exist; nothing was written")
        start, end = year_range(year)
        text = export_text(self.store, fmt, start, end, omit)
        self.post_message(self.Exported(write_text(folder / export_name(year, fmt), text)))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        line = saved_line(app_of(self).db, message.path)
        self.query_one("#export-status", Static).update(Text(line))
        self.notify(line, markup=False)

    def focus_export(self) -> None:
        self.query_one("#export-folder", Input).focus()
