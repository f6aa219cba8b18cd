"""Reflections, drafts, cadence, progress and fit through the services, on a real store."""

from __future__ import annotations

import stat
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, update

from careerlog import config, paths
from careerlog.domain.errors import CareerlogError, NotFoundError
from careerlog.services.fit import fit_history, latest_fit, questionnaire, take_fit
from careerlog.services.goals import add_goal
from careerlog.services.journal import add_entry
from careerlog.services.learning import log_activity, parse_kind
from careerlog.services.progress import track_progress
from careerlog.services.reflections import (
    ReflectionDraft,
    due_reflections,
    latest_ratings,
    list_drafts,
    list_reflections,
    load_draft,
    load_prompt_catalogue,
    save_draft,
    save_reflection,
    set_cadence,
)
from careerlog.services.tracks import choose_track
from careerlog.store import tables as t
from careerlog.store.db import Store

SUNDAY = date(2026, 11, 22)


def test_builtin_prompt_sets_load_in_cadence_order() -> None:
    catalogue = load_prompt_catalogue()
    assert [s.key for s in catalogue.sets] == ["weekly", "quarterly", "yearly"]
    quarterly = catalogue.get("quarterly")
    assert quarterly.ask_stance and quarterly.rate_competencies
    assert catalogue.problems == ()


