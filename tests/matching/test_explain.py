"""Reasons and starters as members read them: short, grammatical, in the members' own words."""

from __future__ import annotations

import re

from bot.demo.people import DEMO_MEMBERS
from bot.matching.engine import make_groups
from bot.matching.model import Candidate, Group, MatchInput, MatchResult
from bot.matching.quotes import tidy
from bot.matching.text import stem, words

QUOTE = re.compile(r"“([^”]*)”")
DOUBLED = re.compile(r"[.;,!?:]\s*[.;,!?]|\.”[.?]|\?”\?")


def _demo_round() -> tuple[MatchResult, dict[str, Candidate]]:
    cands = tuple(
        Candidate(
            member_id=m.name,
            name=m.name,
            offers=(m.strengths, *m.offers),
            needs=(m.looking_for, *m.needs),
            goal=m.working_on,
            unique=m.unique_edge,
            skills=m.skills,
            timezone=m.timezone,
            languages=m.languages,
        )
        for m in DEMO_MEMBERS
    )
    return make_groups(MatchInput(candidates=cands)), {c.member_id: c for c in cands}


def _their_text(group: Group, by_id: dict[str, Candidate]) -> str:
    parts = []
    for m in group.members:
        c = by_id[m]
        parts += [*c.offers, *c.needs, *c.skills, c.goal, c.unique]
    return " ".join(" ".join(parts).split())


def test_every_demo_reason_and_starter_reads_cleanly() -> None:
    result, by_id = _demo_round()
    assert len(result.groups) == 20
    for group in result.groups:
        text = _their_text(group, by_id)
        names = [by_id[m].name for m in group.members]
        for line in (*group.reasons, group.starter):
            assert not DOUBLED.search(line), line
            assert line.count("“") == line.count("”"), line
            for quoted in QUOTE.findall(line):
                # Every quote is the member's own words, as written (a cut is marked with "…").
                assert quoted.removesuffix("…").removeprefix("…") in text, (quoted, line)
                assert len(quoted) <= 80, line
                assert not quoted.endswith((".", ",", ";", "?", "!")), line
        for line in group.reasons:
            if "(a loose match: both say" in line:
                need, offer, word = QUOTE.findall(line)
                # An honest loose match: the one shared word (in some form) is in both quotes shown.
                assert all(stem(word.casefold()) in map(stem, words(q)) for q in (need, offer)), line
        meetings = [r for r in group.reasons if " needs “" in r or " wrote “" in r]
        assert meetings, group.reasons
        for reason in meetings:
            assert any(reason.startswith(n) for n in names) and len(reason) <= 240, reason
        first_names = {n.split()[0] for n in names}
        assert sum(n in group.starter for n in first_names) == 2, group.starter
        assert len(group.starter) <= 200, group.starter


def test_a_shared_budget_word_is_not_sold_as_an_accountant() -> None:
    result = make_groups(
        MatchInput(
            candidates=(
                Candidate("a", "Aoife", needs=("an accountant who understands grant budgets",)),
                Candidate(
                    "c",
                    "Chinedu",
                    offers=("Happy to share what we learned scaling delivery operations with no budget.",),
                ),
            )
        )
    )
    (reason, *_) = result.groups[0].reasons
    assert reason == (
        "Aoife needs “an accountant who understands grant budgets”; Chinedu wrote “Happy to share what "
        "we learned scaling delivery operations with no budget” (a loose match: both say “budget”)."
    )


def test_long_texts_are_quoted_by_the_clause_that_matched() -> None:
    result = make_groups(
        MatchInput(
            candidates=(
                Candidate("j", "Jonas", needs=("Hardware founders, and a translator for German filings.",)),
                Candidate(
                    "a",
                    "Anna",
                    offers=("I translate contracts. I also bake bread and run marathons in spring.",),
                ),
            )
        )
    )
    group = result.groups[0]
    reason = "Jonas needs “a translator for German filings”; Anna wrote “I translate contracts”."
    assert group.reasons[0] == reason
    assert group.starter == (
        "Jonas, you are looking for “a translator for German filings”. Anna, how would you go about it?"
    )


def test_shared_words_are_shown_as_written_never_as_stems() -> None:
    result = make_groups(
        MatchInput(
            candidates=(
                Candidate("a", "Ana", offers=("seo",), needs=("tax",), goal="A practice in Vienna"),
                Candidate("b", "Ben", offers=("tax",), needs=("seo",), goal="Practical tools, Vienna"),
            )
        )
    )
    mentions = [r for r in result.groups[0].reasons if "mention" in r]
    assert mentions in (["Ana and Ben both mention “Vienna”."], ["Ana and Ben both mention “practice”."])
    assert all("practic”" not in r for r in result.groups[0].reasons)


def test_a_quote_keeps_the_closing_bracket_it_opened() -> None:
    assert tidy("tax questions (10 years).") == "tax questions (10 years)"
    assert tidy("(10 years)") == "10 years"
    assert tidy("SEO (technical, on-page…") == "SEO (technical, on-page…"
