"""``careerlog search``: every record that contains what was asked for, whole-word and
stem matches first, newest first within each.

Matching, snippets and the kinds come from the search contract
(:mod:`careerlog.store.search`); this module lists the candidates, in one portable
SQL text run on either backend. Each kind's candidates are ordered newest first and cut
to the limit *before* titles and snippets are read, so a common word over 50,000
entries stays fast. On SQLite this is plain SQL through
:func:`careerlog.store.snapshot.reading`: given an up-to-date store file it never
imports SQLAlchemy (~0.3 s of a search).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careerlog.domain.errors import CareerlogError
from careerlog.domain.hits import SearchHit
from careerlog.domain.suggest import did_you_mean
from careerlog.domain.text import normalise_tag, one_line
from careerlog.store.search import BY_NAME, NAMES, IndexedKind, SearchQuery, parse, rid, split
from careerlog.store.search import postgres as pg_index
from careerlog.store.search import sqlite as sqlite_index
from careerlog.store.search.kinds import linked_sql, rid_sql
from careerlog.store.search.params import Params
from careerlog.store.search.snippets import snippets
from careerlog.store.snapshot import Query, reading, sql_day, sql_from, sql_until
from careerlog.store.stamps import to_moment

if TYPE_CHECKING:
    from careerlog.store.db import Store

KINDS = NAMES
TITLE_CHARS = 4000


class SearchFilter(NamedTuple):
    query: str = ""
    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    starred: bool = False
    limit: int = 20
    not_tags: tuple[str, ...] = ()
    untagged: bool = False
    competencies: tuple[str, ...] = ()
    goal_id: int | None = None

    def entries_only(self) -> bool:
        """Tags, stars and being untagged exist only on journal entries."""
        return bool(self.tags) or self.starred or self.untagged


def check_query(text: str) -> None:
    """Raise :class:`CareerlogError` (one clear line) when ``text`` asks for nothing
    searchable, before any store is opened."""
    parse(text)


def searched_kinds(flt: SearchFilter) -> list[IndexedKind]:
    """The kinds ``flt`` can find, in the contract's order."""
    for name in flt.kinds:
        if name not in BY_NAME:
            hint = did_you_mean(name, KINDS)
            raise CareerlogError(f"unknown kind {name!r}{hint}; use one of: {', '.join(KINDS)}")
    if flt.tags and flt.untagged:
        raise CareerlogError("--tag and --untagged exclude each other")
    chosen = flt.kinds or KINDS
    return [
        BY_NAME[name]
        for name in KINDS
        if name in chosen and (not flt.entries_only() or BY_NAME[name].table == "entry")
    ]


class Row(NamedTuple):
    """One candidate: search rowid, kind name, the id of the record the hit points at,
    when, starred, and its tier (0 whole words, 1 the text anywhere)."""

    rid: int
    kind: str
    id: int
    when: Any
    starred: Any
    tier: int


def _bounds(kind: IndexedKind, column: str, flt: SearchFilter) -> list[str]:
    conds = []
    if flt.start:
        conds.append(f"{column} >= {sql_day(flt.start) if kind.is_day else sql_from(flt.start)}")
    if flt.end:
        conds.append(f"{column} <= {sql_day(flt.end) if kind.is_day else sql_until(flt.end)}")
    return conds


def _entry_filters(flt: SearchFilter, bind: Params) -> list[str]:
    conds = ["x.starred"] if flt.starred else []
    for tag in flt.tags:
        conds.append(
            "EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = x.id "
            f"AND et.tag = {bind(normalise_tag(tag))})"
        )
    for tag in flt.not_tags:
        conds.append(
            "NOT EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = x.id "
            f"AND et.tag = {bind(normalise_tag(tag))})"
        )
    if flt.untagged:
        conds.append("NOT EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = x.id)")
    return conds


def _links(
    kind: IndexedKind, holder: str, flt: SearchFilter, bind: Params, track: str | None
) -> list[str] | None:
    """``--competency`` (of the track held now, as a competency belongs to its track)
    and ``--goal`` as conditions on ``kind``'s record, or None when it cannot link to
    what is asked for."""
    conds: list[str] = []
    on_track = bind(track) if track else None
    for key in flt.competencies:
        found = linked_sql(kind, holder, bind(key), None, on_track)
        if found is None:
            return None
        conds += found
    if flt.goal_id is not None:
        found = linked_sql(kind, holder, None, bind(str(flt.goal_id)))
        if found is None:
            return None
        conds += found
    return conds


