"""The search-index contract, one place for every rule of search: which records are
indexed and how a rowid names one (:mod:`.kinds`), how text is compared
(:mod:`.fold`), how a typed query is read (:mod:`.query`), how each backend matches
and ranks (:mod:`.sqlite`, :mod:`.postgres`, and :mod:`.alchemy` for code holding a
SQLAlchemy connection), and the one snippet function (:mod:`.snippets`). The services
build their listings on it; nothing else writes search SQL.

Everything but :mod:`.alchemy` uses the standard library only.
"""

from careerlog.store.search.kinds import BY_CODE, BY_NAME, KINDS, NAMES, IndexedKind, rid, split
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
