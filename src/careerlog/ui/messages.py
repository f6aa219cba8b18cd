"""Messages that cross screens (the app sends them to every screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    # Annotations only: the model module costs ~30 ms to import, before the first frame.
    from careerlog.domain.model import TrackChoice


class StoreOpened(Message):
    """The store is open and the person has a track (or chose to go on without one)."""

    def __init__(self, choice: TrackChoice | None) -> None:
        super().__init__()
        self.choice = choice


class DataChanged(Message):
    """Something was written; a screen showing data reloads it."""
