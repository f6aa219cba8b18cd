"""The main screens: each is an app mode with a function key, shown as a tab on top.

One list, read by the app (its modes and keys), the track bar (its tabs) and the help
screen (its "Go to" group), so a key is never named in two places.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Section:
    mode: str
    """The app mode (and the action ``app.go('<mode>')``)."""
    key: str
    name: str
    """The tab and help name."""
    short: str
    """The tab name when the terminal is narrow."""


SECTIONS: tuple[Section, ...] = (
    Section("today", "f2", "Today", "Today"),
    Section("goals", "f3", "Goals", "Goals"),
    Section("learning", "f4", "Learning", "Learning"),
    Section("timeline", "f5", "Timeline", "Timeline"),
    Section("review", "f6", "Review", "Review"),
    Section("progress", "f7", "Progress", "Progress"),
    Section("year", "f8", "Year in review", "Year"),
    Section("fit", "f9", "Track fit", "Fit"),
)
SWITCH_TRACK_KEY = "f10"
"""Switch track is a step, not a place: it opens over the current screen."""

APP_BINDINGS: tuple[Binding, ...] = (
    Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    Binding("f1,question_mark", "help", "Help", id="help"),
    # Shown as tabs in the track bar rather than in the footer. Priority: the editor
    # would take F6 and F7 (select line, select all) for itself.
    *(
        Binding(s.key, f"go('{s.mode}')", s.name, id=f"go-{s.mode}", show=False, priority=True)
        for s in SECTIONS
    ),
    Binding(
        SWITCH_TRACK_KEY,
        "switch_track",
        "Switch track",
        id="switch-track",
        show=False,
        priority=True,
    ),
)
"""The app's own keys: quit, help, a function key for each main screen, switch track."""


def section(mode: str) -> Section:
    for found in SECTIONS:
        if found.mode == mode:
            return found
    raise KeyError(mode)
