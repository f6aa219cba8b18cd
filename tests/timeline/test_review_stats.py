"""The review roll-up and the stats on the known journal of ``conftest.py``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update

from careerlog.domain.streaks import Grace
from careerlog.domain.timeline import Period
from careerlog.services.goals import add_goal
from careerlog.services.review import review
from careerlog.services.stats import stats
from careerlog.store import tables as t
from careerlog.store.db import Store


def _add_goal_created(store: Store, title: str, when: datetime) -> int:
    goal = add_goal(store, title)
    with store.write() as conn:
        conn.execute(update(t.goal).where(t.goal.c.id == goal.id).values(created_at=when))
    return goal.id


def test_week_review_rolls_up_what_happened(journal: Store) -> None:
    stalled = _add_goal_created(journal, "Write the runbook", datetime(2024, 2, 15, 9))
    fresh = _add_goal_created(journal, "Mentor a new hire", datetime(2024, 3, 9, 9))
    # Any day of the week gives the same Monday-Sunday week: Mar 4-10.
    week = review(journal, "week", date(2024, 3, 7))
    assert (week.start, week.end) == (date(2024, 3, 4), date(2024, 3, 10))
    # Written: entries 1-5; words 7 + 4 + 8 + 2 + 5 = 26; starred 5, 3, 2 newest first.
    assert (week.entries, week.words) == (5, 26)
    assert [(i.kind, i.id) for i in week.highlights] == [("entry", 5), ("entry", 3), ("entry", 2)]
    # Learned: the course (90 min) and the mentoring (45 min).
    assert [a.title for a in week.learned] == ["Delegation course", "Mentoring session"]
    assert week.minutes == 135
    assert week.minutes_by_competency == (("Team leadership", 90), ("Communication", 45))
    # Achieved: goal 2 on Mar 8, and goal 1's first milestone on Mar 6.
    assert [g.id for g in week.achieved] == [2]
    assert week.milestones_done == (("Lead the migration project", "Draft plan"),)
    # Goal 1 moved (milestone, entry 1, activity 1), goal 2 was achieved; goal 3 was
    # dropped before the week; the runbook goal had nothing; the new-hire goal is new.
    moved = {g.id: g for g in week.moved}
    assert sorted(moved) == [1, 2]
    assert (moved[1].milestones_done, moved[1].entries, moved[1].activities) == (
        ("Draft plan",),
        1,
        1,
    )
    assert [g.id for g in week.stalled] == [stalled]
    assert [g.id for g in week.new] == [fresh]
    # Evidence: communication = entries 3, 5 + activity 2 + goal 2 (moved) = 4;
    # team-leadership = entry 1 + activity 1 + goal 1 = 3. The reflection's rating is
    # not evidence. Every other management competency has none.
    assert [(c.key, c.entries, c.activities, c.goals) for c in week.with_evidence] == [
        ("communication", 2, 1, 1),
        ("team-leadership", 1, 1, 1),
    ]
    without = {c.key for c in week.without_evidence}
    assert "supervision" in without and "communication" not in without
    assert week.track_name and week.reflection_set == "weekly"


def test_a_quiet_week_shows_stalled_goals_and_no_evidence(journal: Store) -> None:
    # Feb 26 - Mar 3: nothing written or learned; goal 3 was dropped on Mar 1 (so it is
    # neither moved nor stalled); goals 1 and 2 existed and did not move.
    week = review(journal, Period.WEEK, date(2024, 2, 29))
    assert (week.entries, week.words, week.learned, week.highlights) == (0, 0, (), ())
    assert [g.id for g in week.stalled] == [1, 2]
    assert week.moved == () and week.with_evidence == ()


def test_quarter_and_month_bounds(journal: Store) -> None:
    quarter = review(journal, "quarter", date(2024, 2, 10))
    assert (quarter.start, quarter.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter.label == "Q1 2024" and quarter.reflection_set == "quarterly"
    assert quarter.entries == 5 and [g.id for g in quarter.achieved] == [2]
    month = review(journal, "month", date(2024, 3, 31))
    assert (month.start, month.end, month.label) == (
        date(2024, 3, 1),
        date(2024, 3, 31),
        "March 2024",
    )


def test_stats_for_a_year_and_all_time(journal: Store) -> None:
    # Writing days: Mar 4, 5, 6 (entries) and Mar 8 (entry + reflection); Mar 7 missed.
    year = stats(journal, 2024, today=date(2024, 3, 8), grace=Grace.NONE)
    assert (year.entries, year.starred, year.words) == (5, 3, 26)
    assert (year.goals, year.goals_achieved) == (3, 1)
    assert (year.activities, year.minutes_learning, year.reflections) == (2, 135, 1)
    assert (year.streaks.current, year.streaks.longest) == (1, 3)
    # One missed day forgiven: Mar 4-8 is one run of four written days.
    forgiving = stats(journal, None, today=date(2024, 3, 8), grace=Grace.ONE_DAY)
    assert (forgiving.streaks.current, forgiving.streaks.longest) == (4, 4)
    # A past year is measured at its last day; an empty year is all zeros.
    empty = stats(journal, 2023, today=date(2024, 3, 8), grace=Grace.NONE)
    assert empty.as_of == date(2023, 12, 31)
    assert (empty.entries, empty.words, empty.streaks.longest) == (0, 0, 0)
