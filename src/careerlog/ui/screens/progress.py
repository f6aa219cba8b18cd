"""Track progress: per competency the latest rating against the current and next level,
trend, evidence of the last 90 days and learning time; readiness and how long it held;
the rating history of the highlighted competency and the stance over time as charts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from careerlog.assets import asset
from careerlog.domain.career.progress import held_text
from careerlog.domain.text import duration, printable
from careerlog.ui import places
from careerlog.ui.base import CareerlogScreen, app_of, fit_classes
from careerlog.ui.dialogs.confirm import TextPrompt
from careerlog.ui.formats import day_text, evidence_text, month_text
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.domain.career.fit import FitResult
    from careerlog.domain.career.progress import CompetencyProgress, ProgressReport

COLUMNS = ("Competency", "Now", "Mgr", "Exp", "Nxt", "Trend", "Evidence", "Learn")
"""Now: the latest self-rating (* carried over from another track); Mgr: the manager's;
Exp and Nxt: what this level and the next expect. Evidence and time spent learning are
counted over the last 90 days, in words; "none" flags a stale competency, "n/a" one
marked not applicable. ◆ marks the period's focus."""


def _evidence(comp: CompetencyProgress) -> Text:
    if comp.not_applicable is not None:
        return Text("n/a", style="dim")
    if comp.stale:
        return Text("none", style="bold yellow")
    ev = comp.evidence
    return Text(evidence_text(ev.entries, ev.activities, ev.goals, ev.feedback))


def _trend(value: int | None) -> Text:
    if value is None:
        return Text("·", style="dim")
    if value > 0:
        return Text(f"▲{value:+d}", style="green")
    if value < 0:
        return Text(f"▼{value:+d}", style="red")
    return Text("= 0")


NAME_CELLS, EVIDENCE_CELLS = 17, 16
"""At 80 columns, the most cells a competency's name and its evidence take in the table
(cut with "…"), so that all eight columns fit beside a scrollbar even when the time
learnt reads "12 h 45 min"; the name is whole in the line below."""


def _cut(text: Text, cells: int | None) -> Text:
    if cells is not None:
        text.truncate(cells, overflow="ellipsis")
    return text


def _row(comp: CompetencyProgress, narrow: bool = False) -> list[Text]:
    """One competency's row; ``narrow`` caps the name and the evidence."""
    carried = comp.latest_point is not None and comp.latest_point.carried
    latest = Text("-" if comp.latest is None else f"{comp.latest}{'*' if carried else ''}")
    if comp.meets_next:
        latest.stylize("bold green")
    elif comp.latest is not None and not comp.meets_current:
        latest.stylize("red")
    name = Text("◆ " if comp.focus else "", style="bold yellow")
    name.append(printable(comp.name), style="dim" if not comp.applicable else "")
    return [
        _cut(name, NAME_CELLS if narrow else None),
        latest,
        Text("-" if comp.manager is None else str(comp.manager)),
        Text(str(comp.expected)),
        Text("-" if comp.expected_next is None else str(comp.expected_next)),
        _trend(comp.trend),
        _cut(_evidence(comp), EVIDENCE_CELLS if narrow else None),
        Text(duration(comp.evidence.minutes) if comp.evidence.minutes else "-"),
    ]


def summary(report: ProgressReport, fit: FitResult | None, names: dict[str, str]) -> Text:
    """The lines above the table: where the person stands, in words."""
    text = Text(printable(report.track_name), style="bold")
    text.append(f" — {printable(report.level_name)}")
    if report.next_level_name:
        text.append(f" → {printable(report.next_level_name)}")
    text.append("\n")
    if report.readiness is None:
        text.append("Top level of the track: no next level to be ready for.")
    else:
        text.append("Readiness ", style="bold")
        text.append(
            f"{report.ready_count} of {report.applicable_count} ({round(100 * report.readiness)}%)"
        )
        held = held_text(report.held_since, report.months_sustained, day_text)
        if held:
            text.append(f", {held}")
    text.append(f" · in the last 90 days: learning {duration(report.learning_minutes)}")
    if fit is not None:
        best = printable(names.get(fit.best, fit.best))
        text.append(f" · fit: {best} {fit.scores[fit.best]}/100 ({day_text(fit.taken_at.date())})")
    text.append("\n")
    stale = [printable(c.name) for c in report.competencies if c.stale and c.applicable]
    if stale:
        text.append("No evidence in 90 days: ", style="yellow")
        text.append(", ".join(stale))
    else:
        text.append("Every competency has recent evidence.", style="green")
    return text


