"""Competencies belong to the track that defined them: a switch between two tracks that
share keys shows nothing of the old track until the person carries ratings over, and
then says where each came from; links to the old track survive edits and keep its
names; learning time counts each activity once.

The two tracks share ``innovation``, ``communication`` and ``continuous-learning``:
technical names them "Innovation", "Technical communication", "Continuous learning";
technical leadership names ``innovation`` "Driving innovation".
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from careerlog.cli import main
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import ActivityKind, CompetencyLink
from careerlog.io.export import export_text
from careerlog.services import goals, journal, learning
from careerlog.services.career.carry import carry_offer
from careerlog.services.progress import track_progress
from careerlog.services.reflections import latest_ratings, load_prompt_catalogue, save_reflection
from careerlog.services.tracks import choose_track, load_catalogue
from careerlog.store.db import Store
from tests.career._support import dated

TODAY = date(2026, 6, 30)


def _on_technical(store: Store) -> None:
    """Technical from 1 March: innovation rated 2 on 10 March, research 3."""
    choice = choose_track(store, "technical", "intermediate")
    dated(store, choice.id, datetime(2026, 3, 1, 9))
    quarterly = load_prompt_catalogue().get("quarterly")
    save_reflection(store, quarterly, {}, {"innovation": 2, "research": 3}, day=date(2026, 3, 10))


def _rows(report) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {c.key: c for c in report.competencies}


def test_a_switch_shows_no_rating_until_one_is_carried_over_and_marked(store: Store) -> None:
    _on_technical(store)
    leadership = load_catalogue().get("technical-leadership")

    # What the switch offers: only innovation was rated among the shared keys.
    offers = carry_offer(store, leadership)
    assert [(o.key, o.name, o.value, o.day, o.from_name) for o in offers] == [
        ("innovation", "Driving innovation", 2, date(2026, 3, 10), "Innovation")
    ]
    assert offers[0].describe() == (
        "Driving innovation: 2 (given 10 Mar 2026 on Innovation, "
        "Technical (professional / specialist))"
    )

    # Switched without carrying: nothing rated on the new track, readiness 0 of 9.
    plain = choose_track(store, "technical-leadership", "emerging")
    dated(store, plain.id, datetime(2026, 6, 1, 9))
    report = track_progress(store, TODAY)
    assert report is not None
    assert [c.latest for c in report.competencies] == [None] * 9
    assert (report.ready_count, report.readiness) == (0, 0.0)
    assert latest_ratings(store) == {}

    # Back to technical and over again, this time carrying innovation.
    again = choose_track(store, "technical", "intermediate")
    dated(store, again.id, datetime(2026, 6, 1, 12))
    carried = choose_track(store, "technical-leadership", "emerging", carry=["innovation"])
    dated(store, carried.id, datetime(2026, 6, 2, 9))
    report = track_progress(store, TODAY)
    assert report is not None
    innovation = _rows(report)["innovation"]
    assert innovation.latest == 2  # type: ignore[attr-defined]
    point = innovation.latest_point  # type: ignore[attr-defined]
    assert (point.carried, point.track_key, point.day) == (True, "technical", date(2026, 3, 10))
    # Emerging -> lead expects Driving innovation 3: a carried 2 does not make it ready.
    assert report.ready_count == 0
    assert [c.latest for c in report.competencies if c.key != "innovation"] == [None] * 8
    # research (3 on technical) is no competency of technical leadership at all.
    assert "research" not in _rows(report)


def test_track_status_json_names_the_track_each_rating_was_given_on(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    _on_technical(store)
    assert store.path is not None
    db = str(store.path)
    assert (
        main(["--db", db, "track", "choose", "technical-leadership", "--carry", "innovation"]) == 0
    )
    out = capsys.readouterr().out
    assert "Carried over: Driving innovation: 2 (given 10 Mar 2026 on Innovation," in out
    assert main(["--db", db, "track", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    comps = {c["key"]: c for c in data["competencies"]}
    assert comps["innovation"]["ratings"] == [
        {
            "day": "2026-03-10",
            "value": 2,
            "rater": "self",
            "track": "technical",
            "track_name": "Technical (professional / specialist)",
            "carried": True,
        }
    ]
    assert comps["trust"]["ratings"] == [] and comps["trust"]["latest"] is None
    assert main(["--db", db, "track", "status"]) == 0
    text = capsys.readouterr().out
    assert "Driving innovation" in text and "2*" in text
    assert "* carried over: Driving innovation from Technical (professional / specialist)" in text


def test_carrying_what_the_new_track_does_not_share_is_refused(store: Store) -> None:
    _on_technical(store)
    with pytest.raises(CareerlogError, match="no rating of 'Building trust' to carry"):
        choose_track(store, "technical-leadership", carry=["trust"])
    # The refused switch wrote nothing: still on technical.
    report = track_progress(store, TODAY)
    assert report is not None and report.track_key == "technical"


def test_a_goal_edited_after_a_switch_keeps_its_links_and_their_names(store: Store) -> None:
    _on_technical(store)
    goal = goals.add_goal(store, "Prototype a faster parser", competencies=["innovation"])
    choose_track(store, "technical-leadership", "emerging")

    # The edit form offers only the new track's competencies; nothing changed there.
    same = goals.edit_goal(store, goal.id, title="Prototype a faster parser", competencies=[])
    assert same.competencies == (CompetencyLink("technical", "innovation"),)
    assert same.competencies[0].label("technical-leadership") == (
        "Innovation (Technical (professional / specialist))"
    )

    # Linking the new track's innovation adds a second, different competency.
    both = goals.edit_goal(store, goal.id, competencies=["innovation", "trust"])
    assert [(c.track_key, c.key, c.name) for c in both.competencies] == [
        ("technical", "innovation", "Innovation"),
        ("technical-leadership", "innovation", "Driving innovation"),
        ("technical-leadership", "trust", "Building trust"),
    ]
    # Unticking on the new track removes only the new track's links.
    back = goals.edit_goal(store, goal.id, competencies=[])
    assert back.competencies == (CompetencyLink("technical", "innovation"),)


def test_an_entry_edited_after_a_switch_keeps_its_earlier_links(store: Store) -> None:
    _on_technical(store)
    entry = journal.add_entry(store, "Wrote up the tracing study", competencies=["research"])
    choose_track(store, "technical-leadership")
    edited = journal.update_entry(store, entry.id, "Wrote up the tracing study, v2")
    assert [(c.track_key, c.key, c.name) for c in edited.competencies] == [
        ("technical", "research", "Research")
    ]
    # And the old link is evidence for the old track only.
    report = track_progress(store, TODAY)
    assert report is not None and all(c.evidence.entries == 0 for c in report.competencies)


def test_learning_time_counts_each_activity_once(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    choose_track(store, "technical")
    today = date.today()
    learning.log_activity(
        store,
        "Profiling course",
        ActivityKind.COURSE,
        day=today,
        minutes=60,
        competencies=["technical-skill", "research"],
    )
    learning.log_activity(store, "Conference talk", ActivityKind.CONFERENCE, day=today, minutes=30)
    report = track_progress(store, today)
    assert report is not None
    # 60 + 30 minutes, not 60 twice plus 30.
    assert report.learning_minutes == 90
    # Per competency the course counts for each of its two competencies.
    rows = _rows(report)
    assert rows["technical-skill"].evidence.minutes == 60  # type: ignore[attr-defined]
    assert rows["research"].evidence.minutes == 60  # type: ignore[attr-defined]
    assert store.path is not None
    assert main(["--db", str(store.path), "track", "status"]) == 0
    assert (
        "Learning in the last 90 days: 1 h 30 min (each activity once)" in capsys.readouterr().out
    )


def test_the_year_export_names_each_link_by_its_own_track_and_shows_no_raw_key(
    store: Store,
) -> None:
    first = choose_track(store, "technical", "intermediate")
    dated(store, first.id, datetime(2026, 1, 5, 9))
    learning.log_activity(
        store,
        "Writing course",
        ActivityKind.COURSE,
        day=date(2026, 2, 1),
        minutes=120,
        competencies=["communication", "continuous-learning"],
    )
    second = choose_track(store, "management", "junior")
    dated(store, second.id, datetime(2026, 4, 1, 9))
    learning.log_activity(
        store,
        "Facilitation workshop",
        ActivityKind.TRAINING,
        day=date(2026, 5, 1),
        minutes=60,
        competencies=["communication"],
    )
    page = export_text(store, "md", date(2026, 1, 1), date(2026, 12, 31))
    assert "| Communication | 1 h | 1 |" in page
    assert "| Technical communication (Technical (professional / specialist)) | 2 h | 1 |" in page
    assert "| Continuous learning (Technical (professional / specialist)) | 2 h | 1 |" in page
    for key in ("continuous-learning", "technical-skill", "(none)"):
        assert key not in page
