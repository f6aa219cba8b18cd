"""A review session: a guided walk through a week, month or quarter — written,
learned, achieved, goals that moved and stalled, competencies with and without
evidence — that ends by opening the matching reflection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from careerlog.assets import asset
from careerlog.domain.model import ActivityKind
from careerlog.domain.text import duration, printable
from careerlog.domain.timeline import Period, period_range
from careerlog.ui import places
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.formats import day_text, evidence_text
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.services.career.suggestions import Unlinked
    from careerlog.services.review import GoalInPeriod, Review

STEPS = ("Written", "Learned", "Achieved", "Goals", "Competencies", "Unlinked", "Reflect")
UNLINKED = STEPS.index("Unlinked")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _line(text: Text, *parts: tuple[str, str]) -> None:
    text.append("\n")
    for part, style in parts:
        text.append(printable(part), style)


def _goal_reasons(goal: GoalInPeriod) -> str:
    reasons = []
    if goal.achieved:
        reasons.append("achieved")
    if goal.milestones_done:
        reasons.append(_plural(len(goal.milestones_done), "milestone"))
    if goal.entries:
        reasons.append(_plural(goal.entries, "entry").replace("entrys", "entries"))
    if goal.activities:
        reasons.append(_plural(goal.activities, "activity").replace("activitys", "activities"))
    return ", ".join(reasons)


def unlinked_text(entries: Sequence[Unlinked], picked: int) -> Text:
    """The period's entries linked to no competency of the track, each with its
    suggestions; the picked one is marked and its suggestions numbered for the keys."""
    text = Text("Unlinked", style="bold")
    if not entries:
        _line(text, ("Every entry of this period is linked to a competency.", "dim"))
        return text
    _line(
        text,
        (f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} linked to no competency", ""),
        (" · ↑↓ pick one · 1-3 link it to a suggestion", "dim"),
    )
    for index, item in enumerate(entries):
        mark = "▶ " if index == picked else "  "
        _line(
            text, (mark, "bold"), (f"{day_text(item.written_at.date())}  ", "dim"), (item.title, "")
        )
        if not item.suggestions:
            _line(text, ("      no suggestion: nothing in it matches the track's words", "dim"))
        for number, suggestion in enumerate(item.suggestions, 1):
            style = "bold green" if index == picked else ""
            _line(text, (f"      {number}  " if index == picked else "      ", "bold"))
            text.append(printable(suggestion.name), style)
            text.append(f"  (matched: {', '.join(suggestion.words)})", "dim")
    return text


def step_text(review: Review, step: int, set_name: str = "") -> Text:
    """One step of the session as plain, literal text (the Unlinked step has its own,
    :func:`unlinked_text`)."""
    name = STEPS[step]
    text = Text(name, style="bold")
    if name == "Written":
        _line(
            text,
            (f"{_plural(review.entries, 'entry')}".replace("entrys", "entries"), "bold"),
            (f", {review.words:,} words", ""),
        )
        if review.highlights:
            _line(text, ("Highlights (starred):", "dim"))
            for item in review.highlights:
                _line(
                    text,
                    (f"  {day_text(item.when.date())}  ", "dim"),
                    ("★ ", "yellow"),
                    (item.title, ""),
                )
        elif review.entries:
            _line(text, ("Nothing starred; star what mattered to find it here next time.", "dim"))
        else:
            _line(text, ("Nothing written in this period.", "dim"))
    elif name == "Learned":
        _line(
            text,
            (_plural(len(review.learned), "activity").replace("activitys", "activities"), "bold"),
            (f", {duration(review.minutes)}", ""),
        )
        for act in review.learned:
            spent = f"  {duration(act.minutes)}" if act.minutes else ""
            _line(
                text,
                (f"  {day_text(act.day)}  ", "dim"),
                (f"{ActivityKind.label_of(act.kind):<19}", "green"),
                (act.title, ""),
                (spent, "dim"),
            )
        if review.minutes_by_competency:
            _line(text, ("By competency (an activity counts under each of its own):", "dim"))
            for name, minutes in review.minutes_by_competency:
                _line(text, (f"  {name:<34}", ""), (duration(minutes), "bold"))
    elif name == "Achieved":
        if not review.achieved and not review.milestones_done:
            _line(text, ("No goal or milestone completed in this period.", "dim"))
        for goal in review.achieved:
            _line(text, ("  ✓ ", "bold green"), (goal.title, "bold"))
        for goal_title, milestone in review.milestones_done:
            _line(text, ("  ✓ ", "green"), (milestone, ""), (f"  ({goal_title})", "dim"))
    elif name == "Goals":
        _line(text, (f"Moved ({len(review.moved)})", "bold green"))
        for goal in review.moved:
            _line(
                text,
                (f"  #{goal.id} ", "dim"),
                (goal.title, ""),
                (f"  {_goal_reasons(goal)}", "dim"),
            )
        _line(text, (f"Stalled ({len(review.stalled)})", "bold yellow"))
        for goal in review.stalled:
            _line(
                text,
                (f"  #{goal.id} ", "dim"),
                (goal.title, ""),
                ("  no milestone, entry or activity", "dim"),
            )
        if review.new:
            _line(text, (f"New ({len(review.new)})", "bold"))
            for goal in review.new:
                _line(text, (f"  #{goal.id} ", "dim"), (goal.title, ""))
    elif name == "Competencies":
        if review.track_name is None:
            _line(text, ("No track chosen: choose one to see competencies here.", "dim"))
        else:
            _line(text, (f"With evidence ({len(review.with_evidence)})", "bold green"))
            for comp in review.with_evidence:
                counts = evidence_text(comp.entries, comp.activities, comp.goals, comp.feedback)
                _line(text, (f"  {comp.name:<34}", ""), (counts, "dim"))
            _line(text, (f"Without evidence ({len(review.without_evidence)})", "bold yellow"))
            for comp in review.without_evidence:
                _line(text, (f"  {comp.name}", ""))
    else:
        _line(
            text,
            (f"Now the reflection, {set_name or review.reflection_set}: ", ""),
            ("press enter to start it", "bold"),
            (" with this period fresh in mind.", ""),
        )
    return text


class ReviewScreen(CareerlogScreen[None]):
    """→/enter next step, ← back, [ ] the period before/after, r reflect now."""

    help_title = "Review"
    CSS_PATH = asset("styles", "review.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", "Next", id="review-next"),
        Binding("left,p", "step(-1)", "Back", id="review-back"),
        Binding("enter", "advance", "Continue", id="review-continue"),
        Binding("left_square_bracket", "period(-1)", "Earlier", id="review-earlier"),
        Binding("right_square_bracket", "period(1)", "Later", id="review-later"),
        Binding("c", "this_period", "This period", id="review-this-period"),
        Binding("up", "pick(-1)", "Previous entry", show=False, id="review-pick-up"),
        Binding("down", "pick(1)", "Next entry", show=False, id="review-pick-down"),
        Binding("1", "accept(1)", "Link 1st", id="review-accept-1"),
        Binding("2", "accept(2)", "Link 2nd", show=False, id="review-accept-2"),
        Binding("3", "accept(3)", "Link 3rd", show=False, id="review-accept-3"),
        Binding("t", "cycle_period", "Week/month/quarter", id="review-period"),
        Binding("r", "reflect", "Reflect now", id="review-reflect"),
    ]

    class Loaded(Message):
        def __init__(
            self,
            asked: tuple[Period, date],
            review: Review,
            unlinked: list[Unlinked],
            set_name: str,
        ) -> None:
            super().__init__()
            self.asked, self.review, self.unlinked = asked, review, unlinked
            self.set_name = set_name

    class Linked(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, period: str = "week", day: date | None = None) -> None:
        """Without ``day``, the last full period before today (the week, month or quarter
        just ended); ``c`` moves to the one under way."""
        super().__init__()
        self.period = Period(period)
        self.day = day
        self._asked: tuple[Period, date] | None = None
        self.set_name = ""
        """The name of the reflection the session ends with ("Weekly check-in")."""
        self.review: Review | None = None
        self.unlinked: list[Unlinked] = []
        self.picked = 0
        self.step = 0
        self._shown_step = -1

    def compose(self) -> ComposeResult:
        yield TrackBar("Review")
        yield Static(Text("Gathering the period…", style="dim"), id="review-head")
        with VerticalScroll(id="review-body"):
            yield Static(Text(""), id="review-step")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.day is None:
            self.day = self._just_ended(self.period)
        self.follow_store(
            lambda: self._load(self.period, self.day or self._just_ended(self.period))
        )

    def _just_ended(self, period: Period) -> date:
        """A day of the week, month or quarter that ended before today."""
        today = app_of(self).now().date()
        return period_range(period, today)[0] - timedelta(days=1)

    def action_this_period(self) -> None:
        self.day = app_of(self).now().date()
        self._load(self.period, self.day)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load")
    def _read(self, period: Period, day: date) -> None:
        from careerlog.services.career.suggestions import unlinked_entries
        from careerlog.services.reflections import load_prompt_catalogue
        from careerlog.services.review import review

        found = review(self.store, period, day)
        unlinked = unlinked_entries(self.store, found.start, found.end)
        names = {s.key: s.name for s in load_prompt_catalogue().sets}
        set_name = names.get(found.reflection_set, found.reflection_set)
        self.post_message(self.Loaded((period, day), found, unlinked, set_name))

    def _load(self, period: Period, day: date) -> None:
        self._asked = (period, day)
        self._read(period, day)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.asked != self._asked:
            return  # an earlier request, overtaken (the palette asked for another period)
        same = self.review is not None and self.review.start == message.review.start
        self.review, self.unlinked = message.review, message.unlinked
        self.set_name = message.set_name
        if not same:
            self.step = 0
        self.picked = min(self.picked, max(len(self.unlinked) - 1, 0))
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pick", "accept"):
            return self.step == UNLINKED and bool(self.unlinked)
        return True

    def action_pick(self, delta: int) -> None:
        self.picked = max(0, min(len(self.unlinked) - 1, self.picked + delta))
        self._show()

    def action_accept(self, number: int) -> None:
        if not self.unlinked or self.review is None:
            return
        item = self.unlinked[self.picked]
        if number > len(item.suggestions):
            self.notify("No such suggestion for this entry.", markup=False)
            return
        self._link(item.entry_id, item.suggestions[number - 1].key)

    @work(thread=True, exit_on_error=False, group="review-link")
    def _link(self, entry_id: int, key: str) -> None:
        from careerlog.services.career.suggestions import accept

        self.post_message(self.Linked(accept(self.store, entry_id, key)))

    @on(Linked)
    def _linked(self, message: Linked) -> None:
        self.notify(f"Linked to {printable(message.name)}.", markup=False)
        self.wrote()
        if self.review is not None:
            self._load(self.period, self.review.start)

    def _show(self) -> None:
        review = self.review
        if review is None:
            return
        head = Text(f"Review of {review.label}", style="bold")
        if review.start <= app_of(self).now().date() <= review.end:
            head.append("  (under way)", style="dim")
        head.append(f"\nStep {self.step + 1} of {len(STEPS)}: ", style="dim")
        if self.has_class("-narrow"):  # only this step and the next fit
            head.append(f" {STEPS[self.step]} ", style="reverse")
            if self.step + 1 < len(STEPS):
                head.append(f"  then {STEPS[self.step + 1]}", style="dim")
        else:
            for index, name in enumerate(STEPS):
                head.append(f" {name} ", style="reverse" if index == self.step else "dim")
        self.query_one("#review-head", Static).update(head)
        shown = (
            unlinked_text(self.unlinked, self.picked)
            if self.step == UNLINKED
            else step_text(review, self.step, self.set_name)
        )
        self.query_one("#review-step", Static).update(shown)
        self.refresh_bindings()
        if self._shown_step != self.step:
            self._shown_step = self.step
            self.query_one("#review-body", VerticalScroll).scroll_home(animate=False)

    def action_step(self, delta: int) -> None:
        if self.review is not None:
            self.step = max(0, min(len(STEPS) - 1, self.step + delta))
            self._show()

    def action_advance(self) -> None:
        if self.step == len(STEPS) - 1:
            self.action_reflect()
        else:
            self.action_step(1)

    def action_period(self, delta: int) -> None:
        if self.review is None:
            return
        self.day = (
            self.review.start - timedelta(days=1)
            if delta < 0
            else self.review.end + timedelta(days=1)
        )
        self._load(self.period, self.day)

    def action_reflect(self) -> None:
        if self.review is None:
            return
        self.app.switch_screen(places.reflection(self.review.reflection_set))

    def show_period(self, period: str) -> None:
        """Review the ``period`` (week, month, quarter) just ended; ``c`` for this one."""
        self.period = Period(period)
        self.day = self._just_ended(self.period)
        self._load(self.period, self.day)

    def action_cycle_period(self) -> None:
        order = list(Period)
        self.show_period(order[(order.index(self.period) + 1) % len(order)])
