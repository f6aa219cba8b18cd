"""Use cases, one transaction each, returning frozen domain dataclasses.

The UI reaches the store only through here: it holds a :class:`Store` handle and
passes it to service functions, never a Session or a table.
"""

from careerlog.store.db import Store, open_store

connect = open_store

__all__ = ["Store", "connect"]
