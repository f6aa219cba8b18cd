"""The FTS index follows every change made through the services."""

from __future__ import annotations

from datetime import datetime

from careerlog.domain.hits import split_snippet
from careerlog.domain.model import ActivityKind
from careerlog.services import goals, journal, learning
from careerlog.services.search import SearchFilter, search


def ids(store, query: str, **kw) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(hit.kind, hit.id) for hit in search(store, SearchFilter(query=query, **kw))]


def test_edit_and_delete_keep_the_index_in_step(store) -> None:
    entry = journal.add_entry(store, "the quarterly roadmap draft")
    assert ids(store, "roadmap") == [("entry", entry.id)]
    journal.update_entry(store, entry.id, "the yearly budget draft")
    assert ids(store, "roadmap") == []
    assert ids(store, "budget") == [("entry", entry.id)]
    journal.delete_entry(store, entry.id)
    assert ids(store, "budget") == []


def test_goals_and_activities_are_searchable(store) -> None:
    goal = goals.add_goal(store, "Mentor two juniors", why="growing people matters")
    act = learning.log_activity(
        store, "Coaching course", ActivityKind.COURSE, notes="notes about mentoring styles"
    )
    assert ("goal", goal.id) in ids(store, "mentor*")
    assert ids(store, "coaching") == [("activity", act.id)]
    assert ids(store, "growing") == [("goal", goal.id)]


def test_results_newest_first_with_marked_snippets(store) -> None:
    old = journal.add_entry(store, "incident review one", when=datetime(2021, 5, 1, 9))
    new = journal.add_entry(store, "incident review two", when=datetime(2024, 5, 1, 9))
    mid = journal.add_entry(store, "incident review three", when=datetime(2022, 5, 1, 9))
    hits = search(store, SearchFilter(query="incident"))
    assert [h.id for h in hits] == [new.id, mid.id, old.id]
    pieces = split_snippet(hits[0].snippet)
    assert ("incident", True) in pieces
    assert "".join(p for p, _ in pieces) == "incident review two"


def test_diacritics_and_unicode_match(store) -> None:
    entry = journal.add_entry(store, "Réunion avec l'équipe à Zürich 東京")
    assert ids(store, "reunion") == [("entry", entry.id)]
    assert ids(store, "zurich") == [("entry", entry.id)]


def test_undo_delete_brings_back_tags_and_star(store) -> None:
    entry = journal.add_entry(store, "keep @this", starred=True, tags=["extra"])
    removed = journal.delete_entry(store, entry.id)
    back = journal.restore_entry(store, removed)
    assert back.text == "keep @this" and back.starred
    assert set(back.tags) == {"this", "extra"}
    assert ids(store, "keep") == [("entry", back.id)]
