"""The exchange format's store side for imports: writing records back in one
all-or-nothing transaction.

Every field :mod:`careerlog.services.exchange.records` reads for an export is written back
here, so export → import into an empty store → export gives the same document. The
io parsers validate files and hand over plain dicts; nothing here reads files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, exc, func, insert, select

from careerlog.domain.career.tracks import LinkOwners, keys_in
from careerlog.domain.errors import CareerlogError
from careerlog.domain.text import check_tags, entry_problem, link_problem
from careerlog.services.exchange.records import FORMAT, SCHEMA_VERSION, Record
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import Store, statements

Progress = Callable[[int, int], None]
__all__ = ["FORMAT", "KINDS", "SCHEMA_VERSION", "ImportReport", "Skipped", "import_records"]
KINDS = (
    "track_versions",
    "track_choices",
    "carried_ratings",
    "goals",
    "activities",
    "entries",
    "reflections",
    "feedback",
    "fit_results",
)
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
class Skipped:
    what: str
    why: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: counts by kind, what it left out and why, the backup taken."""

    imported: dict[str, int]
    skipped: tuple[Skipped, ...]
    backup: Path | None = None

    @property
    def total(self) -> int:
        return sum(self.imported.values())


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


class _Writer:
    """One import inside one transaction: keeps ids where they are free (so a restore
    into an empty store is exact, on either backend) and maps goal ids where not."""

    def __init__(self, conn: Connection, progress: Progress | None, total: int) -> None:
        self.conn = conn
        self.sql = statements(conn)
        self.keep_ids = True
        self.goal_ids: dict[int, int] = {}
        self.versions: dict[int, int] = {}
        """A version id in the file → the snapshot id in this store."""
        self.choice_ids: dict[int, int] = {}
        self.owners: LinkOwners | None = None
        self.imported = dict.fromkeys(KINDS, 0)
        self.skipped: list[Skipped] = []
        self.progress = progress
        self.total = total
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 200 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    def taken(self, table: Table) -> set[int]:
        return set(self.conn.scalars(select(table.c.id)))

    def insert(self, table: Table, values: Record, wanted: int | None, taken: set[int]) -> int:
        if self.keep_ids and wanted is not None and wanted not in taken:
            values = {"id": wanted, **values}
        new_id = int(_new_id(self.conn.execute(insert(table).values(**values))))
        taken.add(new_id)
        return new_id

    def link(
        self, table: Table, owner: str, owner_id: int, column: str, values: Iterable[Any]
    ) -> None:
        rows = [{owner: owner_id, column: v} for v in dict.fromkeys(values)]
        if rows:
            self.conn.execute(insert(table), rows)

    def competency_links(
        self, kind: str, owner_id: int, values: Sequence[Any], made: datetime | None
    ) -> None:
        """Links as a file writes them: ``{"track", "key", "version"}`` (schema 2), or a
        bare key (schema 1), which goes to the track chosen when the record was made."""
        links: list[tuple[int, writers.Link]] = []
        for value in values:
            if isinstance(value, str):
                track_key, snapshot_id = self._owners().owner(made or datetime.min, value)
                key = value
            else:
                track_key, key = value["track"], value["key"]
                version = value.get("version")
                snapshot_id = self.versions.get(version) if version is not None else None
            links.append((owner_id, (track_key, key, snapshot_id)))
        writers.link_competencies(self.sql, kind, links)

    def _owners(self) -> LinkOwners:
        if self.owners is None:
            c, s = t.track_choice.c, t.track_snapshot.c
            self.owners = LinkOwners(
                (row[0], row[1], row[2], keys_in(row[3]))
                for row in self.conn.execute(
                    select(c.chosen_at, s.id, s.key, s.definition).join(
                        t.track_snapshot, s.id == c.snapshot_id
                    )
                )
            )
        return self.owners

    def track_versions(self, records: Sequence[Record]) -> None:
        for record in records:
            self.tick()
            self.versions[record["id"]] = self.snapshot(record)

    def snapshot(self, track: Mapping[str, Any]) -> int:
        definition = json.dumps(track["definition"], sort_keys=True, ensure_ascii=False)
        created_at = _moment(track["created_at"])
        return writers.snapshot_id(self.sql, track["key"], track["name"], definition, created_at)

    def track_choices(self, records: Sequence[Record]) -> None:
        c, s = t.track_choice, t.track_snapshot
        existing = Counter(
            (row.chosen_at, row.level_key, row.digest)
            for row in self.conn.execute(
                select(c.c.chosen_at, c.c.level_key, s.c.digest).join(s, s.c.id == c.c.snapshot_id)
            )
        )
        taken = self.taken(c)
        for record in records:
            self.tick()
            snapshot_id = self.snapshot(record["track"])
            digest = self.conn.scalar(select(s.c.digest).where(s.c.id == snapshot_id))
            key = (_dt(record["chosen_at"]), record["level_key"], digest)
            if existing[key] > 0:
                existing[key] -= 1
                self.skipped.append(
                    Skipped(f"track choice of {record['chosen_at']}", "already in the store")
                )
                found = self.conn.scalar(
                    select(c.c.id).where(
                        c.c.chosen_at == key[0],
                        c.c.level_key == key[1],
                        c.c.snapshot_id == snapshot_id,
                    )
                )
                if found is not None and record.get("id") is not None:
                    self.choice_ids[record["id"]] = int(found)
                continue
            values = {
                "snapshot_id": snapshot_id,
                "level_key": record["level_key"],
                "chosen_at": key[0],
                "reason": record["reason"],
            }
            new_id = self.insert(c, values, record.get("id"), taken)
            if record.get("id") is not None:
                self.choice_ids[record["id"]] = new_id
            self.imported["track_choices"] += 1
        self.owners = None

    def carried_ratings(self, records: Sequence[Record]) -> None:
        k = t.carried_rating
        existing = {
            (row.choice_id, row.competency_key)
            for row in self.conn.execute(select(k.c.choice_id, k.c.competency_key))
        }
        for record in records:
            self.tick()
            choice_id = self.choice_ids.get(record["choice_id"])
            what = f"carried rating of {record['competency_key']!r}"
            if choice_id is None:
                self.skipped.append(Skipped(what, "its track choice is not in the file"))
                continue
            if (choice_id, record["competency_key"]) in existing:
                self.skipped.append(Skipped(what, "already in the store"))
                continue
            version = record.get("from_version")
            self.conn.execute(
                insert(k).values(
                    choice_id=choice_id,
                    track_key=record["track_key"],
                    competency_key=record["competency_key"],
                    value=record["value"],
                    from_track_key=record["from_track_key"],
                    from_snapshot_id=self.versions.get(version) if version is not None else None,
                    from_day=_day(record["from_day"]),
                    carried_at=_dt(record["carried_at"]),
                )
            )
            existing.add((choice_id, record["competency_key"]))

    def goals(self, records: Sequence[Record]) -> None:
        g = t.goal
        existing: dict[tuple[str, datetime | None], list[int]] = {}
        for row in self.conn.execute(select(g.c.id, g.c.title, g.c.created_at).order_by(g.c.id)):
            existing.setdefault((row.title, row.created_at), []).append(row.id)
        taken = {goal_id for ids in existing.values() for goal_id in ids}
        for record in records:
            self.tick()
            key = (record["title"], _dt(record["created_at"]))
            if existing.get(key):
                self.goal_ids[record["id"]] = existing[key].pop(0)
                self.skipped.append(Skipped(f"goal {record['title']!r}", "already in the store"))
                continue
            values = {
                "title": record["title"],
                "why": record["why"],
                "status": record["status"],
                "due": _day(record["due"]),
                "progress_manual": record["progress_manual"],
                "created_at": key[1],
                "updated_at": _dt(record["updated_at"]),
                "closed_at": _dt(record["closed_at"]),
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
                    "created_at": _dt(m["created_at"]),
                    "done_at": _dt(m["done_at"]),
                }
                for m in record["milestones"]
            ]
            if milestones:
                self.conn.execute(insert(t.milestone), milestones)
            self.imported["goals"] += 1

    def tags(self, given: Sequence[str], what: str) -> list[str]:
        """The tags that pass the door every tag passes; the others are reported."""
        checked = check_tags("", given)
        self.skipped.extend(Skipped(f"tag {s.tag!r} of {what}", s.why) for s in checked.skipped)
        return checked.tags

    def _goal(self, goal_id: int | None, what: str) -> int | None:
        """The goal's id in this store; a link to a goal the file lacks is dropped, said so."""
        if goal_id is None:
            return None
        if goal_id in self.goal_ids:
            return self.goal_ids[goal_id]
        self.skipped.append(
            Skipped(f"link from {what} to goal {goal_id}", "the goal is not in the file")
        )
        return None

    def activities(self, records: Sequence[Record]) -> None:
        a = t.activity
        existing = Counter(
            (row.title, row.kind, row.day, row.created_at)
            for row in self.conn.execute(select(a.c.title, a.c.kind, a.c.day, a.c.created_at))
        )
        taken = self.taken(a)
        for record in records:
            self.tick()
            key = (record["title"], record["kind"], _day(record["day"]), _dt(record["created_at"]))
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
                "goal_id": self._goal(record["goal_id"], what),
                "notes": record["notes"],
                "link": link,
                "created_at": key[3],
            }
            new_id = self.insert(a, values, record["id"], taken)
            self.competency_links("activity", new_id, record["competencies"], key[3])
            self.imported["activities"] += 1

    def entries(self, records: Sequence[Record]) -> None:
        e = t.entry
        moments = [_dt(r["written_at"]) for r in records]
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
                _moment(record["created_at"]),
                _moment(record["updated_at"]),
                starred=bool(record["starred"]),
                source_key=source_key,
            )
            given = record.get("id")
            keep = self.keep_ids and given is not None and given not in taken
            new_id = writers.insert_entry(self.sql, stored, given if keep else None)
            taken.add(new_id)
            goal_ids = [self._goal(g, what) for g in record.get("goal_ids", [])]
            tags = self.tags(record["tags"], what)
            writers.link_entry(self.sql, new_id, tags, [g for g in goal_ids if g])
            self.competency_links(
                "entry", new_id, record.get("competencies", []), _dt(record["created_at"])
            )
            self.imported["entries"] += 1

    def reflections(self, records: Sequence[Record]) -> None:
        r = t.reflection
        existing = Counter(
            (row.set_key, row.day, row.created_at)
            for row in self.conn.execute(select(r.c.set_key, r.c.day, r.c.created_at))
        )
        taken = self.taken(r)
        for record in records:
            self.tick()
            key = (record["set_key"], _day(record["day"]), _dt(record["created_at"]))
            if existing[key] > 0:
                existing[key] -= 1
                self.skipped.append(
                    Skipped(
                        f"{record['set_key']} reflection of {record['day']}", "already in the store"
                    )
                )
                continue
            values = {
                "set_key": key[0],
                "day": key[1],
                "created_at": key[2],
                "track_key": record["track_key"],
                "level_key": record["level_key"],
                "stance": record["stance"],
                "snapshot_id": self._reflection_version(record, key[2]),
            }
            new_id = self.insert(r, values, record["id"], taken)
            answers = [{"reflection_id": new_id, **answer} for answer in record["answers"]]
            if answers:
                self.conn.execute(insert(t.reflection_answer), answers)
            ratings = [
                {"reflection_id": new_id, "competency_key": k, "value": v, "rater": "self"}
                for k, v in record["ratings"].items()
            ] + [
                {"reflection_id": new_id, "competency_key": k, "value": v, "rater": "manager"}
                for k, v in record.get("manager_ratings", {}).items()
            ]
            if ratings:
                self.conn.execute(insert(t.rating), ratings)
            self.imported["reflections"] += 1

    def _reflection_version(self, record: Record, made: datetime | None) -> int | None:
        version = record.get("track_version")
        if version is not None:
            return self.versions.get(version)
        if record["track_key"] is None:
            return None
        track_key, snapshot_id = self._owners().owner(made or datetime.min, "")
        return snapshot_id if track_key == record["track_key"] else None

    def feedback(self, records: Sequence[Record]) -> None:
        f = t.feedback
        existing = Counter(
            (row.given_at, row.giver, row.text)
            for row in self.conn.execute(select(f.c.given_at, f.c.giver, f.c.text))
        )
        taken = self.taken(f)
        for record in records:
            self.tick()
            given_at = _moment(record["given_at"])
            key = (given_at, record["giver"], record["text"])
            if existing[key] > 0:
                existing[key] -= 1
                self.skipped.append(
                    Skipped(f"feedback from {record['giver']!r}", "already in the store")
                )
                continue
            row = writers.feedback_row(
                record["giver"],
                record["text"],
                given_at,
                _moment(record["created_at"]),
                record["role"],
            )
            wanted = record.get("id")
            keep = self.keep_ids and wanted is not None and wanted not in taken
            new_id = writers.insert_feedback(self.sql, row, wanted if keep else None)
            taken.add(new_id)
            made = _moment(record["created_at"])
            self.competency_links("feedback", new_id, record["competencies"], made)
            self.imported["feedback"] += 1

    def fit_results(self, records: Sequence[Record]) -> None:
        f = t.fit_result
        existing = Counter(row.taken_at for row in self.conn.execute(select(f.c.taken_at)))
        taken = self.taken(f)
        for record in records:
            self.tick()
            taken_at = _dt(record["taken_at"])
            if existing[taken_at] > 0:
                existing[taken_at] -= 1
                self.skipped.append(
                    Skipped(f"track-fit result of {record['taken_at']}", "already in the store")
                )
                continue
            values = {
                "taken_at": taken_at,
                "answers": json.dumps(record["answers"], sort_keys=True, ensure_ascii=False),
                "scores": json.dumps(record["scores"], sort_keys=True, ensure_ascii=False),
                "best_track": record["best_track"],
            }
            self.insert(f, values, record["id"], taken)
            self.imported["fit_results"] += 1


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
