"""The exchange format's store side for imports: writing records back in one
all-or-nothing transaction.

Every field :mod:`careerlog.services.exchange.records` reads for an export is written back
here, so export → import into an empty store → export gives the same document. The
io parsers validate files and hand over plain dicts; nothing here reads files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, exc, func, insert, select

from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import entry_problem, link_problem
from careerlog.services.exchange.import_base import (
    KINDS,
    Progress,
    Skipped,
    day_or_none,
    moment,
    moment_or_none,
)
from careerlog.services.exchange.import_career import CareerImport
from careerlog.services.exchange.records import FORMAT, SCHEMA_VERSION, Record
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import Store

__all__ = [
    "FORMAT",
    "KINDS",
    "SCHEMA_VERSION",
    "ImportReport",
    "Progress",
    "Skipped",
    "count_records",
    "import_records",
]
COUNTED = (
    "track_choices",
    "goals",
    "activities",
    "entries",
    "reflections",
    "feedback",
    "fit_results",
)
"""The kinds an import reports by count; versions and carried ratings go with choices."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: counts by kind, what it left out and why, the backup taken."""

    imported: dict[str, int]
    skipped: tuple[Skipped, ...]
    backup: Path | None = None

    @property
    def total(self) -> int:
        return sum(self.imported.values())


class _Writer(CareerImport):
    """The journal's kinds: goals with milestones, learning activities, entries."""

    def goals(self, records: Sequence[Record]) -> None:
        g = t.goal
        existing: dict[tuple[str, datetime | None], list[int]] = {}
        for row in self.conn.execute(select(g.c.id, g.c.title, g.c.created_at).order_by(g.c.id)):
            existing.setdefault((row.title, row.created_at), []).append(row.id)
        taken = {goal_id for ids in existing.values() for goal_id in ids}
        for record in records:
            self.tick()
            key = (record["title"], moment_or_none(record["created_at"]))
            if existing.get(key):
                self.goal_ids[record["id"]] = existing[key].pop(0)
                self.skipped.append(Skipped(f"goal {record['title']!r}", "already in the store"))
                continue
            values = {
                "title": record["title"],
                "why": record["why"],
                "status": record["status"],
                "due": day_or_none(record["due"]),
                "progress_manual": record["progress_manual"],
                "created_at": key[1],
                "updated_at": moment_or_none(record["updated_at"]),
                "closed_at": moment_or_none(record["closed_at"]),
                "version": record["version"],
            }
            new_id = self.insert(g, values, record["id"], taken)
            self.goal_ids[record["id"]] = new_id
            self.competency_links("goal", new_id, record["competencies"], key[1])
            milestones = [
                {
                    "goal_id": new_id,
                    "title": m["title"],
                    "position": m["position"],
                    "created_at": moment_or_none(m["created_at"]),
                    "done_at": moment_or_none(m["done_at"]),
                }
                for m in record["milestones"]
            ]
            if milestones:
                self.conn.execute(insert(t.milestone), milestones)
            self.imported["goals"] += 1

    def activities(self, records: Sequence[Record]) -> None:
        a = t.activity
        existing = Counter(
            (row.title, row.kind, row.day, row.created_at)
            for row in self.conn.execute(select(a.c.title, a.c.kind, a.c.day, a.c.created_at))
        )
        taken = self.taken(a)
        for record in records:
            self.tick()
            key = (
                record["title"],
                record["kind"],
                day_or_none(record["day"]),
                moment_or_none(record["created_at"]),
            )
            if existing[key] > 0:
                existing[key] -= 1
                self.skipped.append(
                    Skipped(f"activity {record['title']!r}", "already in the store")
                )
                continue
            what = f"activity {record['title']!r}"
            link = record["link"].strip()
            why = link_problem(link)
            if why is not None:
                self.skipped.append(Skipped(f"the link {link[:60]!r} of {what}", why))
                link = ""
            values = {
                "title": record["title"],
                "kind": record["kind"],
                "day": key[2],
                "minutes": record["minutes"],
                "goal_id": self.goal_in_store(record["goal_id"], what),
                "notes": record["notes"],
                "link": link,
                "created_at": key[3],
            }
            new_id = self.insert(a, values, record["id"], taken)
            self.competency_links("activity", new_id, record["competencies"], key[3])
            self.imported["activities"] += 1

    def entries(self, records: Sequence[Record]) -> None:
        e = t.entry
        moments = [moment_or_none(r["written_at"]) for r in records]
        existing_keys: set[str] = set()
        # A multiset: two entries with the same moment and words are two entries. Each
        # copy already in the store stands for one record of the file, no more.
        existing_text: Counter[tuple[datetime, str]] = Counter()
        if moments:
            lo, hi = min(m for m in moments if m), max(m for m in moments if m)
            for row in self.conn.execute(
                select(e.c.written_at, e.c.text, e.c.source_key).where(
                    e.c.written_at >= lo, e.c.written_at <= hi
                )
            ):
                existing_text[(row.written_at, row.text)] += 1
            wanted = [r["source_key"] for r in records if r.get("source_key")]
            for chunk in range(0, len(wanted), 900):
                found = select(e.c.source_key).where(
                    e.c.source_key.in_(wanted[chunk : chunk + 900])
                )
                keys: list[Any] = list(self.conn.execute(found).scalars())
                existing_keys.update(str(k) for k in keys)
        taken = self.taken(e)
        for record, written_at in zip(records, moments, strict=True):
            self.tick()
            assert written_at is not None
            what = f"entry of {written_at.isoformat(' ', 'minutes')}"
            problem = entry_problem(record["text"])
            if problem is not None:
                self.skipped.append(Skipped(what, f"it {problem}"))
                continue
            source_key = record.get("source_key")
            same = (written_at, record["text"])
            if (source_key and source_key in existing_keys) or existing_text[same] > 0:
                if existing_text[same] > 0:
                    existing_text[same] -= 1
                self.skipped.append(Skipped(what, "already in the store"))
                continue
            if source_key:
                existing_keys.add(source_key)
            stored = writers.entry_row(
                record["text"],
                written_at,
                moment(record["created_at"]),
                moment(record["updated_at"]),
                starred=bool(record["starred"]),
                source_key=source_key,
            )
            given = record.get("id")
            keep = self.keep_ids and given is not None and given not in taken
            new_id = writers.insert_entry(self.sql, stored, given if keep else None)
            taken.add(new_id)
            goal_ids = [self.goal_in_store(g, what) for g in record.get("goal_ids", [])]
            tags = self.tags(record["tags"], what)
            writers.link_entry(self.sql, new_id, tags, [g for g in goal_ids if g])
            self.competency_links(
                "entry",
                new_id,
                record.get("competencies", []),
                moment_or_none(record["created_at"]),
            )
            self.imported["entries"] += 1