def test_personal_prompt_sets_are_listed_and_broken_ones_reported() -> None:
    folder = paths.user_prompts_dir()
    folder.mkdir(parents=True)
    (folder / "standup.toml").write_text(
        'key = "standup"\nname = "Stand-up"\ncadence = "weekly"\n'
        '[[prompts]]\nid = "done"\ntext = "What did I finish?"\n',
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text(
        'key = "broken"\nname = "Broken"\n[[prompts]]\nid = "a"\ntext = ""\n', encoding="utf-8"
    )
    (folder / "clash.toml").write_text(
        'key = "weekly"\nname = "Mine"\n[[prompts]]\nid = "a"\ntext = "Hi"\n', encoding="utf-8"
    )
    catalogue = load_prompt_catalogue()
    assert [s.key for s in catalogue.sets] == ["weekly", "quarterly", "yearly", "standup"]
    assert catalogue.get("standup").origin.endswith("standup.toml")
    problems = "\n".join(catalogue.problems)
    assert "broken.toml: prompts[0].text: expected a non-empty string" in problems
    assert "clash.toml: key: 'weekly' is already used" in problems
    with pytest.raises(NotFoundError, match="unknown prompt set 'nope'"):
        catalogue.get("nope")


def test_a_saved_reflection_keeps_answers_ratings_stance_and_track(store: Store) -> None:
    choose_track(store, "technical", "intermediate")
    quarterly = load_prompt_catalogue().get("quarterly")
    saved = save_reflection(
        store,
        quarterly,
        {"what-and-how": "Shipped the parser.\nLed the review.", "developing-others": "  "},
        {"research": 3, "innovation": 2},
        stance=30,
        day=date(2026, 10, 2),
    )
    [back] = list_reflections(store)
    assert back == saved
    assert back.answers == (
        (
            "what-and-how",
            quarterly.prompt("what-and-how").text,
            "Shipped the parser.\nLed the review.",
        ),
    )  # the blank answer is not kept
    assert back.ratings == {"research": 3, "innovation": 2}
    assert (back.track_key, back.level_key, back.stance) == ("technical", "intermediate", 30)
    latest = latest_ratings(store)
    assert {key: point.value for key, point in latest.items()} == {"research": 3, "innovation": 2}
    assert {point.track_key for point in latest.values()} == {"technical"}


def test_invalid_reflections_are_refused_and_nothing_is_written(store: Store) -> None:
    choose_track(store, "technical")
    quarterly = load_prompt_catalogue().get("quarterly")
    with pytest.raises(NotFoundError, match="unknown competency 'persuasion'"):
        save_reflection(store, quarterly, {"what-and-how": "x"}, {"persuasion": 3})
    with pytest.raises(CareerlogError, match="from 1 to 5"):
        save_reflection(store, quarterly, {"what-and-how": "x"}, {"research": 6})
    with pytest.raises(CareerlogError, match="stance"):
        save_reflection(store, quarterly, {"what-and-how": "x"}, stance=101)
    with pytest.raises(CareerlogError, match="empty"):
        save_reflection(store, quarterly, {"what-and-how": "   "})
    with pytest.raises(CareerlogError, match="no prompt 'bogus'"):
        save_reflection(store, quarterly, {"bogus": "x"})
    assert list_reflections(store) == []


def test_a_draft_is_private_resumable_and_gone_after_saving(store: Store) -> None:
    draft = ReflectionDraft("weekly", {"did": "Half an answer"}, {}, None)
    path = save_draft(draft)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list_drafts() == ["weekly"]
    back = load_draft("weekly")
    assert back is not None and back.answers == {"did": "Half an answer"}
    assert back.saved_at is not None
    save_reflection(store, load_prompt_catalogue().get("weekly"), {"did": "Whole answer"})
    assert load_draft("weekly") is None and list_drafts() == []


def test_a_damaged_draft_is_ignored() -> None:
    paths.ensure_private_dir(paths.drafts_dir())
    (paths.drafts_dir() / "reflection-weekly.json").write_text("{not json", encoding="utf-8")
    assert load_draft("weekly") is None


def _started(store: Store, day: date) -> None:
    """A journal begun on ``day``: its first record was stored then."""
    entry = add_entry(store, "the first entry")
    when = datetime.combine(day, datetime.min.time())
    with store.write() as conn:
        conn.execute(update(t.entry).where(t.entry.c.id == entry.id).values(created_at=when))


def test_a_journal_started_today_owes_no_reflection(store: Store) -> None:
    _started(store, SUNDAY)
    assert due_reflections(store, SUNDAY) == []


def test_due_reflections_follow_the_cadence_and_clear_when_done(store: Store) -> None:
    _started(store, date(2025, 6, 1))  # so the latest slot of each cadence came since
    due = due_reflections(store, SUNDAY)
    assert [(d.set_key, d.due_since, d.overdue) for d in due] == [
        ("yearly", date(2026, 1, 1), False),
        ("quarterly", date(2026, 10, 1), False),
        ("weekly", date(2026, 11, 20), False),
    ]
    assert due[2].name == "Weekly check-in"
    weekly = load_prompt_catalogue().get("weekly")
    save_reflection(store, weekly, {"did": "Plenty"}, day=SUNDAY)
    assert "weekly" not in [d.set_key for d in due_reflections(store, SUNDAY)]


def test_cadence_settings_come_from_the_config(store: Store) -> None:
    _started(store, date(2025, 6, 1))
    config.update("cadence", weekly="monday")
    set_cadence("yearly", False)
    due = {d.set_key: d.due_since for d in due_reflections(store, SUNDAY)}
    assert due == {"quarterly": date(2026, 10, 1), "weekly": date(2026, 11, 16)}
    with pytest.raises(CareerlogError):
        set_cadence("quarterly", "monday")


TODAY = date(2030, 3, 20)


def test_progress_report_figures(store: Store) -> None:
    # technical, level assistant -> next intermediate expects professional-knowledge 3,
    # technical-skill 3, research 2 and five more competencies.
    choose_track(store, "technical", "assistant")
    quarterly = load_prompt_catalogue().get("quarterly")
    pk, ts = "professional-knowledge", "technical-skill"
    save_reflection(
        store, quarterly, {"what-and-how": "a"}, {pk: 3, ts: 2}, 20, day=date(2030, 2, 8)
    )
    save_reflection(
        store,
        quarterly,
        {"what-and-how": "b"},
        {pk: 4, ts: 3, "research": 2},
        60,
        day=date(2030, 3, 15),
    )
    add_entry(store, "Read two papers", when=datetime(2030, 3, 1, 9), competencies=["research"])
    add_entry(store, "Old notes", when=datetime(2029, 12, 1, 9), competencies=["research"])
    course = parse_kind("course")
    log_activity(
        store, "Stats course", course, day=date(2030, 3, 10), minutes=90, competencies=["research"]
    )
    log_activity(
        store, "Old course", course, day=date(2029, 6, 1), minutes=30, competencies=["research"]
    )
    add_goal(store, "Give a talk", competencies=["communication"])

    report = track_progress(store, TODAY)
    assert report is not None
    rows = {c.key: c for c in report.competencies}
    assert (rows[pk].latest, rows[pk].expected, rows[pk].expected_next) == (4, 2, 3)
    assert (rows[pk].trend, rows[ts].trend, rows["research"].trend) == (1, 1, None)
    # Ready: pk 4>=3, ts 3>=3, research 2>=2; the other five are unrated -> 3/8.
    assert report.readiness == pytest.approx(3 / 8)
    # Before 15 Mar only the 8 Feb ratings held (pk 3 ready, ts 2 not): 1/8 < 3/8, so
    # readiness has held since 15 Mar, under a whole month by the 20th.
    assert report.held_since == date(2030, 3, 15)
    assert report.months_sustained == 0
    # Window 2029-12-21 .. 2030-03-20: one entry, one activity (90 of 120 minutes).
    research = rows["research"].evidence
    assert (research.entries, research.activities, research.goals) == (1, 1, 0)
    assert (research.minutes, research.minutes_total) == (90, 120)
    assert rows["communication"].evidence.goals == 1
    assert set(report.stale) == {
        pk,
        ts,
        "professionalism",
        "innovation",
        "technology-adoption",
        "continuous-learning",
    }
    assert report.stance == ((date(2030, 2, 8), 20), (date(2030, 3, 15), 60))


def test_no_track_no_report(store: Store) -> None:
    assert track_progress(store) is None


def test_progress_stays_fast_with_a_big_journal(store: Store) -> None:
    """Ten years of entries (four a day), a third linked to research: the
    report only walks the last 90 days, so it stays quick however long the journal."""
    choose_track(store, "technical")
    first = datetime(2020, 1, 1, 9)
    rows = [
        {
            "written_at": first + timedelta(hours=6 * i),
            "text": f"entry {i}",
            "starred": False,
            "created_at": first,
            "updated_at": first,
        }
        for i in range(15_000)
    ]
    with store.write() as conn:
        conn.execute(insert(t.entry), rows)
        conn.execute(
            insert(t.entry_competency),
            [
                {"entry_id": i, "competency_key": "research", "track_key": "technical"}
                for i in range(1, 15_001, 3)
            ],
        )
    today = rows[-1]["written_at"].date()  # 15,000 x 6 h: early April 2030
    started = time.perf_counter()
    report = track_progress(store, today)
    elapsed = time.perf_counter() - started
    assert report is not None
    # The window holds 90 days x 4 entries = about 360 entries; every third is linked.
    start = today - timedelta(days=89)
    linked = sum(1 for i, r in enumerate(rows, 1) if r["written_at"].date() >= start and i % 3 == 1)
    assert {c.key: c.evidence.entries for c in report.competencies}["research"] == linked
    assert 110 <= linked <= 130
    assert elapsed < 0.25


def test_fit_results_are_kept_with_their_date(store: Store) -> None:
    form = questionnaire()
    assert len(form.statements) == 17
    assert set(form.tracks) == {"management", "technical", "technical-leadership", "support"}
    neutral = take_fit(store, {s.id: 3 for s in form.statements}, when=datetime(2026, 1, 5, 10))
    assert set(neutral.scores.values()) == {50}
    keen = {s.id: 5 if dict(s.weights)["technical"] > 0 else 1 for s in form.statements}
    result = take_fit(store, keen, when=datetime(2026, 6, 1, 10))
    assert result.best == "technical" and result.scores["technical"] == 100
    assert latest_fit(store) == result
    assert [r.taken_at.date() for r in fit_history(store)] == [date(2026, 6, 1), date(2026, 1, 5)]
