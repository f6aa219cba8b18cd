"""``careerlog stats`` and the composing filters of ``careerlog search``, end to end."""

from __future__ import annotations

import json
from datetime import date, timedelta

from careerlog import config


def _ids(out: str) -> list[int]:
    return [hit["id"] for hit in json.loads(out)]


def test_stats_counts_words_and_streaks(cli) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    # Today, yesterday and three days ago: the gap of two missed days breaks the run.
    for when, text in (
        (today, "one two three"),
        (today - timedelta(days=1), "four five"),
        (today - timedelta(days=3), "six"),
    ):
        assert cli("add", text, "--date", when.isoformat()).returncode == 0
    done = cli("stats", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["entries"], data["words"], data["streak_grace"]) == (3, 6, "none")
    assert (data["current_streak"], data["longest_streak"]) == (2, 2)
    text = cli("stats").stdout
    assert "words written   6" in text and "current streak  2 days" in text


def test_stats_uses_the_grace_setting(cli) -> None:  # type: ignore[no-untyped-def]
    config.update("streak", grace="one-day")
    today = date.today()
    for back in (0, 2, 4):  # every other day: each single missed day is forgiven
        cli("add", "x", "--date", (today - timedelta(days=back)).isoformat())
    data = json.loads(cli("stats", "--json").stdout)
    assert (data["current_streak"], data["streak_grace"]) == (3, "one-day")


def test_stats_for_a_year_and_bad_input(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "old entry here", "--date", "2021-06-01")
    cli("add", "new", "--date", "2022-06-01")
    data = json.loads(cli("stats", "--year", "2021", "--json").stdout)
    assert (data["year"], data["entries"], data["words"]) == (2021, 1, 3)
    bad = cli("stats", "--year", "soon")
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "not a year" in bad.stderr
    config.update("streak", grace="sometimes")
    broken = cli("stats")
    assert broken.returncode == 1 and "unknown streak grace" in broken.stderr


def test_search_tag_kind_and_starred_compose(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "Budget review @work", "--date", "2024-01-01", "--star")  # 1
    cli("add", "Budget lunch @home", "--date", "2024-01-02", "--star")  # 2
    cli("add", "Budget notes @work", "--date", "2024-01-03")  # 3
    cli("add", "Roadmap @work", "--date", "2024-01-04", "--star")  # 4
    cli("goal", "add", "Cut the budget")
    everything = json.loads(cli("search", "budget", "--json").stdout)
    assert {(h["kind"], h["id"]) for h in everything} == {
        ("entry", 1),
        ("entry", 2),
        ("entry", 3),
        ("goal", 1),
    }
    assert _ids(cli("search", "budget", "--kind", "entry", "--json").stdout) == [3, 2, 1]
    assert _ids(cli("search", "budget", "--tag", "work", "--json").stdout) == [3, 1]
    assert _ids(cli("search", "budget", "--tag", "work", "--starred", "--json").stdout) == [1]
    assert _ids(cli("search", "--tag", "work", "--starred", "--json").stdout) == [4, 1]
    assert _ids(cli("search", "--tag", "work", "--tag", "home", "--json").stdout) == []
    ranged = cli("search", "budget", "--starred", "--from", "2024-01-02", "--json").stdout
    assert _ids(ranged) == [2]
    # A tag or star keeps entries only, so asking for goals as well finds no goal.
    assert _ids(cli("search", "budget", "--kind", "goal", "--starred", "--json").stdout) == []
