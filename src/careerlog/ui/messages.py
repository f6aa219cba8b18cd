"""Messages that cross screens (the app sends them to every screen)."""

from __future__ import annotations

from textual.message import Message

from careerlog.domain.model import TrackChoice


class StoreOpened(Message):
    """The store is open and the person has a track (or chose to go on without one)."""

    def __init__(self, choice: TrackChoice | None) -> None:
        super().__init__()
        self.choice = choice


class DataChanged(Message):
    """Something was written; a screen showing data reloads it."""
