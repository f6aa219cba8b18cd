"""The reflection form: what it is built from (:class:`ReflectionData`), the blocks it
shows (the prompts, the competency ratings, the leadership stance) and what it holds
right now (:class:`ReflectionDraftFields`, also what a draft keeps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static, TextArea

from careerlog.domain.career.prompts import PromptSet
from careerlog.domain.text import printable
from careerlog.domain.when import WEEKDAYS
from careerlog.ui.widgets.ratings import MANAGER, SELF, rating_widgets, scale_values
from careerlog.ui.widgets.scale import ScaleInput

if TYPE_CHECKING:
    from careerlog.domain.career.progress import RatingPoint
    from careerlog.domain.model import TrackChoice
    from careerlog.services.career.marks import Marks
    from careerlog.services.reflections import DueReflection, ReflectionDraft


@dataclass(frozen=True, slots=True)
class ReflectionData:
    sets: tuple[PromptSet, ...]
    due: tuple[DueReflection, ...]
    chosen: PromptSet
    choice: TrackChoice | None
    ratings: dict[str, RatingPoint]
    """The latest self-rating of each competency on the chosen track (carried ones marked)."""
    stance: int | None
    draft: ReflectionDraft | None
    marks: Marks
    """Not applicable and focus, on the chosen track today."""
    schedule: str
    """The chosen set's cadence setting: a weekday (weekly sets), "on" or "off"."""


def schedule_options(prompt_set: PromptSet) -> list[tuple[str, str]]:
    """The choices of the schedule picker for this set's cadence."""
    if prompt_set.cadence == "weekly":
        days = [(f"Every {day.title()}", day) for day in WEEKDAYS]
        return [*days, ("Not scheduled", "off")]
    if prompt_set.cadence in ("quarterly", "yearly"):
        every = "Every quarter" if prompt_set.cadence == "quarterly" else "Every year"
        return [(every, "on"), ("Not scheduled", "off")]
    return [("When you pick it", "off")]


def _prompt_block(prompt_id: str, text: str, hint: str, answer: str) -> Vertical:
    parts: list[Widget] = [Static(Text(printable(text), style="bold"), classes="prompt-text")]
    if hint:
        parts.append(Static(Text(printable(hint), style="dim italic"), classes="prompt-hint"))
    area = TextArea(printable(answer), id=f"answer-{prompt_id}", classes="answer", soft_wrap=True)
    area.show_line_numbers = False
    parts.append(area)
    return Vertical(*parts, classes="prompt")


def _rating_block(data: ReflectionData) -> list[Widget]:
    return rating_widgets(
        data.choice,
        data.ratings,
        data.draft.ratings if data.draft else {},
        data.draft.manager_ratings if data.draft else {},
        data.marks.not_applicable,
        data.marks.focus,
    )


def _stance_block(data: ReflectionData) -> list[Widget]:
    draft = data.draft.stance if data.draft else None
    value = draft if draft is not None else data.stance if data.stance is not None else 50
    explain = Text(
        "Where do you want to stand? Technical leadership is about what you do; "
        "supervisory / political leadership is about how you get things done "
        "(persuasion, resources, supervision, lobbying, communication, presentation).",
        style="dim",
    )
    return [
        Static(Text("Your leadership stance", style="bold"), classes="section-title"),
        Static(explain),
        ScaleInput(
            0,
            100,
            10,
            value=value,
            left="Technical",
            right="Supervisory",
            words={v: f"{v}/100" for v in range(0, 101, 10)},
            id="stance",
        ),
    ]


def form_blocks(data: ReflectionData) -> list[Widget]:
    """The chosen set's form, filled from its draft where there is one."""
    chosen = data.chosen
    answers = data.draft.answers if data.draft else {}
    blocks: list[Widget] = []
    if chosen.summary:
        blocks.append(Static(Text(printable(chosen.summary), style="dim"), classes="summary"))
    track_key = data.choice.track.key if data.choice else None
    blocks += [
        _prompt_block(p.id, p.text, p.hint, answers.get(p.id, ""))
        for p in chosen.prompts
        if p.asked_on(track_key)
    ]
    if chosen.rate_competencies:
        blocks += _rating_block(data)
    if chosen.ask_stance:
        blocks += _stance_block(data)
    blocks.append(
        Static(Text("ctrl+s saves the reflection; escape pauses it.", style="dim"), classes="hint")
    )
    return blocks


def collect(form: Widget, chosen: PromptSet) -> ReflectionDraftFields:
    """What the ``form`` (built by :func:`form_blocks` for ``chosen``) holds now."""
    answers = {
        p.id: form.query_one(f"#answer-{p.id}", TextArea).text
        for p in chosen.prompts
        if form.query(f"#answer-{p.id}")
    }
    scales = list(form.query(ScaleInput))
    stance = None
    if chosen.ask_stance and form.query("#stance"):
        stance = form.query_one("#stance", ScaleInput).value
    return ReflectionDraftFields(
        chosen.key, answers, scale_values(scales, SELF), stance, scale_values(scales, MANAGER)
    )


@dataclass(frozen=True, slots=True)
class ReflectionDraftFields:
    """What the form holds right now (also what a draft keeps)."""

    set_key: str
    answers: dict[str, str]
    ratings: dict[str, int]
    stance: int | None
    manager_ratings: dict[str, int] = field(default_factory=dict)
