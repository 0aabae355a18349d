"""Profile rules: the four questions, their limits, timezones and links."""

from __future__ import annotations

import pytest

from bot.domain.errors import UserError
from bot.domain.profiles import build_profile, parse_timezone, profile_answers
from tests.conftest import START

ANSWERS = {
    "headline": "GP building a triage app",
    "working_on": "A symptom-triage app for my practice",
    "looking_for": "A developer and a regulatory expert",
    "strengths": "Clinical judgement",
    "unique_edge": "30,000 consultations of real cases",
    "skills": "Medicine, triage , medicine",
    "timezone": "europe/berlin",
    "languages": "german, English",
    "links": "https://example.com/lena",
}


def test_answers_become_a_profile_with_normalised_lists() -> None:
    profile = build_profile("lena", ANSWERS, START)
    assert profile.skills == ("medicine", "triage")
    assert profile.timezone == "Europe/Berlin"
    assert profile.languages == ("German", "English")
    assert profile.links == ("https://example.com/lena",)


def test_answers_round_trip_so_the_form_can_be_prefilled() -> None:
    profile = build_profile("lena", ANSWERS, START)
    assert build_profile("lena", profile_answers(profile), START) == profile


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("headline", "", "Headline is empty"),
        ("working_on", "w" * 2001, "the limit is 2000"),
        ("looking_for", "tab\x00null", "control characters"),
        ("timezone", "Mars/Olympus", "not a timezone I know"),
        ("links", "ftp://example.com", "not a web link"),
    ],
)
def test_a_bad_answer_is_refused_with_its_field_named(field: str, value: str, problem: str) -> None:
    with pytest.raises(UserError, match=problem):
        build_profile("lena", {**ANSWERS, field: value}, START)


def test_unknown_timezone_hint_names_a_valid_example() -> None:
    with pytest.raises(UserError, match="Europe/Berlin"):
        parse_timezone("Berlin time")
