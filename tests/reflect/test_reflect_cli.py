"""`careerlog reflect --due` and `careerlog track status` as a person runs them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sqlalchemy import update

from careerlog.services.reflections import load_prompt_catalogue, save_reflection
from careerlog.store import tables as t
from careerlog.store.db import open_store


def _save(
    db: str,
    set_key: str,
    answers: dict[str, str],
    ratings: dict[str, int] | None = None,
    stance: int | None = None,
) -> None:
    store = open_store(db)
    try:
        save_reflection(store, load_prompt_catalogue().get(set_key), answers, ratings, stance)
    finally:
        store.close()


def _begun_days_ago(db: str, days: int) -> None:
    """As if every entry had been stored ``days`` ago (when the journal was begun)."""
    store = open_store(db)
    try:
        with store.write() as conn:
            conn.execute(update(t.entry).values(created_at=datetime.now() - timedelta(days=days)))
    finally:
        store.close()


def test_reflect_due_lists_what_is_due_and_completing_clears_it(cli) -> None:
    cli("add", "the first entry of a fresh journal")
    # Started today: the cadence starts now, so nothing is owed yet.
    fresh = cli("reflect", "--due")
    assert (fresh.returncode, fresh.stdout, fresh.stderr) == (0, "", "")
    # The same journal as if begun 400 days ago owes all three: the latest slot of each.
    _begun_days_ago(cli.db, 400)
    before = cli("reflect", "--due")
    assert before.returncode == 0 and before.stderr == ""
    lines = before.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["yearly", "quarterly", "weekly"]
    weekly = lines[2]
    assert weekly.startswith("weekly: Weekly check-in, due since ")
    since = date.fromisoformat(weekly.split("due since ")[1][:10])
    assert since.weekday() == 4 and 0 <= (date.today() - since).days < 7  # the last Friday

    _save(cli.db, "weekly", {"did": "Closed the release"})
    after = cli("reflect", "--due")
    assert after.returncode == 0
    assert [line.split(":")[0] for line in after.stdout.splitlines()] == ["yearly", "quarterly"]

    _save(cli.db, "yearly", {"achievements": "The release"})
    _save(cli.db, "quarterly", {"what-and-how": "Both"})
    done = cli("reflect", "--due")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")  # quiet for cron


def test_reflect_without_due_explains_itself(cli) -> None:
    result = cli("reflect")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "reflect --due" in result.stderr


def test_track_status_reports_the_progress_figures(cli) -> None:
    assert cli("track", "choose", "technical", "--level", "assistant").returncode == 0
    assert (
        cli(
            "track",
            "choose",
            "technical",
            "--level",
            "intermediate",
            "--reason",
            "Promoted in March",
        ).returncode
        == 0
    )
    # intermediate -> senior expects professional-knowledge 4, research 4, communication 3.
    _save(
        cli.db,
        "quarterly",
        {"what-and-how": "x"},
        {"professional-knowledge": 4, "research": 3, "communication": 3},
        stance=40,
    )
    assert (
        cli(
            "learn",
            "Read a methods book",
            "--kind",
            "book",
            "--minutes",
            "150",
            "--competency",
            "research",
        ).returncode
        == 0
    )
    assert (
        cli("goal", "add", "Present at the meetup", "--competency", "communication").returncode == 0
    )

    result = cli("track", "status", "--json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert (data["track"], data["level"], data["next_level"]) == (
        "technical",
        "intermediate",
        "senior",
    )
    assert data["reason"] == "Promoted in March"
    assert [h["level"] for h in data["history"]] == ["intermediate", "assistant"]
    comps = {c["key"]: c for c in data["competencies"]}
    assert len(comps) == 8
    pk, research, comm = comps["professional-knowledge"], comps["research"], comps["communication"]
    assert (pk["latest"], pk["expected"], pk["expected_next"], pk["meets_next"]) == (4, 3, 4, True)
    assert (research["latest"], research["expected_next"], research["meets_next"]) == (3, 4, False)
    assert comm["meets_next"] is True
    # 2 of 8 at the next level's expectation (professional-knowledge, communication).
    assert data["ready_count"] == 2 and data["readiness"] == 0.25
    # Rated today, on the level chosen today: it has held since today, under a month.
    assert data["held_since"] == date.today().isoformat() and data["months_sustained"] == 0
    assert research["evidence"] == {"entries": 0, "activities": 1, "goals": 0, "feedback": 0}
    assert research["learning_minutes"] == 150 and data["learning_minutes"] == 150
    assert comm["evidence"]["goals"] == 1
    assert research["stale"] is False and comm["stale"] is False and pk["stale"] is True
    assert set(data["stale"]) == set(comps) - {"research", "communication"}
    assert [s["stance"] for s in data["stance"]] == [40]
    assert data["fit"] is None

    text = cli("track", "status").stdout
    assert (
        "Readiness for Senior professional: 2 of 8 competencies (25%), "
        f"held since {date.today().isoformat()} (under a month)"
    ) in text
    assert "Learning in the last 90 days: 2 h 30 min (each activity once)" in text
    assert "Professional knowledge" in text and "professional-knowledge" not in text
    assert "no recent evidence" in text


def test_reflect_due_includes_personal_sets_and_warns_about_broken_ones(cli) -> None:
    from careerlog import paths

    folder = paths.user_prompts_dir()
    folder.mkdir(parents=True)
    (folder / "standup.toml").write_text(
        'key = "standup"\nname = "Stand-up"\ncadence = "weekly"\n'
        '[[prompts]]\nid = "done"\ntext = "What did I finish?"\n',
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text('key = "broken"\ncadence = "monthly"\n', encoding="utf-8")
    cli("add", "the first entry of a fresh journal")
    _begun_days_ago(cli.db, 30)
    result = cli("reflect", "--due")
    assert result.returncode == 0
    assert any(
        line.startswith("standup: Stand-up, due since ") for line in result.stdout.splitlines()
    )
    assert (
        "warning: skipped" in result.stderr and "broken.toml: cadence: 'monthly'" in result.stderr
    )
