"""Use cases, one transaction each, returning frozen domain dataclasses.

The UI reaches the store only through here: it holds a :class:`Store` handle and
passes it to service functions, never a Session or a table. ``Store`` and
``connect`` load lazily, so ``careerlog.services.quick`` stays free of SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerlog.store.db import Store, open_store

    connect = open_store

__all__ = ["Store", "connect"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "connect"):
        from careerlog.store import db

        return db.Store if name == "Store" else db.open_store
    raise AttributeError(name)
