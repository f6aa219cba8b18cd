"""The built-in tracks, prompts and questionnaire say what the seed articles say
(``/work/shared/seeds``): the five points issue 14 names, and every competency of every
built-in track described at every level."""

from __future__ import annotations

from careerlog.services.fit import questionnaire
from careerlog.services.reflections import load_prompt_catalogue
from careerlog.services.tracks import load_catalogue


def test_every_builtin_competency_is_described_at_every_level_with_a_rating_scale() -> None:
    for track in load_catalogue().tracks:
        assert len(track.scale) == 5, track.key
        for comp in track.competencies:
            described = [lv.level_key for lv in comp.levels]
            assert described == [lv.key for lv in track.levels], (track.key, comp.key)
            for level in comp.levels:
                assert len(level.signals) >= 2 and level.examples, (track.key, comp.key)


def test_continuous_learning_is_a_competency_of_management_and_technical_leadership() -> None:
    # Seed 000: whichever post one holds, one has to keep learning to progress.
    catalogue = load_catalogue()
    for key in ("management", "technical-leadership", "technical"):
        assert catalogue.get(key).has("continuous-learning"), key


def test_pay_and_passion_are_asked_in_the_fit_check_and_the_yearly_review() -> None:
    # Seed 002: pay follows scarcity, and one should follow one's passion.
    texts = " ".join(s.text.lower() for s in questionnaire().statements)
    assert "salary" in texts and "pay" in texts and "love" in texts
    yearly = load_prompt_catalogue().get("yearly")
    asked = " ".join(p.text.lower() for p in yearly.prompts)
    assert "pay" in asked and "passion" in asked


def test_the_support_track_is_asked_about_the_worth_of_support_work() -> None:
    # Seed 001: support staff can feel their work lacks worth.
    quarterly = load_prompt_catalogue().get("quarterly")
    worth = quarterly.prompt("worth-of-support")
    assert worth.tracks == ("support",) and "worth" in worth.text
    assert worth.asked_on("support") and not worth.asked_on("management")


def test_communication_is_among_the_political_skills_of_the_quarterly_review() -> None:
    # Seed 004: persuasion, resource allocation, supervision, lobbying, communication,
    # presentation.
    text = load_prompt_catalogue().get("quarterly").prompt("political-skills").text
    for skill in ("persuasion", "resource allocation", "supervision", "lobbying",
                  "communication", "presentation"):  # fmt: skip
        assert skill in text


def test_technical_levels_are_named_for_any_profession_with_examples() -> None:
    # Seed 000: professional titles such as senior engineer and senior teacher.
    technical = load_catalogue().get("technical")
    names = [level.name for level in technical.levels]
    assert not any("engineer" in name.lower() for name in names), names
    senior = technical.level("senior")
    assert "senior engineer" in senior.summary and "senior teacher" in senior.summary
