"""The search-index contract, one place for every rule of search: which records are
indexed and how a rowid names one (:mod:`.kinds`), how a typed query is read
(:mod:`.query`), and how each backend matches, ranks and cuts snippets
(:mod:`.sqlite`, :mod:`.postgres`, and :mod:`.alchemy` for code holding a SQLAlchemy
connection). The services build their listings on it; nothing else writes search SQL.

This package and its SQLite module use the standard library only.
"""

from careerlog.store.search.kinds import BY_CODE, BY_NAME, KINDS, NAMES, IndexedKind, rid, split
from careerlog.store.search.query import SearchQuery, Term, parse

__all__ = [
    "BY_CODE",
    "BY_NAME",
    "KINDS",
    "NAMES",
    "IndexedKind",
    "SearchQuery",
    "Term",
    "parse",
    "rid",
    "split",
]