class ProgressScreen(CareerlogScreen[None]):
    """Reads the store in a worker; ↑↓ in the table picks the competency charted."""

    help_title = "Track progress"
    CSS_PATH = asset("styles", "progress.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reflect", "Start reflection", id="progress-reflect"),
        Binding("t", "app.switch_track", "Switch track", id="progress-switch-track"),
        Binding("f", "focus_competency", "Focus on/off", id="progress-focus"),
        Binding("n", "not_applicable", "N/A on/off", id="progress-not-applicable"),
    ]

    class Marked(Message):
        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    class Loaded(Message):
        def __init__(
            self, report: ProgressReport | None, fit: FitResult | None, names: dict[str, str]
        ) -> None:
            super().__init__()
            self.report, self.fit, self.names = report, fit, names

    def __init__(self) -> None:
        super().__init__()
        self.report: ProgressReport | None = None
        self._shown: ProgressScreen.Loaded | None = None
        self._shown_narrow = False
        self._ratings_words = Text("")
        self._stance_words = Text("")

    def compose(self) -> ComposeResult:
        yield TrackBar("Progress")
        yield Static(Text("Loading…", style="dim"), id="progress-summary")
        with Horizontal(id="progress-body"):
            table: DataTable[Text] = DataTable(
                id="competency-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            with Vertical(id="charts"):
                yield Static(Text(""), id="trend-title", classes="chart-title")
                yield PlotextPlot(id="trend-chart")
                yield Static(
                    Text("Stance: technical ↔ supervisory", no_wrap=True, overflow="ellipsis"),
                    id="stance-title",
                    classes="chart-title",
                )
                yield PlotextPlot(id="stance-chart")
        # Where the charts have no room (80 columns), the same history in words.
        yield Static(Text(""), id="history-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#competency-table", DataTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.follow_store(self._load)

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress-load")
    def _load(self) -> None:
        from careerlog.services.fit import latest_fit
        from careerlog.services.progress import track_progress
        from careerlog.services.tracks import load_catalogue

        report = track_progress(self.store, app_of(self).now().date())
        names = {t.key: t.name for t in load_catalogue().tracks}
        self.post_message(self.Loaded(report, latest_fit(self.store), names))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self._shown = message
        self._shown_narrow = self.has_class("-narrow")
        self.report = report = message.report
        table = self.query_one("#competency-table", DataTable)
        row = max(table.cursor_row, 0)
        table.clear()
        if report is None:
            self.query_one("#progress-summary", Static).update(
                Text("No track chosen yet. Use Switch track (ctrl+p) to choose one.")
            )
            return
        self.query_one("#progress-summary", Static).update(
            summary(report, message.fit, message.names)
        )
        for comp in report.competencies:
            table.add_row(*_row(comp, self._shown_narrow), key=comp.key)
        self._chart_stance(report.stance)
        if report.competencies:
            row = min(row, len(report.competencies) - 1)
            table.move_cursor(row=row)  # a mark or reload keeps the place in the table
            self._chart_ratings(report.competencies[row])

    @on(events.Resize)
    def _refit(self) -> None:
        """Across the narrow width the rows are cut differently: draw them again."""
        fit_classes(self)
        if self._shown is not None and self.has_class("-narrow") != self._shown_narrow:
            self._show(self._shown)

    def _picked(self) -> CompetencyProgress | None:
        if self.report is None:
            return None
        table = self.query_one("#competency-table", DataTable)
        if not self.report.competencies or table.cursor_row < 0:
            return None
        return self.report.competencies[table.cursor_row]

    def action_focus_competency(self) -> None:
        """Add the highlighted competency to the period's focus, or take it out."""
        comp, report = self._picked(), self.report
        if comp is None or report is None:
            return
        focus = [c.key for c in report.competencies if c.focus]
        wanted = [k for k in focus if k != comp.key] if comp.focus else [*focus, comp.key]
        self._set_focus(wanted, comp.name, not comp.focus)

    @work(thread=True, exit_on_error=False, group="progress-mark")
    def _set_focus(self, keys: list[str], name: str, added: bool) -> None:
        from careerlog.services.career.marks import set_focus

        marks = set_focus(self.store, keys, day=app_of(self).now().date())
        until = f" until {day_text(marks.focus_until)}" if marks.focus_until else ""
        note = f"Focus{until}: {name} added." if added else f"{name} is no longer a focus."
        self.post_message(self.Marked(note))

    def action_not_applicable(self) -> None:
        """Mark the highlighted competency not applicable (asking why), or clear it."""
        comp = self._picked()
        if comp is None:
            return
        if not comp.applicable:
            self._mark(comp.key, None)
            return

        def given(reason: str | None) -> None:
            if reason is not None and reason.strip():
                self._mark(comp.key, reason)
            elif reason is not None:
                self.notify("Say why it does not apply to you.", severity="warning")

        self.app.push_screen(
            TextPrompt(
                f"Why does {comp.name} not apply to you?",
                placeholder="it then leaves readiness; e.g. my post has no budget to allocate",
            ),
            given,
        )

    @work(thread=True, exit_on_error=False, group="progress-mark")
    def _mark(self, key: str, reason: str | None) -> None:
        from careerlog.services.career.marks import clear_not_applicable, mark_not_applicable

        if reason is None:
            name = clear_not_applicable(self.store, key)
            self.post_message(self.Marked(f"{name} counts toward readiness again."))
        else:
            name = mark_not_applicable(self.store, key, reason, day=app_of(self).now().date())
            self.post_message(self.Marked(f"{name} is marked not applicable."))

    @on(Marked)
    def _marked(self, message: Marked) -> None:
        self.notify(printable(message.note), markup=False)
        self.wrote()

    @on(DataTable.RowHighlighted, "#competency-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.report is None or event.row_key.value is None:
            return
        for comp in self.report.competencies:
            if comp.key == event.row_key.value:
                self._chart_ratings(comp)

    def _chart_ratings(self, comp: CompetencyProgress) -> None:
        self._ratings_words = history_words(f"{comp.name}: ratings", comp.history)
        self._show_history_words()
        chart = self.query_one("#trend-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        self.query_one("#trend-title", Static).update(
            Text(
                f"{printable(comp.name)}: ratings" if comp.history else "Not rated yet",
                no_wrap=True,
                overflow="ellipsis",
            )
        )
        plt.ylim(0.5, 5.5)
        plt.yticks([1, 2, 3, 4, 5])
        if comp.history:
            days = [day for day, _ in comp.history]
            xs = [float((day - days[0]).days) for day in days]
            values = [value for _, value in comp.history]
            if len(xs) > 1:
                plt.plot(xs, values, marker="braille")
            plt.scatter(xs, values, marker="●")
            plt.xticks(*_date_ticks(days, xs))
            plt.hline(comp.expected, "blue")
            if comp.expected_next is not None:
                plt.hline(comp.expected_next, "green")
        else:
            plt.xticks([], [])
        chart.refresh()

    def _chart_stance(self, stance: tuple[tuple[date, int], ...]) -> None:
        self._stance_words = history_words("Stance (0 technical, 100 supervisory)", stance)
        self._show_history_words()
        chart = self.query_one("#stance-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        plt.ylim(0, 100)
        plt.yticks([0, 50, 100])
        if stance:
            days = [day for day, _ in stance]
            xs = [float((day - days[0]).days) for day in days]
            values = [value for _, value in stance]
            if len(xs) > 1:
                plt.plot(xs, values, marker="braille")
            plt.scatter(xs, values, marker="●")
            plt.xticks(*_date_ticks(days, xs))
        else:
            plt.xticks([], [])
        chart.refresh()

    def _show_history_words(self) -> None:
        text = self._ratings_words.copy()
        text.append("\n")
        text.append_text(self._stance_words)
        self.query_one("#history-text", Static).update(text)

    def action_reflect(self) -> None:
        self.app.push_screen(places.reflection())


def history_words(title: str, history: tuple[tuple[date, int], ...]) -> Text:
    """``Research: ratings 2 (02 Oct 2025) → 4 (20 Dec 2025)``: a chart's points in words."""
    text = Text(printable(title), style="bold")
    if not history:
        text.append("  none yet", style="dim")
    for index, (day, value) in enumerate(history[-6:]):
        text.append(" → " if index else "  ", style="dim")
        text.append(str(value), style="bold")
        text.append(f" ({day_text(day)})", style="dim")
    return text


def _date_ticks(days: list[date], xs: list[float]) -> tuple[list[float], list[str]]:
    """At most four labelled dates so the axis stays readable in a narrow panel."""
    step = max(1, (len(days) + 3) // 4)
    picked = list(range(0, len(days), step))
    if picked[-1] != len(days) - 1:
        picked.append(len(days) - 1)
    return [xs[i] for i in picked], [month_text(days[i]) for i in picked]
