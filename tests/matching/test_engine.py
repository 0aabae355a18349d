"""Engine behaviour members notice: who gets paired with whom, and what they are told."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest

from bot.matching import trios
from bot.matching.engine import make_groups
from bot.matching.explain import FALLBACK_REASON
from bot.matching.model import (
    Candidate,
    MatchInput,
    MatchSettings,
    OddMemberPolicy,
    PastPairing,
)


def _pairs(result: object) -> set[frozenset[str]]:
    return {frozenset(g.members) for g in result.groups}  # type: ignore[attr-defined]


def test_member_without_complement_still_gets_best_aligned_partner() -> None:
    cands = (
        Candidate("a", "A", offers=("knitting",), needs=("pottery",), timezone="Asia/Tokyo"),
        Candidate("b", "B", offers=("chess",), needs=("baking",), timezone="Asia/Tokyo"),
    )
    (group,) = make_groups(MatchInput(candidates=cands)).groups
    assert group.reasons[0] == FALLBACK_REASON
    assert any("working hours overlap" in r for r in group.reasons)


def test_only_real_matches_leaves_them_unmatched_with_a_reason() -> None:
    cands = (
        Candidate("a", "A", offers=("web development",), needs=("seo",)),
        Candidate("b", "B", offers=("seo",), needs=("a website",)),
        Candidate("c", "C", offers=("knitting",), needs=("pottery",)),
    )
    result = make_groups(
        MatchInput(candidates=cands, settings=MatchSettings(only_real_matches=True))
    )
    assert _pairs(result) == {frozenset({"a", "b"})}
    assert [u.member_id for u in result.unmatched] == ["c"]
    assert "offers what you need" in result.unmatched[0].reason


def test_same_timezone_and_language_break_a_tie() -> None:
    cands = (
        Candidate(
            "a",
            "A",
            offers=("seo",),
            needs=("bookkeeping",),
            timezone="Europe/Berlin",
            languages=("German",),
        ),
        Candidate(
            "b",
            "B",
            offers=("bookkeeping",),
            needs=("seo",),
            timezone="Europe/Paris",
            languages=("German",),
        ),
        Candidate("c", "C", offers=("seo",), needs=("bookkeeping",), timezone="Asia/Tokyo"),
        Candidate(
            "d", "D", offers=("bookkeeping",), needs=("seo",), timezone="America/Los_Angeles"
        ),
    )
    assert frozenset({"a", "b"}) in _pairs(make_groups(MatchInput(candidates=cands)))


def test_recent_and_misfit_pairs_give_way() -> None:
    cands = (
        Candidate("a", "A", offers=("seo",), needs=("bookkeeping",)),
        Candidate("b", "B", offers=("bookkeeping",), needs=("seo",)),
        Candidate("c", "C", offers=("seo",), needs=("bookkeeping",)),
        Candidate("d", "D", offers=("bookkeeping",), needs=("seo",)),
    )
    recent = (PastPairing("a", "b", rounds_ago=2), PastPairing("c", "d", rounds_ago=3))
    result = make_groups(MatchInput(candidates=cands, history=recent))
    assert _pairs(result) == {frozenset({"a", "d"}), frozenset({"b", "c"})}
    misfit = (PastPairing("a", "b", rounds_ago=20, not_a_fit=True),)
    result = make_groups(MatchInput(candidates=cands, history=misfit))
    assert frozenset({"a", "b"}) not in _pairs(result)


def test_unavoidable_repeat_is_flagged_and_explained() -> None:
    cands = (Candidate("a", "A", offers=("seo",)), Candidate("b", "B", needs=("seo",)))
    result = make_groups(
        MatchInput(candidates=cands, history=(PastPairing("a", "b", rounds_ago=0),))
    )
    (group,) = result.groups
    assert group.is_repeat
    assert any("met recently" in r for r in group.reasons)


def test_blocked_pair_is_never_grouped_even_if_only_option() -> None:
    cands = (Candidate("a", "A", offers=("seo",)), Candidate("b", "B", needs=("seo",)))
    result = make_groups(MatchInput(candidates=cands, blocks=frozenset({frozenset({"b", "a"})})))
    assert result.groups == ()
    assert {u.member_id for u in result.unmatched} == {"a", "b"}


def test_odd_member_waits_under_wait_policy() -> None:
    cands = tuple(Candidate(m, m.upper(), offers=("seo",), needs=("seo",)) for m in "abc")
    result = make_groups(
        MatchInput(candidates=cands, settings=MatchSettings(odd_member_policy=OddMemberPolicy.WAIT))
    )
    assert len(result.groups) == 1 and len(result.unmatched) == 1
    assert result.odd_ones_out == (result.unmatched[0].member_id,)


def test_groups_of_three_with_a_remainder_of_one_make_two_pairs_never_a_four() -> None:
    cands = tuple(Candidate(f"m{i}", f"M{i}", offers=("seo",), needs=("tax",)) for i in range(7))
    result = make_groups(MatchInput(candidates=cands, settings=MatchSettings(group_size=3)))
    assert sorted(len(g.members) for g in result.groups) == [2, 2, 3]
    assert len(result.odd_ones_out) == 1 and result.unmatched == ()


def test_groups_of_three_when_the_core_window_misses_singles(monkeypatch: pytest.MonkeyPatch) -> None:
    # At 20,000 members each single only tries a window of cores; singles the window missed
    # ended as two pairs plus a group of four. A window of two cores reproduces it on 23 members
    # (8 pairs, a trio and a four).
    monkeypatch.setattr(trios, "ALL_CORES_LIMIT", 0)
    monkeypatch.setattr(trios, "LEFTOVER_WINDOW", 2)
    skills = ["seo", "tax", "web development", "pitch coaching", "contract law", "ux design"]
    cands = tuple(
        Candidate(f"m{i:02d}", f"M{i}", offers=(skills[i % 6],), needs=(skills[(i * 5 + 1) % 6],))
        for i in range(23)
    )
    result = make_groups(MatchInput(candidates=cands, settings=MatchSettings(group_size=3)))
    assert sorted(len(g.members) for g in result.groups) == [2] + [3] * 7
    assert sorted(m for g in result.groups for m in g.members) == [c.member_id for c in cands]


def test_large_community_uses_sparse_graph_and_places_everyone() -> None:
    skills = ["seo", "tax", "web development", "pitch coaching", "contract law", "ux design"]
    cands = tuple(
        Candidate(f"m{i:04d}", f"M{i}", offers=(skills[i % 6],), needs=(skills[(i * 5 + 1) % 6],))
        for i in range(801)
    )
    result = make_groups(MatchInput(candidates=cands))
    placed = sorted(m for g in result.groups for m in g.members)
    assert placed == sorted(c.member_id for c in cands)
    assert sum(len(g.members) == 3 for g in result.groups) == 1


def test_only_real_matches_odd_member_with_a_real_match_joins_as_third() -> None:
    cands = tuple(Candidate(m, m.upper(), offers=("seo",), needs=("seo",)) for m in "abc")
    result = make_groups(
        MatchInput(candidates=cands, settings=MatchSettings(only_real_matches=True))
    )
    assert [len(g.members) for g in result.groups] == [3]
    assert result.unmatched == ()


def test_the_odd_member_joins_the_pair_they_complement_most() -> None:
    # Five members: two pairs form, and the fifth, a tax adviser, joins the pair whose member
    # needs tax help rather than the pair that has nothing to do with tax.
    cands = (
        Candidate("a", "Ana", offers=("web development",), needs=("SEO",)),
        Candidate("b", "Ben", offers=("SEO",), needs=("a website",)),
        Candidate("c", "Cem", offers=("pitch coaching",), needs=("contract law",)),
        Candidate("d", "Dora", offers=("contract law",), needs=("tax questions", "pitch deck review")),
        Candidate("e", "Eli", offers=("tax questions for founders",), needs=("knitting",)),
    )
    result = make_groups(MatchInput(candidates=cands))
    assert _pairs(result) == {frozenset({"a", "b"}), frozenset({"c", "d", "e"})}
    assert result.odd_ones_out == ("e",)


class _SynonymBackend:
    """A stand-in for an embedding model: it knows two phrasings mean the same thing, and
    counts how often it is asked (a real model is slow)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def similarity(self, need_text: str, offer_text: str) -> float:
        self.asked.append((need_text, offer_text))
        return 0.9 if (need_text, offer_text) == ("someone to keep my books", "I do accounts") else 0.0


