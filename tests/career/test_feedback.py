"""Feedback, as a person gives it: from the command line and the TUI form, counted as
evidence, on the timeline, found by search, in the year export and back from an import.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from careerlog.cli import main
from careerlog.domain.timeline import TimelineFilter
from careerlog.io.export import export_text
from careerlog.io.export.to_json import export_json
from careerlog.io.importers.careerlog import parse
from careerlog.services import timeline
from careerlog.services.career.feedback import add_feedback, list_feedback
from careerlog.services.exchange.importing import import_records
from careerlog.services.progress import track_progress
from careerlog.services.search import SearchFilter, search
from careerlog.services.tracks import choose_track
from careerlog.store.db import Store, open_store
from careerlog.ui.forms.feedback_form import FeedbackForm
from careerlog.ui.screens.feedback import FeedbackScreen
from tests.ui.conftest import SIZE, make_app, settle, type_text, until


def test_feedback_from_the_command_line_counts_as_evidence(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    db = str(store.path)
    assert main(["--db", db, "track", "choose", "technical", "--level", "intermediate"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--db",
                db,
                "feedback",
                "Your write-up of the tracing study made the decision easy",
                "--from",
                "Ana Moreau",
                "--role",
                "manager",
                "--competency",
                "communication",
                "--date",
                "yesterday",
            ]
        )
        == 0
    )
    feedback_id = int(capsys.readouterr().out)
    [kept] = list_feedback(store)
    assert (kept.id, kept.giver, kept.role) == (feedback_id, "Ana Moreau", "manager")
    assert kept.given_at.date() == date.today() - timedelta(days=1)
    assert [(c.track_key, c.key) for c in kept.competencies] == [("technical", "communication")]
    report = track_progress(store)
    assert report is not None
    rows = {c.key: c for c in report.competencies}
    assert rows["communication"].evidence.feedback == 1
    assert rows["communication"].stale is False
    # Found by the giver's name and by its words; a kind of the timeline.
    assert [h.kind for h in search(store, SearchFilter(query="moreau"))] == ["feedback"]
    assert [h.id for h in search(store, SearchFilter(query="tracing", kinds=("feedback",)))] == [
        feedback_id
    ]
    page = timeline.page(store, TimelineFilter(kinds=("feedback",)))
    assert [(i.kind, i.detail) for i in page.items] == [("feedback", "Ana Moreau")]


def test_feedback_needs_words_and_a_giver(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert store.path is not None
    db = str(store.path)
    assert main(["--db", db, "feedback", "   ", "--from", "Ana"]) == 1
    assert "the feedback is empty" in capsys.readouterr().err
    assert main(["--db", db, "feedback", "Nice work", "--from", "  "]) == 1
    assert "say who gave the feedback" in capsys.readouterr().err
    assert main(["--db", db, "feedback", "Nice work", "--from", "Ana", "--competency", "x"]) == 1
    assert "choose a track before linking" in capsys.readouterr().err
    assert list_feedback(store) == []


def test_feedback_is_in_the_year_export_and_survives_a_round_trip(
    store: Store, tmp_path: Path
) -> None:
    choose_track(store, "management", "junior")
    add_feedback(
        store,
        'The offsite plan was <b>clear</b> and "on time"',
        giver="Lee",
        role="peer",
        given_at=datetime(2026, 5, 4, 16),
        competencies=["coordination"],
    )
    page = export_text(store, "md", date(2026, 1, 1), date(2026, 12, 31))
    assert "## What others said" in page
    assert "**2026-05-04, Lee (peer)** — on Organisation and coordination" in page
    html = export_text(store, "html", date(2026, 1, 1), date(2026, 12, 31))
    assert "&lt;b&gt;clear&lt;/b&gt;" in html and "<b>clear</b>" not in html
    exported = export_json(store)
    [record] = json.loads(exported)["feedback"]
    assert record["competencies"] == [{"track": "management", "key": "coordination", "version": 1}]
    other = open_store(str(tmp_path / "other.db"))
    try:
        report = import_records(other, parse(exported), backup=False)
        assert report.imported["feedback"] == 1
        again = import_records(other, parse(exported), backup=False)
        assert "feedback" not in again.imported  # the same file twice adds nothing
        [back] = list_feedback(other)
    finally:
        other.close()
    assert (back.giver, back.role, back.given_at) == ("Lee", "peer", datetime(2026, 5, 4, 16))
    assert [c.name for c in back.competencies] == ["Organisation and coordination"]


async def test_the_palette_opens_the_feedback_form_and_it_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "tui.db"
    store = open_store(str(db))
    try:
        choose_track(store, "technical")
    finally:
        store.close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Log feedback")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FeedbackForm))
        await type_text(pilot, "Sam")
        await pilot.press("tab")
        await type_text(pilot, "peer")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Clear slides")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        await settle(pilot)
    store = open_store(str(db))
    try:
        [kept] = list_feedback(store)
    finally:
        store.close()
    assert (kept.giver, kept.role, kept.text) == ("Sam", "peer", "Clear slides")
    assert kept.given_at.date() == date(2026, 3, 16)  # the app's pinned "now"
