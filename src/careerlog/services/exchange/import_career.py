"""Writing back the career records of an exchange file: track versions and choices,
carried ratings, reflections with their ratings, feedback and fit results."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select

from careerlog.services.exchange.import_base import (
    ImportWriter,
    Skipped,
    day_or_none,
    moment,
    moment_or_none,
)
from careerlog.services.exchange.records import Record
from careerlog.store import tables as t
from careerlog.store import writers


class CareerImport(ImportWriter):
    """The career kinds of an import (the journal's are in :mod:`.importing`)."""

    def track_versions(self, records: Sequence[Record]) -> None:
        for record in records:
            self.tick()
            self.versions[record["id"]] = self.snapshot(record)

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
            key = (moment_or_none(record["chosen_at"]), record["level_key"], digest)
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
                    from_day=day_or_none(record["from_day"]),
                    carried_at=moment_or_none(record["carried_at"]),
                )
            )
            existing.add((choice_id, record["competency_key"]))

    def reflections(self, records: Sequence[Record]) -> None:
        r = t.reflection
        existing = Counter(
            (row.set_key, row.day, row.created_at)
            for row in self.conn.execute(select(r.c.set_key, r.c.day, r.c.created_at))
        )
        taken = self.taken(r)
        for record in records:
            self.tick()
            key = (
                record["set_key"],
                day_or_none(record["day"]),
                moment_or_none(record["created_at"]),
            )
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
            given_at = moment(record["given_at"])
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
                moment(record["created_at"]),
                record["role"],
            )
            wanted = record.get("id")
            keep = self.keep_ids and wanted is not None and wanted not in taken
            new_id = writers.insert_feedback(self.sql, row, wanted if keep else None)
            taken.add(new_id)
            made = moment(record["created_at"])
            self.competency_links("feedback", new_id, record["competencies"], made)
            self.imported["feedback"] += 1

    def fit_results(self, records: Sequence[Record]) -> None:
        f = t.fit_result
        existing = Counter(row.taken_at for row in self.conn.execute(select(f.c.taken_at)))
        taken = self.taken(f)
        for record in records:
            self.tick()
            taken_at = moment_or_none(record["taken_at"])
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