WALK_AFTER = 10
"""A kind with at least this many matches of a tier per hit asked for (``--limit``) is
listed by walking its records newest first, each checked against the matches, until
the limit is reached; one with fewer has its matches looked up by id and sorted.
'kubernetes' at 50k: 2,429 entries, the 20 newest found among ~400 read from the date
index, instead of all 2,429 rows (~2,100 pages: ~12 ms on a plain store, ~35 ms
decrypting them on an encrypted one). A word in no recent record walks the whole
index (~6 ms at 50k), so a few matches are looked up instead."""
TEXT_READS = 200
"""At most this many tier-0 candidates have their own text read to check that it holds
the query; past that, the substring index's lists cost fewer pages ('kubernetes': ~240
pages for all 2,429 entries holding it)."""


class Counts(NamedTuple):
    """On SQLite, how many records of each kind (by code) an index finds for the query
    (:func:`~careerlog.store.search.sqlite.hit_counts`): ``words`` holding its terms as
    whole words or stems, ``texts`` holding its text (counted only when tier 1 runs);
    ``None``: no index can tell."""

    words: dict[int, int] | None
    texts: dict[int, int] | None = None

    def has_words(self, kind: IndexedKind) -> bool:
        return bool(self.words and self.words.get(kind.code))

    def walk(self, kind: IndexedKind, tier: int, limit: int) -> bool:
        """Whether ``kind``'s matches of ``tier`` are many enough to be listed by walking
        its records newest first (see :data:`WALK_AFTER`)."""
        words = (self.words or {}).get(kind.code, 0)
        many = words if tier == 0 else (self.texts or {}).get(kind.code, 0) - words
        return many >= WALK_AFTER * limit

    def word_tier(
        self, kind: IndexedKind, query: SearchQuery, bind: Params, limit: int
    ) -> list[str]:
        """Tier 0's conditions on ``kind``'s record ``x``, for a kind with whole-word
        matches: one of them (from :func:`~careerlog.store.search.sqlite.shared`'s
        clause) that holds the query's text. Walked, the records read are about the
        limit; looked up, every match is: when that is few (:data:`TEXT_READS`), their
        own text is checked instead of running the substring index."""
        walk = self.walk(kind, 0, limit)
        drive = "+x.id" if walk else "x.id"  # a unary plus: the walk drives, not the matches
        words = sqlite_index.among_words(drive, kind)
        if (limit if walk else (self.words or {}).get(kind.code, 0)) <= TEXT_READS:
            return [words, sqlite_index.matching("x.id", kind, query, bind, by_text=True)]
        # The substring matches never drive: the word matches are fewer.
        return [words, sqlite_index.matching("+x.id", kind, query, bind, shared=True)]


def _candidate_sql(
    flt: SearchFilter,
    query: SearchQuery | None,
    bind: Params,
    postgres: bool,
    tier: int,
    track: str | None,
    counts: Counts | None = None,
) -> list[str]:
    """Per kind, a SELECT (rid, kind, id, moment, starred) of the ``tier``'s matches
    (0: whole words and stems, 1: the rest), newest first and cut to the limit on its
    own index, so the union never sorts more than (kinds x limit) rows. Without a query,
    tier 0 is every record that passes the filters. ``counts``: on SQLite with a query,
    which decide how each kind's matches are read."""
    index: Any = pg_index if postgres else sqlite_index
    # On SQLite the matches are found once, in the statement's WITH (see _listing).
    shared: dict[str, bool] = {} if postgres else {"shared": True}
    parts: list[str] = []
    for kind in searched_kinds(flt):
        source, holder = f"{kind.table} x", "x"
        if kind.owner:
            source += f" JOIN {kind.owner} o ON o.id = x.{kind.owner_key}"
            holder = "o"
        links = _links(kind, holder, flt, bind, track)
        if links is None:
            continue
        moment = f"{holder}.{kind.when}"
        entry = kind.table == "entry"
        conds = _bounds(kind, moment, flt) + links + (_entry_filters(flt, bind) if entry else [])
        if query is not None and tier == 0 and counts is not None:
            if not counts.has_words(kind):
                continue
            conds += counts.word_tier(kind, query, bind, flt.limit)
        elif query is not None:
            walk = counts is not None and counts.walk(kind, tier, flt.limit)
            drive = "+x.id" if walk else "x.id"
            words = index.whole_words(drive, kind, query, bind, **shared)
            if words is None and tier == 0:
                continue
            conds.append(index.matching(drive, kind, query, bind, **shared))
            if words is not None:
                conds.append(words if tier == 0 else f"NOT ({words})")
        starred = "x.starred" if entry else "FALSE"
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        parts.append(
            f"SELECT * FROM (SELECT {rid_sql('x.id', kind)} AS rid, '{kind.name}' AS kind, "
            f"{holder}.id AS id, {moment} AS moment, {starred} AS starred FROM {source} "
            f"{where} ORDER BY {moment} DESC, x.id DESC LIMIT {int(flt.limit)}) AS t{len(parts)}"
        )
    return parts


