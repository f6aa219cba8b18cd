"""Whether another program wrote to the store since the last look: the TUI asks every
second and reloads what it shows when the answer is yes (see
:mod:`careerlog.store.changes` for how each database tells)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerlog.store.changes import ChangeWatch

if TYPE_CHECKING:
    from careerlog.store.db import Store

__all__ = ["ChangeWatch", "watch"]


def watch(store: Store) -> ChangeWatch:
    """A watch on ``store`` with a connection of its own; close it before the store."""
    return ChangeWatch(store)
