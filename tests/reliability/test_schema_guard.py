"""Schema guard: a store from a newer (or unknown) careerlog is refused and left exactly
as it was; a store from every earlier revision is backed up, then migrated with every
row and every word kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careerlog import paths
from careerlog.domain.errors import StoreError
from careerlog.services.journal import add_entry
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import open_store
from careerlog.store.revisions import HEAD, KNOWN
from careerlog.store.search import fold
from tests.reliability._support import (
    assert_one_line_error,
    careerlog,
    folder_state,
    integrity,
    mode,
    revision_of,
    table_dump,
)

HOSTILE = "[bold]x[/bold] [@click=app.quit]q[/] \x1b[2J \x00 👩‍👩‍👧‍👦 漢字 שלום"

# SQL that is valid at each revision, applied in order up to the revision under test.
# When a migration changes a table seeded here, add rows for the new shape under the
# new revision; a test below insists that every earlier revision has seed rows.
SEEDS: dict[str, list[tuple[str, tuple[object, ...]]]] = {
    "0001_initial": [
        (
            "INSERT INTO track_snapshot (id, key, name, digest, definition, created_at) "
            "VALUES (1, 'management', 'Management', 'd1', '{\"levels\": []}', "
            "'2023-01-01 09:00:00')",
            (),
        ),
        (
            "INSERT INTO track_choice (id, snapshot_id, level_key, chosen_at, reason) "
            "VALUES (1, 1, 'junior', '2023-01-02 09:00:00', ?)",
            ("because " + HOSTILE,),
        ),
        (
            "INSERT INTO goal (id, title, why, status, due, progress_manual, created_at, "
            "updated_at, closed_at, version) VALUES (1, ?, ?, 'active', '2024-06-30', NULL, "
            "'2023-02-01 09:00:00', '2023-02-01 09:00:00', NULL, 1)",
            ("Lead the migration " + HOSTILE, "grow"),
        ),
        (
            "INSERT INTO goal (id, title, why, status, due, progress_manual, created_at, "
            "updated_at, closed_at, version) VALUES (2, 'Done goal', '', 'achieved', NULL, 100, "
            "'2023-02-02 09:00:00', '2023-03-01 09:00:00', '2023-03-01 09:00:00', 3)",
            (),
        ),
        (
            "INSERT INTO milestone (id, goal_id, title, position, created_at, done_at) "
            "VALUES (1, 1, ?, 0, '2023-02-01 09:00:00', NULL)",
            ("first step " + HOSTILE,),
        ),
        ("INSERT INTO goal_competency (goal_id, competency_key) VALUES (1, 'decision')", ()),
        (
            "INSERT INTO activity (id, title, kind, day, minutes, goal_id, notes, link, "
            "created_at) VALUES (1, ?, 'book', '2023-02-03', 90, 1, ?, "
            "'https://example.org/x', '2023-02-03 09:00:00')",
            ("Read a book", "notes " + HOSTILE),
        ),
        ("INSERT INTO activity_competency (activity_id, competency_key) VALUES (1, 'craft')", ()),
        *[
            (
                "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, "
                "source_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    i,
                    f"2023-03-{i:02d} 09:00:00",
                    f"seeded entry {i} migrationword @seed\n{HOSTILE}\n" + "x" * (i * 997),
                    i % 2,
                    f"2023-03-{i:02d} 09:00:00",
                    f"2023-03-{i:02d} 09:00:00",
                    f"jrnl:{i}" if i % 3 == 0 else None,
                ),
            )
            for i in range(1, 26)
        ],
        *[("INSERT INTO entry_tag (entry_id, tag) VALUES (?, 'seed')", (i,)) for i in range(1, 26)],
        ("INSERT INTO entry_goal (entry_id, goal_id) VALUES (1, 1)", ()),
        ("INSERT INTO entry_competency (entry_id, competency_key) VALUES (2, 'decision')", ()),
        (
            "INSERT INTO reflection (id, set_key, day, created_at, track_key, level_key, stance) "
            "VALUES (1, 'quarterly', '2023-03-31', '2023-03-31 18:00:00', 'management', "
            "'junior', 40)",
            (),
        ),
        (
            "INSERT INTO reflection_answer (id, reflection_id, prompt_id, prompt_text, answer) "
            "VALUES (1, 1, 'leader', 'What kind of leader?', ?)",
            ("One who listens " + HOSTILE,),
        ),
        (
            "INSERT INTO rating (reflection_id, competency_key, value) VALUES (1, 'decision', 3)",
            (),
        ),
    ],
    "0002_fit_results": [
        (
            "INSERT INTO fit_result (id, taken_at, answers, scores, best_track) VALUES "
            "(1, '2023-04-01 10:00:00', '{\"q1\": 4}', '{\"management\": 70}', 'management')",
            (),
        ),
    ],
    "0003_pg_search": [
        # Whitespace of every kind between words, for the word counts 0004 fills in.
        (
            "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at) "
            "VALUES (26, '2023-04-02 09:00:00', ?, 0, '2023-04-02 09:00:00', "
            "'2023-04-02 09:00:00')",
            ("migrationword\tone\u00a0two\u2003three\r\nfour \x1c five\u3000six  ",),
        ),
    ],
    "0004_entry_words": [
        (
            "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, words) "
            "VALUES (27, '2023-04-03 09:00:00.000000', 'counted when written', 0, "
            "'2023-04-03 09:00:00.000000', '2023-04-03 09:00:00.000000', 3)",
            (),
        ),
    ],
    "0005_four_digit_years": [
        # A second track, chosen in May, whose links and ratings 0006 must attribute to it.
        (
            "INSERT INTO track_snapshot (id, key, name, digest, definition, created_at) "
            "VALUES (2, 'technical', 'Technical', 'd2', ?, '2023-05-01 09:00:00')",
            (
                '{"schema": 1, "key": "technical", "name": "Technical", "levels": [{"key": '
                '"senior", "name": "Senior", "summary": ""}], "competencies": [{"key": '
                '"innovation", "name": "Innovation", "group": "craft", "description": "", '
                '"expected": [4], "signals": []}, {"key": "research", "name": "Research", '
                '"group": "craft", "description": "", "expected": [3], "signals": []}]}',
            ),
        ),
        (
            "INSERT INTO track_choice (id, snapshot_id, level_key, chosen_at, reason) "
            "VALUES (2, 2, 'senior', '2023-05-01 09:00:00', 'switched')",
            (),
        ),
        (
            "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, words) "
            "VALUES (28, '2023-06-01 09:00:00', 'written on the new track', 0, "
            "'2023-06-01 09:00:00', '2023-06-01 09:00:00', 5)",
            (),
        ),
        ("INSERT INTO entry_competency (entry_id, competency_key) VALUES (28, 'innovation')", ()),
        (
            "INSERT INTO goal (id, title, why, status, due, progress_manual, created_at, "
            "updated_at, closed_at, version) VALUES (3, 'Publish', '', 'active', NULL, NULL, "
            "'2023-06-02 09:00:00', '2023-06-02 09:00:00', NULL, 1)",
            (),
        ),
        ("INSERT INTO goal_competency (goal_id, competency_key) VALUES (3, 'research')", ()),
        (
            "INSERT INTO reflection (id, set_key, day, created_at, track_key, level_key, stance) "
            "VALUES (2, 'quarterly', '2023-06-30', '2023-06-30 18:00:00', 'technical', "
            "'senior', 20)",
            (),
        ),
        (
            "INSERT INTO rating (reflection_id, competency_key, value) VALUES (2, 'innovation', 4)",
            (),
        ),
    ],
    "0006_track_ownership": [
        # The shapes 0006 brought: a manager's rating, a carried rating, a link naming
        # its track and version.
        (
            "INSERT INTO rating (reflection_id, competency_key, value, rater) "
            "VALUES (2, 'research', 2, 'manager')",
            (),
        ),
        (
            "INSERT INTO carried_rating (id, choice_id, track_key, competency_key, value, "
            "from_track_key, from_snapshot_id, from_day, carried_at) VALUES (1, 2, "
            "'technical', 'research', 3, 'management', 1, '2023-04-01', '2023-05-01 09:00:00')",
            (),
        ),
        (
            "INSERT INTO entry_competency (entry_id, competency_key, track_key, snapshot_id) "
            "VALUES (28, 'research', 'technical', 2)",
            (),
        ),
    ],
    "0007_feedback": [
        # What a colleague said, linked to the track it was given on; 0008 must keep it
        # (and its place in the search index).
        (
            "INSERT INTO feedback (id, given_at, giver, role, text, created_at) VALUES "
            "(1, '2023-07-01 09:00:00', ?, 'peer', ?, '2023-07-01 09:00:00')",
            ("Ana " + HOSTILE, "migrationword clear design review " + HOSTILE),
        ),
        (
            "INSERT INTO feedback_competency (feedback_id, competency_key, track_key, "
            "snapshot_id) VALUES (1, 'innovation', 'technical', 2)",
            (),
        ),
    ],
    "0008_competency_marks": [
        # Only a word part: the word index before 0009 could not find it; 0009's can.
        (
            "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, words) "
            "VALUES (29, '2023-07-04 09:00:00.000000', ?, 0, "
            "'2023-07-04 09:00:00.000000', '2023-07-04 09:00:00.000000', 3)",
            ("Premigrationwordsmith \u4f1a\u8b70 Caf\u00e9",),
        ),
    ],
    "0009_search_substrings": [
        # 0010 gives the store its identity and changes no table: an entry written at
        # 0009 (through its triggers) is what it must carry over untouched.
        (
            "INSERT INTO entry (id, written_at, text, starred, created_at, updated_at, words) "
            "VALUES (30, '2023-07-05 09:00:00.000000', ?, 1, "
            "'2023-07-05 09:00:00.000000', '2023-07-05 09:00:00.000000', 7)",
            ("before the store had an identity \u4f1a\u8b70",),
        ),
    ],
}
EARLIER = KNOWN[:-1]


def store_at(db: Path, revision: str) -> None:
    """A fresh SQLite file migrated only up to ``revision`` and seeded with rows valid there."""
    from alembic import command

    from careerlog.store.migrate import alembic_config

    store = open_store(str(db), migrate=False)
    try:
        config = alembic_config(store)
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        store.close()
    con = sqlite3.connect(db)
    fold.register(con)  # from 0009 on, the search triggers call careerlog's SQL functions
    try:
        with con:
            for rev in KNOWN[: KNOWN.index(revision) + 1]:
                for sql, params in SEEDS.get(rev, []):
                    con.execute(sql, params)
            if KNOWN.index(revision) >= KNOWN.index("0004_entry_words"):
                # From 0004 on, every writer stores the word count with the text.
                for entry_id, text in con.execute("SELECT id, text FROM entry").fetchall():
                    con.execute(
                        "UPDATE entry SET words = ? WHERE id = ? AND words IS NULL",
                        (len(text.split()), entry_id),
                    )
    finally:
        con.close()
    assert revision_of(db) == revision


def _project(dump: dict[str, list[tuple[object, ...]]], like: dict[str, list[tuple[object, ...]]]):  # type: ignore[no-untyped-def]
    """``dump`` cut down to the tables and columns ``like`` has (a migration may add some)."""
    out: dict[str, list[tuple[object, ...]]] = {}
    for table, (columns, *_) in like.items():
        assert table in dump, f"migration dropped table {table}"
        after_columns, *rows = dump[table]
        index = [after_columns.index(c) for c in columns]
        out[table] = [tuple(columns), *sorted((tuple(r[i] for i in index) for r in rows), key=repr)]
    return out


def _sorted(dump: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    return {t: [rows[0], *sorted(rows[1:], key=repr)] for t, rows in dump.items()}


def test_every_earlier_revision_has_seed_rows() -> None:
    assert set(EARLIER) <= set(SEEDS), "add SEEDS for the revision a new migration builds on"


@pytest.mark.parametrize("revision", EARLIER)
def test_migration_from_an_earlier_revision_keeps_every_row_and_word(
    tmp_path: Path, revision: str
) -> None:
    db = tmp_path / "old.db"
    store_at(db, revision)
    before = table_dump(db)
    assert sum(len(rows) - 1 for rows in before.values()) >= 40

    result = careerlog("--db", str(db), "add", "written after the upgrade")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert revision_of(db) == HEAD
    assert integrity(db) == ["ok"]

    after = table_dump(db)
    new_entry = [row for row in after["entry"][1:] if "written after the upgrade" in str(row)]
    assert len(new_entry) == 1
    after["entry"] = [after["entry"][0], *(r for r in after["entry"][1:] if r not in new_entry)]
    assert _project(after, before) == _sorted(before)

    # Every entry written before the upgrade has its word count, as a person counts words.
    con = sqlite3.connect(db)
    try:
        counts = con.execute("SELECT id, text, words FROM entry").fetchall()
    finally:
        con.close()
    assert [(i, words) for i, _, words in counts] == [
        (i, len(text.split())) for i, text, _ in counts
    ]
    if KNOWN.index(revision) >= KNOWN.index("0003_pg_search"):
        assert dict((i, words) for i, _, words in counts)[26] == 7

    seeded = 26 if KNOWN.index(revision) >= KNOWN.index("0003_pg_search") else 25
    store = open_store(str(db))
    try:
        hits = search(store, SearchFilter(query="migrationword", limit=100))
        later = [29] if KNOWN.index(revision) >= KNOWN.index("0008_competency_marks") else []
        entries = sorted(hit.id for hit in hits if hit.kind == "entry")
        assert entries == [*range(1, seeded + 1), *later]
        feedback = [hit.id for hit in hits if hit.kind == "feedback"]
        assert feedback == ([1] if KNOWN.index(revision) >= KNOWN.index("0007_feedback") else [])
        if feedback:
            said = search(store, SearchFilter(query="esign revi", kinds=("feedback",)))
            assert [hit.id for hit in said] == [1]  # word parts of what Ana said
    finally:
        store.close()

    # The backup taken before migrating: private, at the old revision, with every row.
    backups = sorted(paths.backups_dir().glob("*before-migration*"))
    assert len(backups) == 1, backups
    assert mode(backups[0]) == "0o600"
    assert mode(paths.backups_dir()) == "0o700"
    assert revision_of(backups[0]) == revision
    assert _sorted(table_dump(backups[0])) == _sorted(before)


@pytest.mark.parametrize("revision", ["9999_from_a_newer_careerlog", "0001_initial_fork", "x"])
def test_store_from_a_newer_careerlog_is_refused_and_left_untouched(
    tmp_path: Path, revision: str
) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    db = folder / "newer.db"
    store = open_store(str(db))
    add_entry(store, "written by the newer careerlog")
    store.close()
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()
    state = folder_state(folder)
    assert set(state) == {"newer.db"}

    for args in (
        ("add", "must not land"),
        ("search", "written"),
        ("goal", "list"),
        ("goal", "add", "must not land either"),
    ):
        result = careerlog("--db", str(db), *args)
        message = assert_one_line_error(result)
        assert revision in message and "newer" in message, message
        assert folder_state(folder) == state, f"{args} changed the folder"

    with pytest.raises(StoreError):
        open_store(str(db))
    assert folder_state(folder) == state
    assert not paths.backups_dir().exists() or not any(paths.backups_dir().iterdir())
