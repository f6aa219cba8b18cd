"""What crosses screens.

Up: a screen that wrote to the store posts :class:`Written` (or :class:`TrackChosen`);
the message bubbles from the screen to the app. Down: the app publishes on two
signals (:attr:`CareerlogApp.store_opened` and :attr:`CareerlogApp.data_changed`),
which every screen showing stored data subscribes to. No screen calls a method on
the app to say it wrote, and the app never walks its screen stacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import TrackChoice


class DataChange(NamedTuple):
    """What :attr:`CareerlogApp.data_changed` carries."""

    elsewhere: bool = False
    """True when another program wrote (a ``careerlog add`` from the shell, say)."""


class Written(Message):
    """This screen wrote to the store: every screen showing stored data reloads."""


class TrackChosen(Message):
    """A new track choice was recorded (a switch of track or level)."""

    def __init__(self, choice: TrackChoice) -> None:
        super().__init__()
        self.choice = choice