def test_a_semantic_backend_finds_matches_words_alone_miss() -> None:
    cands = (
        Candidate("a", "Ana", needs=("someone to keep my books",), offers=("gardening",)),
        Candidate("b", "Ben", offers=("I do accounts",), needs=("pottery",)),
        Candidate("c", "Cem", offers=("knitting",), needs=("chess",)),
    )
    only_real = MatchSettings(only_real_matches=True, odd_member_policy=OddMemberPolicy.WAIT)
    assert make_groups(MatchInput(candidates=cands, settings=only_real)).groups == ()
    backend = _SynonymBackend()
    result = make_groups(MatchInput(candidates=cands, settings=only_real), semantic=backend)
    assert _pairs(result) == {frozenset({"a", "b"})}
    assert len(backend.asked) == len(set(backend.asked)) == 6  # each need/offer pair once


def test_a_large_community_after_eight_rounds_of_its_own_gets_no_repeats() -> None:
    # 601 members (the sparse path, an odd count) with few skills, so the best partners are
    # few and the last eight rounds took them; fresh groupings exist, so round nine may hold
    # no recent pair and no blocked one.
    rng = random.Random(3)
    skills = ["seo", "tax", "web development", "pitch coaching", "contract law", "ux design", "sales"]
    ids = [f"m{i:04d}" for i in range(601)]
    cands = tuple(
        Candidate(m, m.upper(), offers=(rng.choice(skills),), needs=(rng.choice(skills),)) for m in ids
    )
    blocks = frozenset(frozenset(rng.sample(ids, 2)) for _ in range(60))
    rounds: list[list[tuple[str, ...]]] = []
    for _ in range(9):
        history = tuple(
            PastPairing(a, b, rounds_ago=ago)
            for ago, groups in enumerate(reversed(rounds))
            for members in groups
            for a, b in itertools.combinations(members, 2)
        )
        result = make_groups(MatchInput(candidates=cands, history=history, blocks=blocks))
        rounds.append([g.members for g in result.groups])
    met = {frozenset((p.a, p.b)) for p in history}
    grouped_pairs = [frozenset(p) for g in result.groups for p in itertools.combinations(g.members, 2)]
    assert sorted(m for g in result.groups for m in g.members) == ids
    assert not [p for p in grouped_pairs if p in met]
    assert not [p for p in grouped_pairs if p in blocks]
    assert not any(g.is_repeat for g in result.groups)


@pytest.mark.parametrize(
    "member",
    [
        lambda i: Candidate(f"m{i:04d}", f"M{i}"),  # nothing written at all
        lambda i: Candidate(f"m{i:04d}", f"M{i}", offers=("python",)),  # offers nobody needs
        lambda i: Candidate(f"m{i:04d}", f"M{i}", goal="climate startup"),  # goals only
    ],
)
def test_a_large_community_with_no_complementary_pair_still_pairs_everyone(
    member: Callable[[int], Candidate],
) -> None:
    cands = tuple(member(i) for i in range(301))  # above the complete-graph limit
    result = make_groups(MatchInput(candidates=cands))
    assert sum(len(g.members) for g in result.groups) == 301
    assert all(g.reasons[0] == FALLBACK_REASON for g in result.groups)
    only_real = make_groups(MatchInput(candidates=cands, settings=MatchSettings(only_real_matches=True)))
    assert only_real.groups == () and len(only_real.unmatched) == 301
