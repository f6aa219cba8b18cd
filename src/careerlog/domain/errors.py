"""Errors a person can act on.

Anything raised as :class:`CareerlogError` is shown as one line (``str(error)``)
and the command exits 1; nothing else about the error is printed.
"""


class CareerlogError(Exception):
    """A problem the user can fix: bad input, a missing record, a refused store."""


class NotFoundError(CareerlogError):
    """The id or key the user named does not exist."""


class StoreError(CareerlogError):
    """The store cannot be opened or written: locked, damaged, newer, unwritable."""


class ConflictError(CareerlogError):
    """Someone else changed the record since it was read (optimistic version check)."""
