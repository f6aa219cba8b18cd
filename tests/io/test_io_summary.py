"""The year-in-review roll-up and its Markdown form, on a journal with every kind of record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update

from careerlog.domain.summary import summary_to_dict
from careerlog.io.export import export_text
from careerlog.io.export.to_md import render
from careerlog.services.journal import add_entry, recent_entries
from careerlog.services.summary import summarize
from careerlog.store import tables as t
from careerlog.store.db import Store


def _date_goals(store: Store) -> None:
    """Move the goals into 2024: one achieved in June, one dropped in May, one ongoing."""
    with store.write() as conn:
        conn.execute(update(t.goal).values(created_at=datetime(2024, 1, 10, 9, 0)))
        conn.execute(
            update(t.goal)
            .where(t.goal.c.status == "achieved")
            .values(closed_at=datetime(2024, 6, 3, 12, 0))
        )
        conn.execute(
            update(t.goal)
            .where(t.goal.c.status == "dropped")
            .values(closed_at=datetime(2024, 5, 3, 12, 0))
        )


def test_the_year_in_review_gathers_every_part(filled: Store) -> None:
    _date_goals(filled)
    s = summarize(
        filled, date(2024, 1, 1), date(2024, 12, 31), today=date(2025, 3, 1), grace="none"
    )

    assert s.title == "2024 in review"
    assert s.track_start is not None and s.track_start.level_key == "junior"
    assert s.track_end is not None and s.track_end.level_key == "middle"
    assert [c.level_key for c in s.track_changes] == ["middle"]
    assert [h.title for h in s.highlights] == [
        "Première ligne — café ☕ @Mentoring",
        "Starred win @launch",
    ]
    assert [g.title for g in s.goals_achieved] == ["Speak at a conference"]
    assert [g.title for g in s.goals_dropped] == ["Learn Rust"]
    ongoing = s.goals_ongoing[0]
    assert (ongoing.title, ongoing.progress, ongoing.milestones_done) == (
        "Lead the Ω migration",
        50,
        1,
    )
    assert s.learning_minutes == 360
    assert [(i.name, i.minutes) for i in s.learning_by_competency] == [
        ("Communication", 300),
        ("No competency linked", 60),
    ]
    assert {i.key: i.minutes for i in s.learning_by_kind} == {"book": 300, "mentoring-given": 60}
    ratings = {r.key: (r.start, r.end, r.change) for r in s.ratings}
    assert ratings["communication"] == (2, 4, 2)
    assert ratings["team-leadership"] == (3, 3, 0)
    assert [p.stance for p in s.stance] == [30, 55] and s.stance_drift == 25
    assert s.reflections == 2
    assert [e.answer for e in s.excerpts] == ["Mostly *what I do*.\n\nAnd 中文.", "More *how*."]
    w = s.writing
    assert (w.entries, w.starred, w.days_written) == (3, 2, 3)
    texts = [e.text for e in recent_entries(filled, limit=10) if e.written_at.year == 2024]
    assert w.words == sum(len(x.split()) for x in texts) > 10
    assert (w.current_streak, w.longest_streak) == (0, 2)  # July 1 and 2
    assert dict(w.per_day) == {date(2024, 1, 15): 1, date(2024, 7, 1): 1, date(2024, 7, 2): 1}


def test_the_summary_as_json_uses_plain_values(filled: Store) -> None:
    s = summarize(
        filled, date(2024, 1, 1), date(2024, 12, 31), today=date(2025, 3, 1), grace="none"
    )
    data = summary_to_dict(s)
    assert data["writing"]["per_day"] == {"2024-01-15": 1, "2024-07-01": 1, "2024-07-02": 1}
    assert data["stance_drift"] == 25
    assert data["track_end"]["since"] == "2024-06-01T10:00:00"


def test_an_empty_year_still_makes_a_readable_summary(store: Store) -> None:
    s = summarize(store, date(2020, 1, 1), date(2020, 12, 31), today=date(2025, 1, 1), grace="none")
    text = render(s)
    assert text.startswith("# 2020 in review\n")
    assert "No starred entries in this period." in text
    assert "no track chosen" in text


def test_the_markdown_reads_as_plain_text(filled: Store) -> None:
    _date_goals(filled)
    s = summarize(
        filled, date(2024, 1, 1), date(2024, 12, 31), today=date(2025, 3, 1), grace="none"
    )
    text = render(s)
    for heading in (
        "## Track and level",
        "## Highlights",
        "## Goals",
        "## Learning",
        "## Competency ratings",
        "## Leadership stance",
        "## From my reflections",
        "## Writing",
    ):
        assert f"\n{heading}\n" in text
    assert "- **Speak at a conference** — achieved 2024-06-03" in text
    assert "| Communication | 2 | 4 | +2 |" in text
    assert "From 30/100 on 2024-03-31 to 55/100 on 2024-12-20: +25" in text
    assert "> More *how*." in text
    assert "<" not in text.replace("<-", "")  # no HTML in the plain-text export


def test_a_year_with_one_of_each_count_says_it_in_the_singular(store: Store) -> None:
    add_entry(store, "Ran the release", when=datetime(2020, 5, 4, 9, 0))
    for fmt in ("md", "html"):
        text = export_text(store, fmt, date(2020, 1, 1), date(2020, 12, 31))
        assert "1 entry, 3 words, on 1 day" in text, fmt
        assert "1 day at the longest" in text and "across 0 activities" in text, fmt
        assert "1 entries" not in text and " 1 days" not in text, fmt
