"""The progress, cadence and track-fit rules on small histories worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.career.cadence import Cadence, due, parse_cadence
from careerlog.domain.career.fit import best_track, explain, questionnaire_from_dict, score
from careerlog.domain.career.progress import (
    Evidence,
    RatingPoint,
    assess,
    evidence_window,
    held_since,
    months_sustained,
    readiness,
    trend,
    whole_months,
)
from careerlog.domain.errors import CareerlogError
from careerlog.domain.model import Competency, Level, Track

TODAY = date(2026, 11, 22)  # a Sunday


def _track() -> Track:
    def comp(key: str, expected: tuple[int, ...]) -> Competency:
        return Competency(key, key.upper(), "craft", "", expected, (f"{key} signal",))

    return Track(
        key="toy",
        name="Toy track",
        summary="",
        levels=(Level("a", "A", ""), Level("b", "B", ""), Level("c", "C", "")),
        competencies=(comp("x", (2, 3, 4)), comp("y", (1, 3, 5)), comp("z", (2, 2, 3))),
    )


def _history() -> list[RatingPoint]:
    # Next level (b) expects x>=3, y>=3, z>=2.
    rows = [
        (date(2026, 8, 15), 1, {"x": 2, "y": 3, "z": 1}),  # x no, y ok, z no -> 1/3
        (date(2026, 9, 20), 2, {"x": 3, "y": 3, "z": 1}),  # x ok, y ok, z no -> 2/3
        (date(2026, 10, 10), 3, {"x": 3, "y": 2, "z": 2}),  # x ok, y no, z ok -> 2/3
        (date(2026, 11, 5), 4, {"x": 4, "y": 3, "z": 1}),  # x ok, y ok, z no -> 2/3
    ]
    return [RatingPoint(day, rid, k, v) for day, rid, values in rows for k, v in values.items()]


def test_readiness_is_the_share_of_competencies_at_the_next_level() -> None:
    report = assess(_track(), "a", _history(), {}, TODAY)
    assert [c.latest for c in report.competencies] == [4, 3, 1]
    assert [c.expected for c in report.competencies] == [2, 1, 2]
    assert [c.expected_next for c in report.competencies] == [3, 3, 2]
    # x 4>=3 and y 3>=3 are ready, z 1<2 is not: 2 of 3.
    assert report.readiness == pytest.approx(2 / 3)
    assert report.ready_count == 2
    assert [c.meets_current for c in report.competencies] == [True, True, False]


def test_unrated_competencies_count_as_not_ready() -> None:
    assert readiness({"x": 5}, {"x": 3, "y": 3, "z": 2}) == pytest.approx(1 / 3)


def test_readiness_held_since_the_last_rise_to_todays_level() -> None:
    # Today 2/3. Walking back over the rating days: before Nov 5 it was 2/3 (Oct 10's
    # ratings), before Oct 10 2/3 (Sep 20's), before Sep 20 1/3 (Aug 15's), lower: so
    # it has held since 20 Sep, two whole months to 22 Nov.
    report = assess(_track(), "a", _history(), {}, TODAY)
    assert report.held_since == date(2026, 9, 20)
    assert report.months_sustained == 2


def test_held_counts_from_the_choice_not_from_older_ratings() -> None:
    # The same ratings, but the track and level were chosen on 1 Oct: the stretch is
    # cut there (1 Oct to 22 Nov is one whole month).
    report = assess(_track(), "a", _history(), {}, TODAY, since=date(2026, 10, 1))
    assert report.held_since == date(2026, 10, 1)
    assert report.months_sustained == 1
    assert held_since(_history(), {"x": 3, "y": 3, "z": 2}, TODAY, date(2026, 11, 22)) == TODAY


def test_held_restarts_after_a_rise() -> None:
    # A Nov 20 rating raises z to 2: today 3/3, and before Nov 20 it was 2/3 -> since Nov 20.
    history = [*_history(), RatingPoint(date(2026, 11, 20), 5, "z", 2)]
    expected = {"x": 3, "y": 3, "z": 2}
    assert held_since(history, expected, TODAY, date.min) == date(2026, 11, 20)
    assert months_sustained(history, expected, TODAY, date.min) == 0
    assert months_sustained([], {"x": 3}, TODAY, date.min) == 0


def test_whole_months_count_calendar_months_by_the_day() -> None:
    assert whole_months(date(2026, 3, 14), date(2026, 5, 13)) == 1
    assert whole_months(date(2026, 3, 14), date(2026, 5, 14)) == 2
    assert whole_months(date(2025, 12, 31), date(2026, 1, 30)) == 0


def test_nothing_ready_means_nothing_sustained() -> None:
    history = [RatingPoint(date(2026, 1, 1), 1, "x", 1)]
    assert months_sustained(history, {"x": 3}, TODAY, date.min) == 0
    assert held_since(history, {"x": 3}, TODAY, date.min) is None


def test_top_level_has_no_readiness() -> None:
    report = assess(_track(), "c", _history(), {}, TODAY)
    assert report.readiness is None
    assert report.months_sustained == 0
    assert report.next_level_key is None


def test_trend_is_last_minus_first_of_the_last_four() -> None:
    report = assess(_track(), "a", _history(), {}, TODAY)
    # x: 2,3,3,4 -> +2; y: 3,3,2,3 -> 0; z: 1,1,2,1 -> 0
    assert [c.trend for c in report.competencies] == [2, 0, 0]
    assert trend([1, 2, 3, 4, 5]) == 3  # last four: 2..5
    assert trend([5, 2]) == -3
    assert trend([4]) is None


def test_ratings_after_today_are_ignored() -> None:
    history = [*_history(), RatingPoint(date(2026, 12, 1), 9, "z", 5)]
    report = assess(_track(), "a", history, {}, TODAY)
    assert report.competencies[2].latest == 1


def test_stale_means_no_evidence_in_the_window() -> None:
    evidence = {"x": Evidence(entries=1), "z": Evidence(minutes_total=600)}
    report = assess(_track(), "a", _history(), evidence, TODAY)
    # x has an entry; y has nothing; z only has old learning time.
    assert report.stale == ("y", "z")
    # 2026-11-22 minus 89 days: Oct 23 is 30 back, Sep 23 60, Aug 24 90 -> Aug 25.
    assert evidence_window(TODAY) == (date(2026, 8, 25), TODAY)


# --- cadence ------------------------------------------------------------------------

FRIDAY = Cadence("weekly", 4)


def test_weekly_with_no_reflection_is_due_since_the_last_friday() -> None:
    assert due(FRIDAY, None, TODAY) == due(FRIDAY, None, date(2026, 11, 20))
    state = due(FRIDAY, None, TODAY)
    assert state is not None and state.due_since == date(2026, 11, 20) and not state.overdue


def test_weekly_written_a_day_early_covers_that_friday() -> None:
    # Thu 19 Nov is nearest Fri 20 Nov, so the next is Fri 27 Nov: not due on Sun 22.
    assert due(FRIDAY, date(2026, 11, 19), TODAY) is None


def test_the_cadence_starts_at_first_use() -> None:
    # TODAY is Sunday 22 Nov 2026. Someone who started today owes nothing: the next
    # Friday, quarter and year all come after today.
    for cadence in (FRIDAY, Cadence("quarterly"), Cadence("yearly")):
        assert due(cadence, None, TODAY, started=TODAY) is None
    # Started Tuesday 10 Nov: the weekly check-in of Friday 20 Nov is due (Friday 13 was
    # the first after the start, 20 the latest, and one missed slot is not overdue).
    state = due(FRIDAY, None, TODAY, started=date(2026, 11, 10))
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 11, 20), False)
    # ... but not the quarterly review of 1 Oct or the yearly one of 1 Jan, both before it.
    assert due(Cadence("quarterly"), None, TODAY, started=date(2026, 11, 10)) is None
    assert due(Cadence("yearly"), None, TODAY, started=date(2026, 11, 10)) is None
    # Started in March: the quarterly review of 1 Oct is due, never the one of 1 Jan.
    state = due(Cadence("quarterly"), None, TODAY, started=date(2026, 3, 5))
    assert state is not None and state.due_since == date(2026, 10, 1)


def test_weekly_late_and_overdue() -> None:
    # Sat 14 Nov covers Fri 13 -> due since Fri 20, not overdue until Fri 27.
    state = due(FRIDAY, date(2026, 11, 14), TODAY)
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 11, 20), False)
    # Thu 5 Nov covers Fri 6 -> due since Fri 13; Fri 20 has passed too -> overdue.
    state = due(FRIDAY, date(2026, 11, 5), TODAY)
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 11, 13), True)


def test_weekly_on_another_weekday() -> None:
    monday = parse_cadence("weekly", "monday")
    assert monday is not None
    state = due(monday, None, TODAY)
    assert state is not None and state.due_since == date(2026, 11, 16)


def test_quarterly_counts_for_the_nearest_quarter_start() -> None:
    quarterly = Cadence("quarterly")
    # 25 Sep is 6 days from 1 Oct (86 from 1 Jul): covers 1 Oct, next 1 Jan 2027.
    assert due(quarterly, date(2026, 9, 25), TODAY) is None
    # 10 Aug: 40 days after 1 Jul, 52 before 1 Oct -> covers 1 Jul, due since 1 Oct.
    state = due(quarterly, date(2026, 8, 10), TODAY)
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 10, 1), False)
    # 1 May covers 1 Apr -> due since 1 Jul, and 1 Oct has passed -> overdue.
    state = due(quarterly, date(2026, 5, 1), TODAY)
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 7, 1), True)


def test_yearly() -> None:
    yearly = Cadence("yearly")
    assert due(yearly, date(2025, 12, 20), TODAY) is None  # covers 1 Jan 2026
    state = due(yearly, date(2025, 3, 1), TODAY)
    assert state is not None and (state.due_since, state.overdue) == (date(2026, 1, 1), False)


def test_cadence_settings() -> None:
    assert parse_cadence("weekly", False) is None
    assert parse_cadence("quarterly", "off") is None
    assert parse_cadence("none", True) is None
    assert parse_cadence("weekly", True) == Cadence("weekly", 4)
    with pytest.raises(CareerlogError, match="weekday"):
        parse_cadence("weekly", "sometimes")


# --- track fit ----------------------------------------------------------------------

TOY_FIT = {
    "schema": 1,
    "statements": [
        {"id": "s1", "text": "One", "area": "interests", "weights": {"m": 2, "t": -1}},
        {"id": "s2", "text": "Two", "area": "abilities", "weights": {"m": 0, "t": 2}},
        {"id": "s3", "text": "Three", "area": "plans", "weights": {"m": -1, "t": 1}},
    ],
    "explanations": {"m": "Managing suits you.", "t": "Craft suits you."},
}


def test_fit_scores_are_rescaled_to_each_tracks_reach() -> None:
    form = questionnaire_from_dict(TOY_FIT)
    # Centred answers: s1=5 -> +2, s2=4 -> +1, s3=1 -> -2.
    # m: raw 2*2 + 0*1 + (-1)(-2) = 6, reach 2*(2+0+1) = 6 -> 100*(6+6)/12 = 100
    # t: raw -1*2 + 2*1 + 1*(-2) = -2, reach 2*(1+2+1) = 8 -> 100*(-2+8)/16 = 37.5 -> 38
    scores = score(form, {"s1": 5, "s2": 4, "s3": 1})
    assert scores == {"m": 100, "t": 38}
    assert best_track(scores) == "m"


def test_fit_neutral_and_partial_answers() -> None:
    form = questionnaire_from_dict(TOY_FIT)
    assert score(form, {"s1": 3, "s2": 3, "s3": 3}) == {"m": 50, "t": 50}
    # Only s2 answered (+2): m has no weight there -> 50; t raw 4, reach 4 -> 100.
    assert score(form, {"s2": 5}) == {"m": 50, "t": 100}
    # A tie goes to the track listed first.
    assert best_track({"m": 50, "t": 50}) == "m"


def test_fit_rejects_bad_answers() -> None:
    form = questionnaire_from_dict(TOY_FIT)
    with pytest.raises(CareerlogError, match="1 \\(disagree\\) to 5"):
        score(form, {"s1": 6})
    with pytest.raises(CareerlogError, match="no statement"):
        score(form, {"nope": 3})
    with pytest.raises(CareerlogError, match="at least one"):
        score(form, {})


def test_fit_explanation_names_the_runner_up() -> None:
    form = questionnaire_from_dict(TOY_FIT)
    text = explain(form, {"m": 70, "t": 64}, {"t": "Technical"})
    assert text.startswith("Managing suits you.")
    assert "Technical came a close second (64 against 70 out of 100)." in text


def test_fit_file_errors_name_the_key() -> None:
    broken = {**TOY_FIT, "statements": [{**TOY_FIT["statements"][0], "weights": {"m": 1}}]}
    with pytest.raises(ValueError, match=r"statements\[0\]\.weights"):
        questionnaire_from_dict(broken)
