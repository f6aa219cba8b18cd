"""Stores from before migration 0006 come forward with every rating and link given to
the track it was made on, a backup taken first; and the JSON backup of the new data
(links on two tracks, carried and manager ratings) round-trips without loss."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from careerlog import paths
from careerlog.cli import main
from careerlog.io.export.to_json import export_json
from careerlog.io.importers.careerlog import parse
from careerlog.services import goals, journal
from careerlog.services.exchange.importing import import_records
from careerlog.services.progress import track_progress
from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.services.tracks import choose_track
from careerlog.store.db import Store, open_store
from careerlog.store.revisions import HEAD
from tests.career._support import dated
from tests.reliability._support import revision_of
from tests.reliability.test_schema_guard import store_at


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_0005_store_is_backed_up_then_each_link_and_rating_goes_to_its_track(
    tmp_path: Path,
) -> None:
    # The seeds: management chosen 2 Jan 2023 (a snapshot without competencies), then
    # technical chosen 1 May 2023. Links made in between belong to management, those
    # made after 1 May to technical; each reflection to the track it recorded.
    db = tmp_path / "old.db"
    store_at(db, "0005_four_digit_years")
    assert main(["--db", str(db), "add", "the first entry after the upgrade"]) == 0
    assert revision_of(db) == HEAD
    [backup] = sorted(paths.backups_dir().glob("*before-migration*"))
    assert revision_of(backup) == "0005_four_digit_years"

    assert _query(db, "SELECT entry_id, track_key, competency_key, snapshot_id "
                  "FROM entry_competency ORDER BY entry_id") == [
        (2, "management", "decision", 1),
        (28, "technical", "innovation", 2),
    ]  # fmt: skip
    assert _query(db, "SELECT goal_id, track_key, competency_key, snapshot_id "
                  "FROM goal_competency ORDER BY goal_id") == [
        (1, "management", "decision", 1),
        (3, "technical", "research", 2),
    ]  # fmt: skip
    assert _query(db, "SELECT track_key, competency_key FROM activity_competency") == [
        ("management", "craft")
    ]
    assert _query(db, "SELECT id, snapshot_id FROM reflection ORDER BY id") == [(1, 1), (2, 2)]
    assert _query(db, "SELECT reflection_id, competency_key, value, rater FROM rating "
                  "ORDER BY reflection_id") == [
        (1, "decision", 3, "self"),
        (2, "innovation", 4, "self"),
    ]  # fmt: skip

    # On the technical track now: its own rating and goal, nothing of management's.
    store = open_store(str(db))
    try:
        report = track_progress(store, date(2023, 7, 1))
    finally:
        store.close()
    assert report is not None and report.track_key == "technical"
    comps = {c.key: c for c in report.competencies}
    assert set(comps) == {"innovation", "research"}
    assert comps["innovation"].latest == 4
    assert [p.track_key for p in comps["innovation"].ratings] == ["technical"]
    assert comps["research"].evidence.goals == 1


def test_the_json_backup_keeps_tracks_carried_and_manager_ratings(
    store: Store, tmp_path: Path
) -> None:
    first = choose_track(store, "technical", "intermediate")
    dated(store, first.id, datetime(2026, 1, 5, 9))
    quarterly = load_prompt_catalogue().get("quarterly")
    save_reflection(
        store,
        quarterly,
        {"what-and-how": "Mostly hands-on."},
        {"innovation": 3},
        day=date(2026, 3, 31),
        manager_ratings={"innovation": 2},
    )
    entry = journal.add_entry(store, "Prototype of the new index", competencies=["innovation"])
    goal = goals.add_goal(store, "Ship the prototype", competencies=["innovation"])
    second = choose_track(store, "technical-leadership", "emerging", carry=["innovation"])
    dated(store, second.id, datetime(2026, 4, 2, 9))
    journal.update_entry(store, entry.id, entry.text, competencies=["trust"])
    goals.edit_goal(store, goal.id, competencies=["innovation"])

    exported = export_json(store)
    other = open_store(str(tmp_path / "other.db"))
    try:
        report = import_records(other, parse(exported), backup=False)
        assert report.skipped == ()
        again = export_json(other)
        progress = track_progress(other, date(2026, 6, 1))
    finally:
        other.close()

    def without_clock(text: str) -> dict[str, object]:
        data = json.loads(text)
        data.pop("exported_at")
        return data

    assert without_clock(again) == without_clock(exported)
    data = json.loads(exported)
    [carried] = data["carried_ratings"]
    assert (carried["competency_key"], carried["value"], carried["from_track_key"]) == (
        "innovation",
        3,
        "technical",
    )
    assert data["reflections"][0]["manager_ratings"] == {"innovation": 2}
    [goal_record] = data["goals"]
    assert [(c["track"], c["key"]) for c in goal_record["competencies"]] == [
        ("technical", "innovation"),
        ("technical-leadership", "innovation"),
    ]
    # In the imported store the carried rating still says where it came from.
    assert progress is not None
    innovation = next(c for c in progress.competencies if c.key == "innovation")
    assert innovation.latest_point is not None and innovation.latest_point.carried
    assert innovation.manager is None  # the manager rated it on technical, not here


def test_a_schema_1_file_gets_its_links_attributed_like_the_migration(store: Store) -> None:
    # Two choices in the file; a bare key goes to the track chosen when its record was made.
    choice = {
        "id": 1,
        "level_key": "junior",
        "chosen_at": "2024-01-01T09:00:00",
        "reason": "",
        "track": {
            "key": "management",
            "name": "Management",
            "digest": "x",
            "created_at": "2024-01-01T09:00:00",
            "definition": json.loads(_definition("management")),
        },
    }
    entry = {
        "id": 1,
        "written_at": "2024-02-01T09:00:00",
        "text": "Ran the planning meeting",
        "starred": False,
        "tags": [],
        "goal_ids": [],
        "competencies": ["coordination"],
        "created_at": "2024-02-01T09:00:00",
        "updated_at": "2024-02-01T09:00:00",
        "source_key": None,
    }
    file = {"format": "careerlog", "schema_version": 1, "track_choices": [choice],
            "entries": [entry]}  # fmt: skip
    import_records(store, parse(json.dumps(file)), backup=False)
    [back] = journal.recent_entries(store)
    assert [(c.track_key, c.key, c.name) for c in back.competencies] == [
        ("management", "coordination", "Organisation and coordination")
    ]


def _definition(key: str) -> str:
    from careerlog.domain.career.tracks import track_to_json
    from careerlog.services.tracks import load_catalogue

    return track_to_json(load_catalogue().get(key))
