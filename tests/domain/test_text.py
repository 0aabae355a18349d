"""User-text rules: cleaning, limits, tags and inert mentions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import UserError
from bot.domain.text import POST_MAX_CHARS, clean_text, defuse_mentions, normalise_tags, post_tags


def test_tags_are_lower_case_trimmed_and_deduplicated() -> None:
    assert post_tags("Python, python , data-pipelines") == ("python", "data-pipelines")


def test_hashtags_and_short_phrases_become_tags_but_sentences_do_not() -> None:
    assert post_tags("I can help with pitch decks #fundraising") == ("fundraising", "pitch decks")
    assert post_tags("Happy to spend an afternoon walking you through our whole process") == ()


def test_programming_language_names_survive_as_tags() -> None:
    assert post_tags("C#, C++, node.js") == ("c#", "c++", "node.js")


@given(st.lists(st.text(max_size=30), max_size=30))
def test_normalised_tags_are_unique_lower_case_and_trimmed(raw: list[str]) -> None:
    tags = normalise_tags(raw)
    assert len(tags) == len(set(tags))
    for tag in tags:
        assert tag == tag.strip().lower() and tag


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("x" * (POST_MAX_CHARS + 1), "the limit is 500"),
        ("bell\x07", "control characters"),
        ("zero\u200bwidth", "control characters"),
    ],
)
def test_bad_text_gets_one_clear_sentence(text: str, problem: str) -> None:
    with pytest.raises(UserError, match=problem):
        clean_text(text, what="your offer", max_chars=POST_MAX_CHARS)


def test_line_breaks_are_allowed() -> None:
    assert clean_text(" two\nlines ", what="x", max_chars=50) == "two\nlines"


@pytest.mark.parametrize(
    "mention",
    [
        "@everyone",
        "@here",
        "@channel",
        "<@123>",
        "<@&456>",
        "<#789>",
        "<!channel>",
        "<!here>",
        "<!subteam^S1>",
        "<@U0123>",
    ],
)
def test_every_platform_mention_is_made_inert(mention: str) -> None:
    shown = defuse_mentions(f"hello {mention} there")
    assert mention not in shown
    assert shown.replace("\u200b", "") == f"hello {mention} there"


def test_email_addresses_are_left_alone() -> None:
    assert defuse_mentions("write to ana@example.com") == "write to ana@example.com"
