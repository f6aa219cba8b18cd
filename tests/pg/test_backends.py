"""What a person does with careerlog gives the same result on SQLite and on PostgreSQL.

Every test here runs twice through ``any_store``: once on an SQLite file, once on a
fresh database of the throwaway PostgreSQL server (skipped, with the reason, where
no server binaries exist).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.domain.hits import MARK_END, MARK_START, split_snippet
from careerlog.domain.model import ActivityKind, GoalStatus
from careerlog.services import goals, journal, learning, tracks
from careerlog.services.search import SearchFilter, search
from careerlog.store.db import Store, open_store


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 3, day, hour, 0)


def marked(snippet: str) -> list[str]:
    return [text for text, is_match in split_snippet(snippet) if is_match]


# --- journal ---------------------------------------------------------------------------


def test_an_entry_comes_back_as_written_with_its_tags_and_star(any_store: Store) -> None:
    text = "Ran the **retro** with @team-alpha; agreed on three actions.\nSecond line: ünïcödé ✓"
    added = journal.add_entry(any_store, text, when=at(3), tags=["Growth"], starred=True)
    got = journal.get_entry(any_store, added.id)
    assert got.text == text
    assert got.written_at == at(3)
    assert got.starred is True
    assert set(got.tags) == {"team-alpha", "growth"}


def test_editing_an_entry_replaces_text_tags_and_date(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "draft plan @old", when=at(1))
    journal.update_entry(any_store, entry.id, "final plan @new", when=at(2), starred=True)
    got = journal.get_entry(any_store, entry.id)
    assert (got.text, got.tags, got.written_at, got.starred) == (
        "final plan @new",
        ("new",),
        at(2),
        True,
    )
    journal.set_starred(any_store, entry.id, False)
    assert journal.get_entry(any_store, entry.id).starred is False


def test_a_deleted_entry_is_gone_and_undo_brings_it_back_whole(any_store: Store) -> None:
    goal = goals.add_goal(any_store, "Lead the platform team")
    entry = journal.add_entry(
        any_store, "1:1 with Sam @people", when=at(5), starred=True, goal_ids=[goal.id]
    )
    deleted = journal.delete_entry(any_store, entry.id)
    with pytest.raises(NotFoundError):
        journal.get_entry(any_store, entry.id)
    assert search(any_store, SearchFilter(query="Sam")) == []
    back = journal.restore_entry(any_store, deleted)
    got = journal.get_entry(any_store, back.id)
    assert (got.text, got.written_at, got.starred, got.tags, got.goal_ids) == (
        "1:1 with Sam @people",
        at(5),
        True,
        ("people",),
        (goal.id,),
    )
    assert [hit.id for hit in search(any_store, SearchFilter(query="Sam"))] == [back.id]


def test_recent_entries_are_newest_first_and_page_back(any_store: Store) -> None:
    for day in (4, 1, 3, 2):
        journal.add_entry(any_store, f"day {day}", when=at(day))
    first = journal.recent_entries(any_store, limit=2)
    assert [e.written_at.day for e in first] == [4, 3]
    older = journal.recent_entries(any_store, limit=2, before=first[-1].written_at)
    assert [e.written_at.day for e in older] == [2, 1]
    assert journal.count_entries(any_store) == 4


def test_an_empty_entry_is_refused_and_nothing_is_written(any_store: Store) -> None:
    with pytest.raises(CareerlogError, match="empty"):
        journal.add_entry(any_store, "   \n")
    assert journal.count_entries(any_store) == 0


# --- goals -----------------------------------------------------------------------------


def test_a_goal_keeps_its_milestones_in_order_and_counts_done_ones(any_store: Store) -> None:
    goal = goals.add_goal(
        any_store,
        "Become a staff engineer",
        why="Broader impact",
        due=date(2026, 6, 30),
        milestones=["Write the design doc", "Mentor two people"],
    )
    goal = goals.add_milestone(any_store, goal.id, "Present at the all-hands")
    last = goal.milestones[-1]
    goal = goals.move_milestone(any_store, goal.id, last.id, -2)
    assert [m.title for m in goal.milestones] == [
        "Present at the all-hands",
        "Write the design doc",
        "Mentor two people",
    ]
    goal = goals.toggle_milestone(any_store, goal.id, last.id)
    got = goals.get_goal(any_store, goal.id)
    assert [m.done_at is not None for m in got.milestones] == [True, False, False]
    got = goals.delete_milestone(any_store, goal.id, got.milestones[1].id)
    assert [m.title for m in got.milestones] == ["Present at the all-hands", "Mentor two people"]
    assert (got.why, got.due) == ("Broader impact", date(2026, 6, 30))


def test_goal_status_changes_close_and_reopen_it(any_store: Store) -> None:
    keep = goals.add_goal(any_store, "Keep going")
    done = goals.add_goal(any_store, "Ship the migration")
    achieved = goals.set_status(any_store, done.id, GoalStatus.ACHIEVED)
    assert achieved.status is GoalStatus.ACHIEVED and achieved.closed_at is not None
    assert achieved.version > done.version
    assert [g.id for g in goals.list_goals(any_store, [GoalStatus.ACTIVE])] == [keep.id]
    reopened = goals.set_status(any_store, done.id, GoalStatus.PAUSED)
    assert reopened.closed_at is None
    goals.edit_goal(any_store, keep.id, title="Keep going strong", progress_manual=40)
    assert goals.get_goal(any_store, keep.id).progress_manual == 40
    goals.delete_goal(any_store, keep.id)
    with pytest.raises(NotFoundError):
        goals.get_goal(any_store, keep.id)


def test_a_stale_goal_edit_is_refused_not_lost(any_store: Store) -> None:
    goal = goals.add_goal(any_store, "Improve estimates")
    goals.edit_goal(any_store, goal.id, version=goal.version, why="first reason")
    with pytest.raises(CareerlogError, match="changed elsewhere"):
        goals.edit_goal(any_store, goal.id, version=goal.version, why="second reason")
    assert goals.get_goal(any_store, goal.id).why == "first reason"


# --- learning and tracks -----------------------------------------------------------------


def test_learning_activities_are_listed_newest_first_with_their_links(any_store: Store) -> None:
    goal = goals.add_goal(any_store, "Get better at negotiation")
    learning.log_activity(
        any_store, "Negotiation course", ActivityKind.COURSE, day=date(2025, 2, 1), minutes=90
    )
    learning.log_activity(
        any_store,
        "Never Split the Difference",
        ActivityKind.BOOK,
        day=date(2025, 2, 9),
        minutes=240,
        goal_id=goal.id,
    )
    listed = learning.list_activities(any_store, year=2025)
    assert [(a.title, a.minutes, a.goal_id) for a in listed] == [
        ("Never Split the Difference", 240, goal.id),
        ("Negotiation course", 90, None),
    ]
    assert [a.title for a in learning.list_activities(any_store, goal_id=goal.id)] == [
        "Never Split the Difference"
    ]


def test_choosing_tracks_keeps_the_history(any_store: Store) -> None:
    first = tracks.choose_track(any_store, "technical", reason="I love the craft")
    second = tracks.choose_track(any_store, "management", reason="ready to lead")
    current = tracks.current_choice(any_store)
    assert current is not None and current.track.key == "management"
    history = tracks.track_history(any_store)
    assert {c.track.key for c in history} == {"technical", "management"}
    assert {c.reason for c in history} == {first.reason, second.reason}
    with pytest.raises(CareerlogError):
        tracks.choose_track(any_store, "technical", level="no-such-level")


# --- search ------------------------------------------------------------------------------


@pytest.fixture
def journal_with_everything(any_store: Store) -> Store:
    goal = goals.add_goal(any_store, "Grow as a mentor", why="Mentoring scales my impact")
    learning.log_activity(
        any_store,
        "Mentoring workshop",
        ActivityKind.TRAINING,
        day=date(2025, 3, 6),
        notes="coaching questions for mentoring",
        goal_id=goal.id,
    )
    journal.add_entry(any_store, "Mentoring session with Kim went well @mentoring", when=at(2))
    journal.add_entry(any_store, "Budget review; mentoring came up @work", when=at(4), starred=True)
    journal.add_entry(any_store, "Quiet day, wrote docs @work", when=at(8))
    journal.add_entry(any_store, "Read about mentorships and mentors @reading", when=at(10))
    return any_store


def test_search_finds_every_kind_newest_first_with_marked_words(
    journal_with_everything: Store,
) -> None:
    hits = search(journal_with_everything, SearchFilter(query="mentoring"))
    kinds = [hit.kind for hit in hits]
    assert sorted(kinds) == ["activity", "entry", "entry", "goal"]
    whens = [hit.when for hit in hits]
    assert whens == sorted(whens, reverse=True)
    for hit in hits:
        assert [word.lower() for word in marked(hit.snippet)] == ["mentoring"] * len(
            marked(hit.snippet)
        )
        assert marked(hit.snippet), f"no highlighted word in {hit.snippet!r}"
    entry_hits = [hit for hit in hits if hit.kind == "entry"]
    assert [hit.tags for hit in entry_hits] == [("work",), ("mentoring",)]


def test_search_is_case_blind_needs_every_word_and_takes_a_prefix(
    journal_with_everything: Store,
) -> None:
    store = journal_with_everything
    assert [h.title for h in search(store, SearchFilter(query="KIM mentoring"))] == [
        "Mentoring session with Kim went well @mentoring"
    ]
    assert search(store, SearchFilter(query="kim budget")) == []
    prefixed = search(store, SearchFilter(query="mentor*", kinds=("entry",)))
    assert len(prefixed) == 3
    # The part of each word that matched is marked, inside "mentorships" and "mentors".
    newest = next(hit for hit in prefixed if "mentorships" in hit.title)
    assert [w.lower() for w in marked(newest.snippet)] == ["mentor", "mentor"]


def test_search_filters_by_date_tag_kind_star_and_limit(journal_with_everything: Store) -> None:
    store = journal_with_everything

    def texts(**kwargs: object) -> list[str]:
        return [h.title for h in search(store, SearchFilter(**kwargs))]  # type: ignore[arg-type]

    assert texts(query="mentoring", start=date(2025, 3, 3), end=date(2025, 3, 5)) == [
        "Budget review; mentoring came up @work"
    ]
    assert texts(tags=("work",)) == [
        "Quiet day, wrote docs @work",
        "Budget review; mentoring came up @work",
    ]
    assert texts(query="mentoring", tags=("@Mentoring",)) == [
        "Mentoring session with Kim went well @mentoring"
    ]
    assert texts(query="mentoring", kinds=("activity",)) == ["Mentoring workshop"]
    assert texts(query="mentoring", kinds=("goal",)) == ["Grow as a mentor"]
    assert texts(starred=True) == ["Budget review; mentoring came up @work"]
    assert len(texts(query="mentoring", limit=2)) == 2
    assert texts(query="mentoring", kinds=("entry",), limit=1) == [
        "Budget review; mentoring came up @work"
    ]


def test_search_takes_operators_and_punctuation_literally(any_store: Store) -> None:
    journal.add_entry(any_store, "Shipped careerlog.dev to the team (v2.0) - OR not?", when=at(1))
    journal.add_entry(any_store, "Mailed jo@example.org about the AND-gate", when=at(2))
    assert [h.title[:7] for h in search(any_store, SearchFilter(query="careerlog"))] == ["Shipped"]
    hit = search(any_store, SearchFilter(query="example"))[0]
    assert marked(hit.snippet) == ["example"]
    assert "jo@example.org" in hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    for query in ['"OR" NOT', "gate AND", "(v2", "team:*"]:
        search(any_store, SearchFilter(query=query))  # no syntax error leaks out
    assert search(any_store, SearchFilter(query="&& ||")) == []  # text to find, not syntax
    with pytest.raises(CareerlogError, match="nothing to search for"):
        search(any_store, SearchFilter(query="\u200f"))


def test_searching_an_edited_entry_finds_the_new_words_only(any_store: Store) -> None:
    entry = journal.add_entry(any_store, "planning offsite", when=at(1))
    journal.update_entry(any_store, entry.id, "planning hackathon")
    assert search(any_store, SearchFilter(query="offsite")) == []
    assert [h.id for h in search(any_store, SearchFilter(query="hackathon"))] == [entry.id]


def test_a_long_entry_gets_a_short_snippet_around_the_match(any_store: Store) -> None:
    words = " ".join(f"word{i}" for i in range(200))
    journal.add_entry(any_store, f"{words} needle {words}", when=at(1))
    (hit,) = search(any_store, SearchFilter(query="needle"))
    assert marked(hit.snippet) == ["needle"]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 20


# --- reflections, export and import ------------------------------------------------------


def test_reflections_are_saved_searchable_and_survive_export_import(
    any_store: Store, tmp_path: Path
) -> None:
    from careerlog.io.export.to_json import export_json
    from careerlog.io.importers.careerlog import import_careerlog
    from careerlog.services.reflections import (
        list_reflections,
        load_prompt_catalogue,
        save_reflection,
    )

    weekly = load_prompt_catalogue().get("weekly")
    saved = save_reflection(
        any_store, weekly, {"did": "Closed the hiring loop", "next": "Delegate reviews"},
        day=date(2025, 3, 7),
    )  # fmt: skip
    journal.add_entry(any_store, "Hiring debrief @hiring", when=at(7, 15))
    goals.add_goal(any_store, "Hiring plan for two engineers", milestones=["Open the role"])
    (listed,) = list_reflections(any_store)
    assert listed.id == saved.id
    assert {answer for _, _, answer in listed.answers} == {
        "Closed the hiring loop",
        "Delegate reviews",
    }
    hits = search(any_store, SearchFilter(query="hiring", kinds=("reflection",)))
    assert [(h.kind, h.id) for h in hits] == [("reflection", saved.id)]

    exported = tmp_path / "export.json"
    exported.write_text(export_json(any_store), encoding="utf-8")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert any(e["text"] == "Hiring debrief @hiring" for e in data["entries"])

    target = open_store(str(tmp_path / "copy.db"))
    try:
        report = import_careerlog(target, exported)
        assert report.imported.get("entries") == 1

        def found(store: Store) -> list[tuple[str, str, datetime]]:
            return [(h.kind, h.title, h.when) for h in search(store, SearchFilter(query="hiring"))]

        assert len(found(any_store)) == 3
        assert found(target) == found(any_store)
        again = import_careerlog(target, exported)
        assert again.total == 0
    finally:
        target.close()


def test_search_folds_the_case_of_accented_letters(any_store: Store) -> None:
    journal.add_entry(any_store, "Café with Zoë about the ÉCOLE project", when=at(1))
    for query in ("café", "CAFÉ", "zoë", "école", "Écol*"):
        hits = search(any_store, SearchFilter(query=query))
        assert [h.title for h in hits] == ["Café with Zoë about the ÉCOLE project"], query
        assert marked(hits[0].snippet), query
