"""Start reflection: answer a prompt set, rate the track's competencies, place the stance.

What the screen shows arrives from a thread worker as one ``Loaded`` message, and
saving runs in a worker too. Escape pauses: the answers so far are kept as a private
draft and offered back the next time this set is opened (a draft is also written
every few seconds while typing, so a closed terminal loses little).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Select, Static, TextArea

from careerlog.assets import asset
from careerlog.domain.career.prompts import PromptSet
from careerlog.domain.text import printable
from careerlog.domain.when import WEEKDAYS
from careerlog.ui.base import CareerlogScreen, app_of
from careerlog.ui.formats import day_text, moment_text
from careerlog.ui.forms.reflection_form import (
    ReflectionData,
    ReflectionDraftFields,
    collect,
    form_blocks,
    schedule_options,
)
from careerlog.ui.widgets.footer import KeyFooter
from careerlog.ui.widgets.scale import ScaleInput
from careerlog.ui.widgets.track_bar import TrackBar

if TYPE_CHECKING:
    from careerlog.domain.model import Reflection
    from careerlog.services.reflections import DueReflection

AUTOSAVE_SECONDS = 3.0


class ReflectionScreen(CareerlogScreen[None]):
    """Takes the due set (or ``set_key``); escape pauses, ctrl+s saves."""

    help_title = "Reflection"
    CSS_PATH = asset("styles", "reflection.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save reflection", id="save-reflection"),
        Binding("escape", "pause", "Pause (keep draft)", id="pause-reflection"),
        Binding("ctrl+r", "discard", "Start over", id="discard-reflection"),
    ]

    class Loaded(Message):
        def __init__(self, data: ReflectionData) -> None:
            super().__init__()
            self.data = data

    class Saved(Message):
        def __init__(self, reflection: Reflection) -> None:
            super().__init__()
            self.reflection = reflection

    class Paused(Message):
        def __init__(self, kept: bool) -> None:
            super().__init__()
            self.kept = kept

    class Rescheduled(Message):
        def __init__(self, set_key: str, value: str, due: tuple[DueReflection, ...]) -> None:
            super().__init__()
            self.set_key, self.value, self.due = set_key, value, due

    class Discarded(Message):
        def __init__(self, set_key: str) -> None:
            super().__init__()
            self.set_key = set_key

    def __init__(self, set_key: str | None = None) -> None:
        super().__init__()
        self.wanted = set_key
        self.data: ReflectionData | None = None
        self.dirty = False
        self.saving = False

    def compose(self) -> ComposeResult:
        yield TrackBar("Reflection")
        with Horizontal(id="reflect-head"):
            yield Select[str](
                [],
                prompt="Prompt set",
                allow_blank=True,
                id="set-select",
                compact=True,
                classes="field",
            )
            yield Select[str](
                [],
                prompt="Schedule",
                allow_blank=True,
                id="cadence-select",
                compact=True,
                classes="field",
            )
            yield Static(Text("Loading…", style="dim"), id="reflect-note")
        yield VerticalScroll(id="reflect-form")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load(self.wanted)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)

    def _today(self) -> date:
        return app_of(self).now().date()

    @work(thread=True, exclusive=True, exit_on_error=False, group="reflect-load")
    def _load(self, set_key: str | None) -> None:
        from careerlog.services import reflections, tracks
        from careerlog.services.career.marks import current_marks

        catalogue = reflections.load_prompt_catalogue()
        due = reflections.due_reflections(self.store, self._today())
        key = set_key or (due[0].set_key if due else catalogue.sets[0].key)
        chosen = catalogue.get(key)
        cadence = reflections.cadence_for(chosen)
        schedule = (
            "off"
            if cadence is None
            else WEEKDAYS[cadence.weekday]
            if cadence.kind == "weekly"
            else "on"
        )
        data = ReflectionData(
            sets=catalogue.sets,
            due=tuple(due),
            chosen=catalogue.get(key),
            choice=tracks.current_choice(self.store),
            ratings=reflections.latest_ratings(self.store),
            stance=reflections.last_stance(self.store),
            draft=reflections.load_draft(key),
            marks=current_marks(self.store, self._today()),
            schedule=schedule,
        )
        self.post_message(self.Loaded(data))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        data = self.data = message.data
        chosen = data.chosen
        select = self.query_one("#set-select", Select)
        with select.prevent(Select.Changed):
            select.set_options([(Text(printable(s.name)), s.key) for s in data.sets])
            select.value = chosen.key
        cadence_select = self.query_one("#cadence-select", Select)
        with cadence_select.prevent(Select.Changed):
            cadence_select.set_options(schedule_options(chosen))
            cadence_select.value = data.schedule
        cadence_select.disabled = chosen.cadence == "none"
        self.query_one("#reflect-note", Static).update(self._note(data))
        form = self.query_one("#reflect-form", VerticalScroll)
        await form.remove_children()
        await form.mount_all(form_blocks(data))
        form.scroll_home(animate=False)
        self.dirty = False
        first = self.query(".answer").first(TextArea)
        # It is in view at the top; scrolling to it against a layout not yet redone
        # could hide the first prompt's question above it.
        first.focus(scroll_visible=False)
        if data.draft is not None:
            when = f" from {moment_text(data.draft.saved_at)}" if data.draft.saved_at else ""
            self.notify(f"Resumed your draft{when}.", markup=False)

    def _note(self, data: ReflectionData) -> Text:
        for item in data.due:
            if item.set_key == data.chosen.key:
                late = "overdue, " if item.overdue else ""
                return Text(
                    f"{late}due since {day_text(item.due_since)}",
                    style="bold" if item.overdue else "",
                )
        others = [printable(d.name) for d in data.due]
        return Text(f"Also due: {', '.join(others)}" if others else "Nothing else due", style="dim")

    @on(Select.Changed, "#cadence-select")
    def _schedule_changed(self, event: Select.Changed) -> None:
        if self.data is None or not isinstance(event.value, str):
            return
        if event.value != self.data.schedule:
            self._reschedule(self.data.chosen.key, event.value)

    @work(thread=True, exit_on_error=False, group="reflect-schedule")
    def _reschedule(self, set_key: str, value: str) -> None:
        from careerlog.services.reflections import due_reflections, set_cadence

        set_cadence(set_key, value if value in WEEKDAYS else value == "on")
        due = tuple(due_reflections(self.store, self._today()))
        self.post_message(self.Rescheduled(set_key, value, due))

    @on(Rescheduled)
    def _rescheduled(self, message: Rescheduled) -> None:
        if self.data is None or self.data.chosen.key != message.set_key:
            return
        self.data = replace(self.data, due=message.due, schedule=message.value)
        self.query_one("#reflect-note", Static).update(self._note(self.data))
        self.notify("Schedule saved.", markup=False)

    @on(Select.Changed, "#set-select")
    def _set_changed(self, event: Select.Changed) -> None:
        if self.data is None or not isinstance(event.value, str):
            return
        if event.value != self.data.chosen.key:
            self._keep_draft(self._collect(), then_close=False)
            self._load(event.value)

    @on(TextArea.Changed)
    @on(ScaleInput.Changed)
    def _changed(self) -> None:
        self.dirty = True

    def _collect(self) -> ReflectionDraftFields:
        assert self.data is not None
        return collect(self.query_one("#reflect-form", VerticalScroll), self.data.chosen)

    def _autosave(self) -> None:
        if self.dirty and self.data is not None and not self.saving:
            self.dirty = False
            self._keep_draft(self._collect(), then_close=False)

    def action_save(self) -> None:
        if self.data is None or self.saving:
            return
        self.saving = True
        self._save(self.data.chosen, self._collect(), self._today())

    @work(thread=True, exit_on_error=False, group="reflect-save")
    def _save(self, prompt_set: PromptSet, fields: ReflectionDraftFields, day: date) -> None:
        from careerlog.services.reflections import save_reflection

        try:
            saved = save_reflection(
                self.store,
                prompt_set,
                fields.answers,
                fields.ratings,
                fields.stance,
                day=day,
                manager_ratings=fields.manager_ratings,
            )
        except BaseException:
            self.saving = False  # refused: the form stays open and autosave resumes
            raise
        # ``saving`` stays set until the screen closes, so autosave cannot bring back
        # the draft that saving just removed.
        self.post_message(self.Saved(saved))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        name = self.data.chosen.name if self.data else message.reflection.set_key
        self.notify(f"Saved: {printable(name)}", markup=False)
        self.wrote()
        self.dismiss()

    def action_pause(self) -> None:
        if self.data is None:
            self.dismiss()
            return
        self._keep_draft(self._collect(), then_close=True)

    @work(thread=True, exit_on_error=False, group="reflect-draft")
    def _keep_draft(self, fields: ReflectionDraftFields, then_close: bool) -> None:
        from careerlog.services.reflections import ReflectionDraft, discard_draft, save_draft

        kept = any(a.strip() for a in fields.answers.values())
        if kept:
            save_draft(
                ReflectionDraft(
                    fields.set_key,
                    fields.answers,
                    fields.ratings,
                    fields.stance,
                    manager_ratings=fields.manager_ratings,
                ),
                app_of(self).db,
            )
        elif then_close:
            discard_draft(fields.set_key)  # everything was cleared: nothing to come back to
        if then_close:
            self.post_message(self.Paused(kept))

    @on(Paused)
    def _paused(self, message: Paused) -> None:
        if message.kept:
            self.notify("Paused: your answers are kept for next time.", markup=False)
        self.dismiss()

    def action_discard(self) -> None:
        if self.data is not None:
            self._discard(self.data.chosen.key)

    @work(thread=True, exit_on_error=False, group="reflect-draft")
    def _discard(self, set_key: str) -> None:
        from careerlog.services.reflections import discard_draft

        discard_draft(set_key)
        self.post_message(self.Discarded(set_key))

    @on(Discarded)
    def _discarded(self, message: Discarded) -> None:
        self.notify("Draft discarded.", markup=False)
        self._load(message.set_key)
