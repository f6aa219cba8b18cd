"""Not applicable, focus and the manager's ratings, worked out by hand on the technical
track at the intermediate level (so readiness is measured against senior): senior
expects professional knowledge 4, technical skill 4, professionalism 4, research 4,
innovation 3, spreading new technology 3, communication 3, continuous learning 3."""

from __future__ import annotations

import json
from datetime import date

import pytest

from careerlog.cli import main
from careerlog.domain.errors import CareerlogError
from careerlog.services.career.marks import (
    clear_not_applicable,
    current_marks,
    mark_not_applicable,
    quarter_end,
    set_focus,
)
from careerlog.services.progress import track_progress
from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.services.tracks import choose_track
from careerlog.store.db import Store

DAY = date(2026, 5, 20)


def _rated(store: Store) -> None:
    choose_track(store, "technical", "intermediate")
    save_reflection(
        store,
        load_prompt_catalogue().get("quarterly"),
        {},
        {"professional-knowledge": 4, "research": 3, "communication": 3},
        day=date(2026, 4, 1),
        manager_ratings={"professional-knowledge": 3, "communication": 4},
    )


def test_not_applicable_leaves_readiness_in_the_count_and_the_share(store: Store) -> None:
    _rated(store)
    # Ready: professional knowledge 4 >= 4, communication 3 >= 3; research 3 < 4: 2 of 8.
    report = track_progress(store, DAY)
    assert report is not None and (report.ready_count, report.applicable_count) == (2, 8)
    assert report.readiness == pytest.approx(0.25)
    # Research does not apply: 2 of 7.
    assert mark_not_applicable(store, "research", "no research in this post", day=DAY) == (
        "Research"
    )
    report = track_progress(store, DAY)
    assert report is not None and (report.ready_count, report.applicable_count) == (2, 7)
    assert report.readiness == pytest.approx(2 / 7)
    research = next(c for c in report.competencies if c.key == "research")
    assert research.not_applicable == "no research in this post" and not research.meets_next
    assert "research" not in report.stale
    # A ready one marked not applicable leaves the count too: 1 of 6.
    mark_not_applicable(store, "professional-knowledge", "covered by the team", day=DAY)
    report = track_progress(store, DAY)
    assert report is not None and (report.ready_count, report.applicable_count) == (1, 6)
    # Cleared, it counts again: 2 of 7.
    clear_not_applicable(store, "professional-knowledge")
    report = track_progress(store, DAY)
    assert report is not None and (report.ready_count, report.applicable_count) == (2, 7)
    with pytest.raises(CareerlogError, match="say why"):
        mark_not_applicable(store, "innovation", "  ")


def test_the_manager_rating_stands_beside_the_self_rating_and_never_replaces_it(
    store: Store,
) -> None:
    _rated(store)
    report = track_progress(store, DAY)
    assert report is not None
    rows = {c.key: c for c in report.competencies}
    assert (rows["professional-knowledge"].latest, rows["professional-knowledge"].manager) == (
        4,
        3,
    )
    assert (rows["communication"].latest, rows["communication"].manager) == (3, 4)
    assert (rows["research"].latest, rows["research"].manager) == (3, None)
    # Readiness reads the person's own ratings: still 2 of 8 although the manager sees
    # professional knowledge at 3 (< 4).
    assert report.ready_count == 2


def test_two_or_three_competencies_are_the_focus_for_a_period(store: Store) -> None:
    _rated(store)
    marks = set_focus(store, ["research", "communication"], day=DAY)
    assert marks.focus == ("research", "communication")
    assert marks.focus_until == date(2026, 6, 30) == quarter_end(DAY)
    report = track_progress(store, DAY)
    assert report is not None
    assert [c.key for c in report.competencies if c.focus] == ["research", "communication"]
    # After the period the focus has lapsed.
    assert current_marks(store, date(2026, 7, 1)).focus == ()
    with pytest.raises(CareerlogError, match="two or three competencies at most, not 4"):
        set_focus(store, ["research", "communication", "innovation", "technical-skill"])
    mark_not_applicable(store, "innovation", "no room to innovate here", day=DAY)
    with pytest.raises(CareerlogError, match="'Innovation' is marked not applicable"):
        set_focus(store, ["innovation"], day=DAY)
    # A new focus replaces the old one; none clears it.
    assert set_focus(store, ["technical-skill"], day=DAY).focus == ("technical-skill",)
    assert set_focus(store, [], day=DAY).focus == ()


def test_the_command_line_sets_the_focus_and_not_applicable(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    db = str(store.path)
    _rated(store)
    assert main(["--db", db, "track", "focus", "research", "communication"]) == 0
    assert "Focus until" in capsys.readouterr().out
    assert main(["--db", db, "track", "na", "innovation", "--reason", "not in my post"]) == 0
    assert "Innovation is marked not applicable" in capsys.readouterr().out
    assert main(["--db", db, "track", "status", "--json"]) == 0
    comps = {c["key"]: c for c in json.loads(capsys.readouterr().out)["competencies"]}
    assert comps["research"]["focus"] is True and comps["innovation"]["focus"] is False
    assert comps["innovation"]["not_applicable"] == "not in my post"
    assert comps["professional-knowledge"]["manager"] == 3
    assert main(["--db", db, "track", "status"]) == 0
    text = capsys.readouterr().out
    assert "2 of 7 competencies" in text and "not applicable: not in my post" in text
    assert main(["--db", db, "track", "na", "innovation"]) == 1
    assert "say why it does not apply" in capsys.readouterr().err