def _advance_sequences(conn: Connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the largest id."""
    tables = (t.entry, t.goal, t.activity, t.reflection, t.track_choice, t.fit_result, t.feedback)
    for table in tables:
        name = table.name
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
        )


def _backup_first(store: Store) -> Path | None:
    from careerlog.services.exchange.backup import backup_before

    return backup_before(store, "import")


def import_records(
    store: Store,
    records: Mapping[str, Sequence[Record]],
    *,
    skipped: Sequence[Skipped] = (),
    progress: Progress | None = None,
    backup: bool = True,
) -> ImportReport:
    """Write validated records in one transaction; a failure leaves the store untouched.

    Records already in the store (same moment and content) are skipped and reported,
    so importing the same file twice adds nothing.
    """
    total = sum(len(records.get(kind, ())) for kind in KINDS)
    backup_path = _backup_first(store) if backup and total else None
    try:
        with store.write() as conn:
            writer = _Writer(conn, progress, total)
            writer.track_versions(records.get("track_versions", ()))
            writer.track_choices(records.get("track_choices", ()))
            writer.carried_ratings(records.get("carried_ratings", ()))
            writer.goals(records.get("goals", ()))
            writer.activities(records.get("activities", ()))
            writer.entries(records.get("entries", ()))
            writer.reflections(records.get("reflections", ()))
            writer.feedback(records.get("feedback", ()))
            writer.fit_results(records.get("fit_results", ()))
            if conn.dialect.name == "postgresql":
                _advance_sequences(conn)
    except exc.IntegrityError as error:
        raise CareerlogError(
            f"the file breaks a rule of the store ({str(error.orig).splitlines()[0]}); "
            "nothing was imported"
        ) from None
    counts = {kind: n for kind, n in writer.imported.items() if n and kind in COUNTED}
    return ImportReport(counts, (*skipped, *writer.skipped), backup_path)


def count_records(store: Store) -> int:
    """How many top-level records the store holds (0 means an empty store)."""
    with store.read() as conn:
        return sum(
            int(conn.scalar(select(func.count()).select_from(table)) or 0)
            for table in (
                t.entry,
                t.goal,
                t.activity,
                t.reflection,
                t.track_choice,
                t.fit_result,
                t.feedback,
            )
        )
