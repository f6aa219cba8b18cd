"""What every record kind an import writes shares: one transaction, ids kept where
they are free, goals' ids mapped where not, competency links attributed to the track
they were made on, tags through the one door, progress, and what was skipped and why.
The kinds themselves: :mod:`.import_career` and :mod:`.importing`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from careerlog.domain.career.tracks import LinkOwners, keys_in
from careerlog.domain.text import check_tags
from careerlog.services.exchange.records import Record
from careerlog.store import tables as t
from careerlog.store import writers
from careerlog.store.db import statements

Progress = Callable[[int, int], None]
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


@dataclass(frozen=True, slots=True)
class Skipped:
    what: str
    why: str


def moment_or_none(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def day_or_none(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


class ImportWriter:
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

    def snapshot(self, track: Mapping[str, Any]) -> int:
        definition = json.dumps(track["definition"], sort_keys=True, ensure_ascii=False)
        created_at = moment(track["created_at"])
        return writers.snapshot_id(self.sql, track["key"], track["name"], definition, created_at)

    def tags(self, given: Sequence[str], what: str) -> list[str]:
        """The tags that pass the door every tag passes; the others are reported."""
        checked = check_tags("", given)
        self.skipped.extend(Skipped(f"tag {s.tag!r} of {what}", s.why) for s in checked.skipped)
        return checked.tags

    def goal_in_store(self, goal_id: int | None, what: str) -> int | None:
        """The goal's id in this store; a link to a goal the file lacks is dropped, said so."""
        if goal_id is None:
            return None
        if goal_id in self.goal_ids:
            return self.goal_ids[goal_id]
        self.skipped.append(
            Skipped(f"link from {what} to goal {goal_id}", "the goal is not in the file")
        )
        return None
