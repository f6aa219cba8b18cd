"""The records of the exchange format: every entry, goal, activity, reflection, track
choice and fit result of a range as JSON-ready plain data, and the whole export
document (the lossless backup format) built from them in one read snapshot.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.domain.summary import summary_to_dict
from careerlog.services.exchange.career_records import (
    carried_records,
    choice_records,
    feedback_records,
    fit_records,
    reflection_records,
    version_records,
)
from careerlog.services.summary import summarize_snapshot
from careerlog.store.snapshot import (
    Query,
    competency_links,
    days_between,
    goal_filter,
    linked,
    moments_between,
    reading,
    sqlite_json,
)
from careerlog.store.stamps import iso_day, iso_moment, iso_moment_sql, to_day

if TYPE_CHECKING:
    from careerlog.store.db import Store

Record = dict[str, Any]
FORMAT = "careerlog"
SCHEMA_VERSION = 2
"""2: competency links name their track (``{"track", "key", "version"}``), reflections
their track version and the manager's ratings; track versions, carried ratings and
feedback are records of their own. Version 1 files (links as bare keys) are still read."""


def _entries(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = moments_between("e.written_at", start, end)
    rows = q(
        "SELECT e.id, e.written_at, e.text, e.starred, e.created_at, e.updated_at, "
        f"e.source_key FROM entry e {where} ORDER BY e.written_at, e.id"
    )
    links = {
        name: linked(q, table, column, "entry e", where)
        for name, table, column in (
            ("tags", "entry_tag", "tag"),
            ("goal_ids", "entry_goal", "goal_id"),
        )
    }
    comps = competency_links(q, "entry_competency", "entry_id", "entry e", where)
    return [
        {
            "id": r[0],
            "written_at": iso_moment(r[1]),
            "text": r[2],
            "starred": bool(r[3]),
            "tags": sorted(links["tags"].get(r[0], [])),
            "goal_ids": sorted(links["goal_ids"].get(r[0], [])),
            "competencies": comps.get(r[0], []),
            "created_at": iso_moment(r[4]),
            "updated_at": iso_moment(r[5]),
            "source_key": r[6],
        }
        for r in rows
    ]


def _sorted_list_sql(table: str, column: str) -> str:
    return (
        f"(SELECT json_group_array({column}) FROM "
        f"(SELECT {column} FROM {table} WHERE entry_id = e.id ORDER BY {column}))"
    )


_LINKS_SQL = (
    "(SELECT json_group_array(json_object('track', track_key, 'key', competency_key, "
    "'version', snapshot_id)) FROM (SELECT track_key, competency_key, snapshot_id "
    "FROM entry_competency WHERE entry_id = e.id ORDER BY track_key, competency_key))"
)


_ENTRY_JSON = (
    "json_object('id', e.id, "
    f"'written_at', {iso_moment_sql('e.written_at')}, "
    "'text', e.text, "
    "'starred', CASE WHEN e.starred THEN json('true') ELSE json('false') END, "
    f"'tags', {_sorted_list_sql('entry_tag', 'tag')}, "
    f"'goal_ids', {_sorted_list_sql('entry_goal', 'goal_id')}, "
    f"'competencies', {_LINKS_SQL}, "
    f"'created_at', {iso_moment_sql('e.created_at')}, "
    f"'updated_at', {iso_moment_sql('e.updated_at')}, "
    "'source_key', e.source_key)"
)
"""One entry record as compact JSON text, built by SQLite: the same keys, order and
escaping as :func:`_entries` under the JSON export's compact encoder (a test compares
the two byte for byte). ``json('true')`` is a constant SQLite works out once, where
``json(CASE …)`` parsed a JSON text for every entry (~0.7 ms a year at 50k)."""


class Encoded(list[bytes]):
    """Records already encoded as JSON by SQLite, one UTF-8 ``bytes`` each: written to
    the export as they are (:func:`careerlog.domain.text.json_safe_utf8` checks them).
    Marking the list, not each record, spares a copy of every record."""

    __slots__ = ()


def _entry_lines(q: Query, start: date | None, end: date | None) -> Encoded:
    """The entries of the range as JSON made by SQLite's JSON functions: a yearly
    export of 5,000 entries in ~50 ms instead of ~150 ms of Python dicts and encoding.
    They come back as the UTF-8 bytes SQLite holds (``CAST … AS BLOB``): decoding 3 MB
    into ``str`` only for the export to encode it again took ~7 ms."""
    where = moments_between("e.written_at", start, end)
    rows = q(f"SELECT CAST({_ENTRY_JSON} AS BLOB) FROM entry e {where} ORDER BY e.written_at, e.id")
    return Encoded(r[0] for r in rows)


def _goal_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = goal_filter(start, end)
    rows = q(
        "SELECT g.id, g.title, g.why, g.status, g.due, g.progress_manual, g.created_at, "
        f"g.updated_at, g.closed_at, g.version FROM goal g {where} ORDER BY g.id"
    )
    comps = competency_links(q, "goal_competency", "goal_id", "goal g", where)
    milestones: dict[int, list[Record]] = {}
    for goal_id, title, position, created, done in q(
        "SELECT m.goal_id, m.title, m.position, m.created_at, m.done_at FROM milestone m "
        f"JOIN goal g ON g.id = m.goal_id {where} ORDER BY m.position, m.id"
    ):
        milestones.setdefault(goal_id, []).append(
            {
                "title": title,
                "position": position,
                "created_at": iso_moment(created),
                "done_at": iso_moment(done),
            }
        )
    return [
        {
            "id": r[0],
            "title": r[1],
            "why": r[2],
            "status": r[3],
            "due": iso_day(r[4]),
            "progress_manual": r[5],
            "created_at": iso_moment(r[6]),
            "updated_at": iso_moment(r[7]),
            "closed_at": iso_moment(r[8]),
            "version": r[9],
            "competencies": comps.get(r[0], []),
            "milestones": milestones.get(r[0], []),
        }
        for r in rows
    ]


def _activity_records(q: Query, start: date | None, end: date | None) -> list[Record]:
    where = days_between("a.day", start, end)
    rows = q(
        "SELECT a.id, a.title, a.kind, a.day, a.minutes, a.goal_id, a.notes, a.link, "
        f"a.created_at FROM activity a {where} ORDER BY a.day, a.id"
    )
    comps = competency_links(q, "activity_competency", "activity_id", "activity a", where)
    return [
        {
            "id": r[0],
            "title": r[1],
            "kind": r[2],
            "day": iso_day(r[3]),
            "minutes": r[4],
            "goal_id": r[5],
            "notes": r[6],
            "link": r[7],
            "created_at": iso_moment(r[8]),
            "competencies": comps.get(r[0], []),
        }
        for r in rows
    ]


def _records(
    q: Query, start: date | None, end: date | None, encoded: bool = False
) -> dict[str, list[Any]]:
    return {
        "track_versions": version_records(q),
        "entries": _entry_lines(q, start, end) if encoded else _entries(q, start, end),
        "goals": _goal_records(q, start, end),
        "activities": _activity_records(q, start, end),
        "reflections": reflection_records(q, start, end),
        "feedback": feedback_records(q, start, end),
        "track_choices": choice_records(q, end),
        "carried_ratings": carried_records(q, end),
        "fit_results": fit_records(q, start, end),
    }


def entry_records(source: Store | Path, start: date | None, end: date | None) -> list[Record]:
    """The entries of the range as plain records (what the Markdown and HTML exports list)."""
    with reading(source) as q:
        return _entries(q, start, end)


def _first_day(q: Query) -> date | None:
    found = q(
        "SELECT (SELECT MIN(written_at) FROM entry), (SELECT MIN(day) FROM activity), "
        "(SELECT MIN(day) FROM reflection), (SELECT MIN(created_at) FROM goal), "
        "(SELECT MIN(given_at) FROM feedback)"
    )
    days = [to_day(value) for value in found[0] if value is not None]
    return min(days) if days else None


def first_day(source: Store | Path) -> date | None:
    """The earliest day anything was recorded: where an export without a range starts."""
    with reading(source) as q:
        return _first_day(q)


def document(
    source: Store | Path,
    start: date | None,
    end: date | None,
    *,
    today: date | None = None,
    encode_entries: bool = False,
) -> dict[str, Any]:
    """The whole exchange document, read in one snapshot: header, records and the summary
    of the range. Without a range it holds everything (the lossless backup format) and
    its summary spans from the first record to today. With ``encode_entries`` an SQLite
    store hands back its entries as :class:`Encoded` JSON text (what the JSON export
    writes), which is three times quicker than building them as dicts."""
    from careerlog import __version__

    today = today or date.today()
    encoded = encode_entries and sqlite_json(source)
    with reading(source) as q:
        records = _records(q, start, end, encoded)
        span_start = start or _first_day(q) or today
        span_end = end or max(today, span_start)
        summary = summarize_snapshot(q, span_start, span_end, today, None)
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "range": None
        if start is None and end is None
        else {"from": iso_day(start), "to": iso_day(end)},
        **records,
        "summary": summary_to_dict(summary),
    }


def entry_document(source: Store | Path, entry_id: int) -> dict[str, Any] | None:
    """One entry as an importable careerlog document, with the goals it links to (so an
    import puts the links back); ``None`` when there is no such entry. What ``careerlog
    delete`` keeps so the delete can be undone."""
    with reading(source) as q:
        found = q(f"SELECT written_at FROM entry WHERE id = {int(entry_id)}")
        if not found:
            return None
        day = to_day(found[0][0])
        entries = [r for r in _entries(q, day, day) if r["id"] == entry_id]
        goals = [g for g in _goal_records(q, None, None) if g["id"] in entries[0]["goal_ids"]]
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "goals": goals, "entries": entries}
