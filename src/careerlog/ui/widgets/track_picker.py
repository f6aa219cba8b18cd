"""Pick a track and the level held now, with each track's summary, levels and competencies
in view: used by first-run onboarding and by "Switch track"."""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from careerlog.domain.model import Track
from careerlog.domain.text import printable
from careerlog.ui.base import report_failed_worker, when_shown


def track_details(track: Track) -> Text:
    """Summary and competencies by group (levels have their own list to pick from)."""
    text = Text()
    text.append(printable(track.name), style="bold")
    text.append("\n")
    text.append(printable(track.summary or "(no summary)"))
    text.append("\n\nCompetencies\n", style="bold")
    ordered = sorted(track.competencies, key=lambda c: c.group)
    for group, comps in groupby(ordered, key=lambda c: c.group):
        text.append(f"{printable(group)}: ", style="italic")
        text.append(", ".join(printable(c.name) for c in comps))
        text.append("\n")
    text.rstrip()
    return text


class TrackPicker(Horizontal):
    """Tracks on the left; the highlighted track's details and levels on the right."""

    class Chosen(Message):
        def __init__(self, picker: TrackPicker, track: Track, level_key: str) -> None:
            super().__init__()
            self.picker = picker
            self.track = track
            self.level_key = level_key

        @property
        def control(self) -> TrackPicker:
            return self.picker

    class Loaded(Message):
        def __init__(self, tracks: tuple[Track, ...], problems: tuple[str, ...]) -> None:
            super().__init__()
            self.tracks, self.problems = tracks, problems

    def __init__(self, *, current: str | None = None, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes="track-picker")
        self.tracks: tuple[Track, ...] = ()
        self.current = current
        # Held, not queried: results may land while the picker's screen is taken down.
        self._track_list = OptionList(id="track-list")
        self._about = Static(Text("Loading the tracks…"), id="track-about")
        self._levels = OptionList(id="level-list")

    def compose(self) -> ComposeResult:
        yield self._track_list
        with VerticalScroll(id="track-detail"):
            yield self._about
            yield Static(Text("Your level now (enter to choose)", style="bold"), classes="label")
            yield self._levels

    def on_mount(self) -> None:
        self._track_list.focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="tracks")
    def _load(self) -> None:
        from careerlog.services.tracks import load_catalogue

        catalogue = load_catalogue()
        self.post_message(self.Loaded(catalogue.tracks, catalogue.problems))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    @on(Loaded)
    @when_shown
    def _show(self, message: Loaded) -> None:
        self.tracks = message.tracks
        for problem in message.problems:
            self.notify(f"Skipped a track file: {problem}", severity="warning", markup=False)
        tracks = self._track_list
        tracks.clear_options()
        tracks.add_options(Option(Text(printable(t.name)), id=t.key) for t in message.tracks)
        keys = [t.key for t in message.tracks]
        tracks.highlighted = keys.index(self.current) if self.current in keys else 0

    @property
    def track(self) -> Track | None:
        index = self._track_list.highlighted
        return self.tracks[index] if index is not None and index < len(self.tracks) else None

    @on(OptionList.OptionHighlighted, "#track-list")
    @when_shown
    def _highlighted(self) -> None:
        track = self.track
        if track is None:
            return
        self._about.update(track_details(track))
        levels = self._levels
        levels.clear_options()
        for level in track.levels:
            line = Text(printable(level.name), style="bold")
            if level.summary:
                line.append(" — " + printable(level.summary), style="")
            levels.add_option(Option(line, id=level.key))
        levels.highlighted = 0

    @on(OptionList.OptionSelected, "#track-list")
    def _track_selected(self) -> None:
        self._levels.focus()

    @on(OptionList.OptionSelected, "#level-list")
    def _level_selected(self, event: OptionList.OptionSelected) -> None:
        track = self.track
        if track is not None and event.option.id is not None:
            self.post_message(self.Chosen(self, track, event.option.id))