def _track_held(q: Query) -> str | None:
    """The key of the track chosen last, or None before any is chosen."""
    rows = q(
        "SELECT s.key FROM track_choice c JOIN track_snapshot s ON s.id = c.snapshot_id "
        "ORDER BY c.chosen_at DESC, c.id DESC LIMIT 1"
    )
    return str(rows[0][0]) if rows else None


def _listing(q: Query, flt: SearchFilter, query: SearchQuery | None, postgres: bool) -> list[Row]:
    """The hits to show: whole-word and stem matches newest first, then, if they are
    fewer than the limit, the other matches (read only then)."""
    found: list[Row] = []
    track = _track_held(q) if flt.competencies else None
    counts: Counts | None = None
    for tier in (0, 1) if query is not None else (0,):
        if query is not None and not postgres:
            # Counted from the index lists the statement reads next (cached by then);
            # the text matches only once tier 1 is needed.
            if counts is None:
                counts = Counts(sqlite_index.hit_counts(q, query, words=True))
            else:
                counts = counts._replace(texts=sqlite_index.hit_counts(q, query, words=False))
        bind = Params("pyformat" if postgres else "named")
        parts = _candidate_sql(flt, query, bind, postgres, tier, track, counts)
        if not parts:
            continue
        found_once = "" if postgres or query is None else sqlite_index.shared(query, bind)
        listing = (
            found_once
            + " UNION ALL ".join(parts)
            + f" ORDER BY 4 DESC, 1 DESC LIMIT {int(flt.limit)}"
        )
        rows = q(listing, dict(bind))
        found += [Row(int(r[0]), str(r[1]), int(r[2]), r[3], r[4], tier) for r in rows]
        if len(found) >= flt.limit:
            break
    return found[: flt.limit]


def _title_sql(kind: IndexedKind, ids: list[int]) -> str:
    title = kind.title or f"substr({kind.body}, 1, {TITLE_CHARS})"
    return f"SELECT id, {title} FROM {kind.table} WHERE id IN ({','.join(map(str, ids))})"


def search(source: Store | Path, flt: SearchFilter) -> list[SearchHit]:
    """Matches for ``flt``, whole-word and stem matches first, newest first within
    each; with no query, the newest records that pass the filters (``careerlog search
    --tag work`` lists tagged entries). ``source`` is an open store, or the path of an
    up-to-date SQLite store file."""
    if flt.limit < 1:
        raise CareerlogError("--limit must be at least 1")
    searched_kinds(flt)  # an unknown kind is an error on every backend
    query = parse(flt.query) if flt.query.strip() else None
    dialect = "sqlite" if isinstance(source, Path) else source.dialect
    if dialect not in ("sqlite", "postgresql"):
        raise CareerlogError(f"full-text search is not available on {dialect}")
    with reading(source) as q:
        found = _listing(q, flt, query, dialect == "postgresql")
        titles = _titles(q, found)
        marked = snippets(q, query, [row.rid for row in found]) if query is not None else {}
        tags = _tags(q, [row.id for row in found if BY_NAME[row.kind].table == "entry"])
    return [
        hit_from_row(row, titles.get(row.rid, ""), marked.get(row.rid), tags.get(row.id, ()))
        for row in found
    ]


def _titles(q: Query, found: list[Row]) -> dict[int, str]:
    by_kind: dict[IndexedKind, list[int]] = {}
    for row in found:
        kind, indexed_id = split(row.rid)
        by_kind.setdefault(kind, []).append(indexed_id)
    titles: dict[int, str] = {}
    for kind, ids in by_kind.items():
        for key, text in q(_title_sql(kind, ids)):
            titles[rid(kind, int(key))] = str(text or "")
    return titles


def _tags(q: Query, entry_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not entry_ids:
        return {}
    found: dict[int, list[str]] = {}
    for entry_id, tag in q(
        "SELECT entry_id, tag FROM entry_tag WHERE entry_id IN "
        f"({','.join(map(str, entry_ids))}) ORDER BY entry_id, tag"
    ):
        found.setdefault(int(entry_id), []).append(str(tag))
    return {key: tuple(value) for key, value in found.items()}


def hit_from_row(row: Row, title: str, snippet: str | None, tags: tuple[str, ...]) -> SearchHit:
    """A hit from a candidate row, with the record's opening when there is no snippet."""
    return SearchHit(
        kind=row.kind,
        id=row.id,
        when=to_moment(row.when),  # SQLite hands back DATE columns through a union as text
        title=one_line(title),
        snippet=snippet if snippet is not None else one_line(title, 160),
        starred=bool(row.starred),
        tags=tags if BY_NAME[row.kind].table == "entry" else (),
    )
