"""``careerlog search`` as a person uses it: what it finds, in what order, how it
prints, the filters, and queries meant to break it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from careerlog.store import sqlite
from careerlog.store.db import open_store
from careerlog.store.search.fold import fold
from tests.timeline.conftest import build_journal


def found(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("search", *args, "--json")
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def named(cli: Any, *args: str) -> list[tuple[str, int]]:
    return [(hit["kind"], hit["id"]) for hit in found(cli, *args)]


@pytest.fixture
def diary(cli: Any) -> Any:
    """The timeline tests' journal, behind the ``cli`` fixture's store."""
    store = open_store(cli.db)
    try:
        build_journal(store)
    finally:
        store.close()
    return cli


def test_whole_words_and_stems_come_before_parts_of_words(cli: Any) -> None:
    cli("add", "--date", "2024-05-03", "Redeployment checklist drafted")
    cli("add", "--date", "2024-05-01", "We deploy on Fridays")
    cli("add", "--date", "2024-05-02", "Deployed the fix; the deploys are smooth")
    # Newest first within each tier: the two whole-word and stem matches, then the part.
    assert [h["id"] for h in found(cli, "deploy")] == [3, 2, 1]
    assert [h["id"] for h in found(cli, "deploy", "--limit", "2")] == [3, 2]


def test_a_reflection_hit_shows_the_answer_milestones_and_track_changes_are_found(
    diary: Any,
) -> None:
    hits = found(diary, "delegating")
    assert hits == []  # nothing says "delegating"
    (reflection,) = found(diary, "Delegation", "--kind", "reflection")
    assert "delegation" in reflection["snippet"].lower()
    assert "what went well" not in reflection["snippet"].lower()  # the answer, not the question
    assert named(diary, "draft plan") == [("milestone", 1)]
    assert named(diary, "start", "--kind", "track-change") == [("track-change", 1)]


def test_json_carries_plain_snippets_and_where_the_matches_are(cli: Any) -> None:
    cli("add", "Café review in Zürich; the CAFÉ was full. @work")
    (hit,) = found(cli, "cafe")
    assert "\x02" not in hit["snippet"] and "**" not in hit["snippet"]
    shown = [hit["snippet"][start:end] for start, end in hit["matches"]]
    assert [fold(text) for text in shown] == ["cafe", "cafe"]
    assert hit["tags"] == ["work"]


def test_piped_output_is_plain_and_names_each_tag_once(cli: Any) -> None:
    cli("add", "Sprint review with @team", "--tag", "retro")
    out = cli("search", "review").stdout
    assert "**" not in out and "\x1b" not in out
    assert out.count("@team") == 1  # in the snippet already, not repeated
    assert out.rstrip().endswith("@retro")  # a tag the snippet does not show


def test_a_terminal_shows_matches_in_colour(
    cli: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("add", "Sprint review with the team")
    from careerlog.cli import main

    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["--db", cli.db, "search", "REVIEW"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[1;33mreview\x1b[0m" in out and "**" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["--db", cli.db, "search", "review"]) == 0
    assert "\x1b[1mreview\x1b[0m" in capsys.readouterr().out


def test_tag_filters(cli: Any) -> None:
    cli("add", "standup notes @team")
    cli("add", "standup notes @team @blocked")
    cli("add", "standup notes, nothing tagged")
    assert [h["id"] for h in found(cli, "standup", "--not-tag", "blocked")] == [3, 1]
    assert [h["id"] for h in found(cli, "standup", "--untagged")] == [3]
    assert [h["id"] for h in found(cli, "--untagged")] == [3]
    both = cli("search", "standup", "--tag", "team", "--untagged")
    assert both.returncode == 1 and "exclude each other" in both.stderr


def test_competency_and_goal_filters(diary: Any) -> None:
    # Linked to team-leadership: entry 1, the delegation course, goal 1 and its milestones.
    assert set(named(diary, "--competency", "team-leadership", "--limit", "50")) == {
        ("entry", 1),
        ("activity", 1),
        ("goal", 1),
        ("milestone", 1),
        ("milestone", 2),
    }
    assert set(named(diary, "plan", "--goal", "1")) == {("entry", 1), ("milestone", 1)}
    assert named(diary, "delegation", "--goal", "1") == [("activity", 1)]
    # A reflection names no goal, so --goal leaves reflections out.
    assert named(diary, "delegation", "--goal", "1", "--kind", "reflection") == []


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "**", "-", "--", "OR", "AND", "NOT", "NEAR(a b)", "a:b", "^x",
     "col:value", "(", ")", '"unclosed phrase', "x" * 999, "\u202eevil\u202c", "a\x00b",
     "%", "_", "\\", "[", "100%_done"],
)  # fmt: skip
def test_hostile_queries_give_results_or_one_clear_line(cli: Any, query: str) -> None:
    cli("add", 'Odd entry: "quotes", 100%_done, a:b, (brackets) [x] \\ back *star*')
    result = cli("search", query)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, "10,000 characters"),
        ("\u200f\u200e", "nothing to search for"),
        ('""', "nothing to search for"),
        (" ".join(f"w{i}" for i in range(40)), "at most 32"),
    ],
)
def test_queries_that_ask_too_much_or_nothing_are_one_line(
    cli: Any, query: str, message: str
) -> None:
    result = cli("search", query)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert result.stdout == ""


def test_the_syntax(cli: Any) -> None:
    cli("add", "quarterly planning with finance")
    cli("add", "planning the team offsite")
    cli("add", "finance review, no planning at all")
    assert {h["id"] for h in found(cli, "planning -finance")} == {2}
    assert {h["id"] for h in found(cli, "planning NOT finance")} == {2}
    assert {h["id"] for h in found(cli, "offsite OR quarterly")} == {1, 2}
    assert {h["id"] for h in found(cli, '"planning with"')} == {1}
    assert {h["id"] for h in found(cli, "planning with")} == {1}  # both words, anywhere
    assert {h["id"] for h in found(cli, "plan* fin*")} == {1, 3}


def test_words_after_a_nul_byte_are_found(cli: Any) -> None:
    """careerlog no longer stores a NUL, but an older one did: the index folds it into a
    space, so what follows it is found."""
    store = open_store(cli.db)
    store.close()
    con = sqlite.connect(Path(cli.db))
    try:
        with sqlite.writing(con):
            con.execute(
                "INSERT INTO entry (written_at, text, starred, created_at, updated_at, words) "
                "VALUES ('2024-01-02 09:00:00.000000', ?, 0, '2024-01-02 09:00:00.000000', "
                "'2024-01-02 09:00:00.000000', 3)",
                ("before\x00after the nul",),
            )
            con.execute(
                "INSERT INTO goal (title, why, status, created_at, updated_at, version) "
                "VALUES (?, '', 'active', '2024-01-02 09:00:00.000000', "
                "'2024-01-02 09:00:00.000000', 1)",
                ("Goal\x00hidden title",),
            )
    finally:
        con.close()
    assert named(cli, "after") == [("entry", 1)]
    assert named(cli, "hidden") == [("goal", 1)]
    assert "\x00" not in cli("search", "after").stdout


def test_the_timeline_search_keeps_milestones_track_changes_and_feedback(diary: Any) -> None:
    from careerlog.domain.timeline import TimelineFilter
    from careerlog.services import timeline as tl
    from careerlog.services.career.feedback import add_feedback

    store = open_store(diary.db)
    try:
        add_feedback(store, "Clear rollout plan, well paced", giver="Dana Okafor")

        def shown(query: str) -> set[tuple[str, int]]:
            return {(i.kind, i.id) for i in tl.page(store, TimelineFilter(query=query)).items}

        assert shown("draft plan") == {("milestone", 1)}
        assert shown("start") == {("track-change", 1)}
        assert shown("okafor") == {("feedback", 1)}  # who said it is searchable too
        assert ("feedback", 1) in shown("rollou")
    finally:
        store.close()
