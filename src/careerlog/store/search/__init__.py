"""The search-index contract, one place for every rule of search: which records are
indexed and how a rowid names one (:mod:`.kinds`), how text is compared
(:mod:`.fold`), how a typed query is read (:mod:`.query`), how each backend matches
and ranks (:mod:`.sqlite`, :mod:`.postgres`, and :mod:`.alchemy` for code holding a
SQLAlchemy connection), and the one snippet function (:mod:`.snippets`). The services
build their listings on it; nothing else writes search SQL.

Everything but :mod:`.alchemy` uses the standard library only.

The names below are read from :mod:`.kinds` and :mod:`.query` when first asked for:
every command that opens an SQLite file imports :mod:`.fold` (the connection registers
its functions), and with it this package, while only searches need the other two
(~1.2 ms at start-up, of ``careerlog export`` for one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerlog.store.search.kinds import (
        BY_CODE,
        BY_NAME,
        KINDS,
        NAMES,
        IndexedKind,
        rid,
        split,
    )
    from careerlog.store.search.query import AnyOf, Not, SearchQuery, Term, parse

__all__ = [
    "BY_CODE",
    "BY_NAME",
    "KINDS",
    "NAMES",
    "AnyOf",
    "IndexedKind",
    "Not",
    "SearchQuery",
    "Term",
    "parse",
    "rid",
    "split",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from careerlog.store.search import kinds, query

    for module in (kinds, query):
        if hasattr(module, name):
            value = getattr(module, name)
            globals()[name] = value  # looked up once
            return value
    raise AttributeError(f"{__name__}.{name} is in neither .kinds nor .query")
