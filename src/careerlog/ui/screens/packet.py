"""Promotion packet: for each competency of the next level, its expectation, the
person's and the manager's rating and the period's dated evidence, read here as it will
be shared and exported to Markdown, HTML or JSON. The journal and the reflections can be
left out, as for a document meant for a manager."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from careerlog.assets import asset
from careerlog.domain.errors import CareerlogError
from careerlog.domain.summary import Omit
from careerlog.domain.text import printable
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.ticks import TickBox
from careerlog.ui.widgets.track_bar import TrackBar

FORMATS = (("md", "Markdown"), ("html", "HTML"), ("json", "JSON"))
LAST_YEAR = 0
"""The period picker's "last twelve months"; any other value is a calendar year."""


def packet_name(fmt: str, made: date) -> str:
    return f"careerlog-promotion-packet-{made:%Y-%m-%d}.{fmt}"


class PacketScreen(CareerlogScreen[None]):
    help_title = "Promotion packet"
    CSS_PATH = asset("styles", "packet.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+e", "export('html')", "Export HTML", id="packet-export-html"),
    ]

    class Loaded(Message):
        def __init__(self, preview: str, years: list[int]) -> None:
            super().__init__()
            self.preview, self.years = preview, years

    class Exported(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self) -> None:
        super().__init__()
        self.years: list[int] = []

    def compose(self) -> ComposeResult:
        yield TrackBar("Promotion packet")
        with Horizontal(id="packet-controls"):
            yield Label("Evidence of", classes="field-label")
            yield Select(
                [("last 12 months", LAST_YEAR)],
                value=LAST_YEAR,
                allow_blank=False,
                compact=True,
                id="packet-period",
                classes="field",
            )
            yield TickBox("no journal", compact=True, id="packet-no-journal")
            yield TickBox("no reflections", compact=True, id="packet-no-reflections")
        with Horizontal(id="packet-export"):
            yield Label("Folder", classes="field-label")
            yield Input(
                str(Path.home()),
                id="packet-folder",
                placeholder="folder to export into",
                compact=True,
                classes="field",
            )
            for fmt, label in FORMATS:
                yield Button(label, id=f"packet-{fmt}", classes="export-button", compact=True)
        yield Static(Text("", style="dim"), id="packet-status")
        with VerticalScroll(id="packet-preview"):
            yield Static(Text("Loading…", style="dim"), id="packet-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#packet-preview").focus()
        self.follow_store(self._reload)

    def _choices(self) -> tuple[date | None, date | None, Omit]:
        period = self.query_one("#packet-period", Select).value
        omit = Omit(
            journal=self.query_one("#packet-no-journal", TickBox).value,
            reflections=self.query_one("#packet-no-reflections", TickBox).value,
        )
        if isinstance(period, int) and period != LAST_YEAR:
            return date(period, 1, 1), date(period, 12, 31), omit
        return None, None, omit

    def _reload(self) -> None:
        start, end, omit = self._choices()
        self._load(start, end, omit)

    @on(Select.Changed, "#packet-period")
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.query_one("#packet-text", Static).update(Text("Loading…", style="dim"))
        self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="packet-load")
    def _load(self, start: date | None, end: date | None, omit: Omit) -> None:
        from careerlog.io.export.packet import render_md
        from careerlog.services.career.packet import build_packet
        from careerlog.services.exchange.records import first_day

        today = app_of(self).now().date()
        first = first_day(self.store)
        years = list(range(today.year, (first.year if first else today.year) - 1, -1))
        try:
            preview = render_md(build_packet(self.store, start, end, today=today, omit=omit))
        except CareerlogError as error:  # no track chosen yet: say what to do instead
            preview = str(error).capitalize() + "."
        self.post_message(self.Loaded(preview, years))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        if message.years != self.years:
            self.years = message.years
            select: Select[int] = self.query_one("#packet-period", Select)
            with self.prevent(Select.Changed):
                value = select.value
                select.set_options(
                    [("last 12 months", LAST_YEAR), *((str(y), y) for y in message.years)]
                )
                select.value = value
        self.query_one("#packet-text", Static).update(Text(printable(message.preview)))

    @on(Button.Pressed, ".export-button")
    def _export_pressed(self, event: Button.Pressed) -> None:
        self.action_export((event.button.id or "packet-md").removeprefix("packet-"))

    def action_export(self, fmt: str) -> None:
        folder = Path(self.query_one("#packet-folder", Input).value.strip() or str(Path.home()))
        start, end, omit = self._choices()
        self.query_one("#packet-status", Static).update(Text(f"Exporting {fmt}…", style="dim"))
        self._export(fmt, folder.expanduser(), start, end, omit)

    @work(thread=True, exit_on_error=False, group="packet-export")
    def _export(
        self, fmt: str, folder: Path, start: date | None, end: date | None, omit: Omit
    ) -> None:
        from careerlog.atomic import write_text
        from careerlog.io.export.packet import render
        from careerlog.services.career.packet import build_packet

        if not folder.is_dir():
            raise CareerlogError(f"the folder {folder} does not exist; nothing was written")
        today = app_of(self).now().date()
        text = render(build_packet(self.store, start, end, today=today, omit=omit), fmt)
        self.post_message(self.Exported(write_text(folder / packet_name(fmt, today), text)))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        from careerlog.ui.screens.year_review import saved_line

        line = saved_line(app_of(self).db, message.path)
        self.query_one("#packet-status", Static).update(Text(line))
        self.notify(line, markup=False)
