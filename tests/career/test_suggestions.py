"""Suggested competencies for unlinked entries, worked out by hand on a toy track, and
evidence from the command line: ``add --competency`` counts toward readiness.

The toy track's words, after stemming (weight: name 3, description 2, signals 1):

- mentoring: mentor 3 | help, colleagu, grow 2 | pair, junior, week 1
- presenting: present 3 | explain, work, group 2 | giv, talk, colleagu, writ, slid 1
- research: research 3 | study, problem, depth 2 | read, pap, run, experiment 1

Every stem is in one competency except ``colleagu`` (mentoring and presenting), so it
is worth half wherever it counts.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from careerlog.cli import main
from careerlog.domain.career.evidence import Suggester, stem, stems
from careerlog.domain.model import Competency, Level, Track
from careerlog.services import journal
from careerlog.services.career.suggestions import accept, unlinked_entries
from careerlog.services.tracks import choose_track
from careerlog.store.db import Store


def _toy() -> Track:
    def comp(key: str, name: str, description: str, *signals: str) -> Competency:
        return Competency(key, name, "craft", description, (2, 3), signals)

    return Track(
        key="toy",
        name="Toy",
        summary="",
        levels=(Level("a", "A", ""), Level("b", "B", "")),
        competencies=(
            comp("mentoring", "Mentoring", "Helps colleagues grow.", "pairs with juniors weekly"),
            comp(
                "presenting",
                "Presenting",
                "Explains work to groups.",
                "gives talks to colleagues",
                "writes slides",
            ),
            comp(
                "research",
                "Research",
                "Studies problems in depth.",
                "reads papers",
                "runs experiments",
            ),
        ),
    )


def test_stems_meet_across_word_forms() -> None:
    assert {stem(w) for w in ("mentoring", "mentored", "mentors", "mentor")} == {"mentor"}
    assert {stem(w) for w in ("changed", "changes", "change", "changing")} == {"chang"}
    assert stem("studies") == "study" and stem("presentations") == "present"
    assert {stem(w) for w in ("delegates", "delegating", "delegation")} == {"deleg"}
    assert stem("process") == "process" and stem("status") == "status"
    # Short words, common words and numbers carry no meaning here; accents fold.
    assert stems("I did it 2024 with the Café team") == {"caf", "team"}


@pytest.mark.parametrize(
    ("text", "ranked"),
    [
        # mentor (3/1) + junior (1/1) = 4 for mentoring; research (3/1) + pap (1/1) = 4
        # for research: a tie, kept in the track's order.
        (
            "Mentored two juniors on their first research papers.",
            [("mentoring", 4.0), ("research", 4.0)],
        ),
        # presenting: talk 1/1 + colleagu 1/2 = 1.5; mentoring: colleagu 2/2 = 1;
        # research: experiment 1/1 = 1 ("gave" is no form of "gives").
        (
            "Gave a talk to colleagues about the experiments",
            [("presenting", 1.5), ("mentoring", 1.0), ("research", 1.0)],
        ),
        # mentoring: colleagu 2/2 = 1 is suggested; presenting's 1/2 = 0.5 is below 1.
        ("Chatted with colleagues over lunch", [("mentoring", 1.0)]),
        # Nothing in common with the track: no suggestion at all.
        ("Fixed the build again", []),
    ],
)
def test_suggestions_are_ranked_by_weight_and_rarity(
    text: str, ranked: list[tuple[str, float]]
) -> None:
    found = Suggester(_toy()).suggest(text)
    assert [(s.key, s.score) for s in found] == ranked


def test_the_half_point_below_the_threshold_is_scored_but_not_suggested() -> None:
    scores = Suggester(_toy()).scores("Chatted with colleagues over lunch")
    assert [(s.key, s.score, s.words) for s in scores] == [
        ("mentoring", 1.0, ("colleagu",)),
        ("presenting", 0.5, ("colleagu",)),
    ]


def test_an_entry_added_with_competency_counts_as_evidence(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    db = str(store.path)
    assert main(["--db", db, "track", "choose", "technical", "--level", "intermediate"]) == 0
    assert main(["--db", db, "goal", "add", "Publish the tracing study"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--db",
                db,
                "add",
                "Wrote up the tracing study",
                "--competency",
                "research",
                "--competency",
                "communication",
                "--goal",
                "1",
            ]
        )
        == 0
    )
    entry_id = int(capsys.readouterr().out)
    [entry] = journal.recent_entries(store, limit=1)
    assert entry.id == entry_id and entry.goal_ids == (1,)
    assert [(c.track_key, c.key) for c in entry.competencies] == [
        ("technical", "communication"),
        ("technical", "research"),
    ]
    assert main(["--db", db, "track", "status", "--json"]) == 0
    comps = {c["key"]: c for c in json.loads(capsys.readouterr().out)["competencies"]}
    assert comps["research"]["evidence"]["entries"] == 1
    assert comps["communication"]["evidence"]["entries"] == 1
    assert comps["research"]["stale"] is False and comps["innovation"]["stale"] is True


def test_add_refuses_a_competency_of_no_chosen_track_and_writes_nothing(
    store: Store, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    db = str(store.path)
    main(["--db", db, "track", "choose", "technical"])
    capsys.readouterr()
    assert main(["--db", db, "add", "Coached Sam", "--competency", "developing-talent"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("careerlog: unknown competency 'developing-talent' on the Technical")
    assert main(["--db", db, "add", "A goal that is not", "--goal", "9"]) == 1
    assert "no goal with id 9" in capsys.readouterr().err
    assert journal.recent_entries(store) == []


def test_unlinked_entries_of_a_week_come_with_suggestions_and_one_is_taken(
    store: Store,
) -> None:
    choose_track(store, "technical", "intermediate")
    monday = datetime(2026, 3, 9, 9)
    linked = journal.add_entry(
        store, "Read two papers on tracing", when=monday, competencies=["research"]
    )
    plain = journal.add_entry(
        store, "Ran a pilot of the new profiler and wrote guidance others follow", when=monday
    )
    journal.add_entry(store, "Lunch", when=datetime(2026, 3, 10, 12))
    found = unlinked_entries(store, date(2026, 3, 9), date(2026, 3, 15))
    assert [u.entry_id for u in found] == [plain.id, plain.id + 1]
    assert linked.id not in [u.entry_id for u in found]
    # "pilot", "guidance" and "follow" are words of one signal each of technology
    # adoption ("runs a pilot of a new tool or method", "writes guidance others follow").
    assert found[0].suggestions[0].key == "technology-adoption"
    assert found[1].suggestions == ()
    assert accept(store, plain.id, "technology-adoption") == "Spreading new technology"
    left = unlinked_entries(store, date(2026, 3, 9), date(2026, 3, 15))
    assert [u.title for u in left] == ["Lunch"]
