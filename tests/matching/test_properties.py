"""Properties every round must have, checked on many generated communities (hypothesis)."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.matching.engine import make_groups
from bot.matching.model import (
    Candidate,
    MatchInput,
    MatchResult,
    MatchSettings,
    OddMemberPolicy,
    PastPairing,
)
from bot.matching.scoring import Scorer, build_profile, history_map

SKILLS = [
    "web development",
    "seed funding",
    "pitch coaching",
    "contract law",
    "seo",
    "bookkeeping",
    "ux design",
    "python",
    "hiring",
    "knitting",
]


@st.composite
def communities(draw: st.DrawFn, max_members: int = 11) -> MatchInput:
    n = draw(st.integers(0, max_members))
    ids = [f"m{i}" for i in range(n)]
    skill_lists = st.lists(st.sampled_from(SKILLS), max_size=3, unique=True).map(tuple)
    cands = tuple(
        Candidate(
            m,
            m.upper(),
            offers=draw(skill_lists),
            needs=draw(skill_lists),
            languages=draw(st.sampled_from([(), ("en",), ("es",)])),
        )
        for m in ids
    )
    all_pairs = list(itertools.combinations(ids, 2))
    pair = st.sampled_from(all_pairs) if all_pairs else st.nothing()
    blocks = draw(st.lists(pair, max_size=4)) if all_pairs else []
    past = (
        draw(st.lists(st.tuples(pair, st.integers(0, 12), st.booleans()), max_size=8)) if (all_pairs) else []
    )
    return MatchInput(
        candidates=cands,
        history=tuple(PastPairing(a, b, ago, misfit) for (a, b), ago, misfit in past),
        blocks=frozenset(frozenset(p) for p in blocks),
        last_odd_ones_out=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2)) if ids else []),
        settings=MatchSettings(
            group_size=draw(st.sampled_from([2, 3])),
            odd_member_policy=draw(st.sampled_from(list(OddMemberPolicy))),
            only_real_matches=draw(st.booleans()),
            seed=draw(st.integers(0, 3)),
        ),
    )


def _ids(mi: MatchInput) -> list[str]:
    return [c.member_id for c in mi.candidates]


@settings(max_examples=150, deadline=None)
@given(communities())
def test_everyone_placed_once_no_blocked_pair_valid_sizes(mi: MatchInput) -> None:
    result = make_groups(mi)
    placed = [m for g in result.groups for m in g.members] + [u.member_id for u in result.unmatched]
    assert sorted(placed) == sorted(_ids(mi))
    for g in result.groups:
        for a, b in itertools.combinations(g.members, 2):
            assert frozenset((a, b)) not in mi.blocks
        size = mi.settings.group_size
        # Pairs may become a trio for an odd count; a group of four never happens.
        assert len(g.members) in (2, 3), f"group_size={size} gave {g.members}"
    bigger = [g for g in result.groups if len(g.members) > mi.settings.group_size]
    assert len(bigger) <= len(result.odd_ones_out)
    assert abs(result.total_score - sum(g.score for g in result.groups)) < 1e-9


@settings(max_examples=60, deadline=None)
@given(communities())
def test_same_input_same_groups_whatever_the_order(mi: MatchInput) -> None:
    shuffled = MatchInput(
        candidates=tuple(reversed(mi.candidates)),
        history=mi.history,
        blocks=mi.blocks,
        last_odd_ones_out=mi.last_odd_ones_out,
        settings=mi.settings,
    )
    assert make_groups(mi) == make_groups(mi) == make_groups(shuffled)


def _fresh_perfect_matching_exists(mi: MatchInput) -> bool:
    recent = {frozenset((p.a, p.b)) for p in mi.history if p.rounds_ago < 8}
    g = nx.Graph()
    g.add_nodes_from(_ids(mi))
    for a, b in itertools.combinations(_ids(mi), 2):
        if frozenset((a, b)) not in recent and frozenset((a, b)) not in mi.blocks:
            g.add_edge(a, b)
    return len(nx.max_weight_matching(g, maxcardinality=True)) * 2 == len(mi.candidates)


@settings(max_examples=150, deadline=None)
@given(communities(max_members=10))
def test_no_repeat_within_lookback_when_avoidable(mi: MatchInput) -> None:
    if len(mi.candidates) % 2 or mi.settings.only_real_matches or mi.settings.group_size != 2:
        return
    result = make_groups(mi)
    if _fresh_perfect_matching_exists(mi):
        assert not any(g.is_repeat for g in result.groups)
        recent = {frozenset((p.a, p.b)) for p in mi.history if p.rounds_ago < 8}
        assert all(frozenset(g.members) not in recent for g in result.groups)


@settings(max_examples=80, deadline=None)
@given(communities(), st.data())
def test_odd_one_out_is_not_the_same_member_twice(mi: MatchInput, data: st.DataObject) -> None:
    if len(mi.candidates) % 2 == 0 or len(mi.candidates) < 3 or mi.blocks:
        return
    first = make_groups(
        MatchInput(
            candidates=mi.candidates,
            settings=MatchSettings(odd_member_policy=mi.settings.odd_member_policy),
        )
    )
    assert len(first.odd_ones_out) == 1
    second = make_groups(
        MatchInput(
            candidates=mi.candidates,
            last_odd_ones_out=frozenset(first.odd_ones_out),
            settings=first_settings(mi),
        )
    )
    assert set(second.odd_ones_out).isdisjoint(first.odd_ones_out)


def first_settings(mi: MatchInput) -> MatchSettings:
    return MatchSettings(odd_member_policy=mi.settings.odd_member_policy)


@settings(max_examples=60, deadline=None)
@given(communities())
def test_only_real_matches_leaves_nobody_paired_without_a_meeting(mi: MatchInput) -> None:
    if not mi.settings.only_real_matches or mi.settings.group_size != 2:
        return
    result = make_groups(mi)
    for g in result.groups:
        assert any(" needs " in r and " offers " in r for r in g.reasons)
    for u in result.unmatched:
        assert u.reason


def _score_graph(mi: MatchInput) -> tuple[nx.Graph, dict[str, int]]:
    cands = sorted(mi.candidates, key=lambda c: c.member_id)
    scorer = Scorer([build_profile(c) for c in cands], history_map(mi.history))
    index = {c.member_id: i for i, c in enumerate(cands)}
    g = nx.Graph()
    for i, j in itertools.combinations(range(len(cands)), 2):
        g.add_edge(i, j, weight=scorer.pair(i, j))
    return g, index


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 20).map(lambda k: 2 * k), st.integers(0, 10_000))
# Instances whose optimum is a rotation of six pairs away from a local optimum (98.0-98.9%
# before kicks could dissolve that many pairs).
@example(18, 7275)
@example(40, 9118)
def test_total_is_at_least_99_percent_of_exact(n: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    cands = tuple(
        Candidate(
            f"m{i:02d}",
            f"M{i}",
            offers=tuple(rng.sample(SKILLS, rng.randint(1, 3))),
            needs=tuple(rng.sample(SKILLS, rng.randint(1, 3))),
            timezone=rng.choice(["Europe/Berlin", "America/New_York", None]),
        )
        for i in range(n)
    )
    mi = MatchInput(candidates=cands)
    result: MatchResult = make_groups(mi)
    g, _ = _score_graph(mi)
    exact = nx.max_weight_matching(g, maxcardinality=True)
    best = sum(g[a][b]["weight"] for a, b in exact)
    assert result.total_score >= 0.99 * best - 1e-6
