"""The round's groups: validate input, score, match, place the odd ones out and explain."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from itertools import combinations

from bot.matching.collector import cycle_collection_paused
from bot.matching.explain import group_meetings, group_reasons, starter
from bot.matching.grouping import Rules, pair_everyone
from bot.matching.model import (
    Candidate,
    Group,
    MatchInput,
    MatchResult,
    OddMemberPolicy,
    Unmatched,
)
from bot.matching.odd_ones import place_odd_ones
from bot.matching.scoring import REAL_MATCH, Scorer, build_profile, history_map
from bot.matching.text import SemanticBackend
from bot.matching.trios import form_trios, split_trio_for

NO_REAL_MATCH = (
    "Nobody this round offers what you need or needs what you offer; add a few more offers or "
    "needs to your profile and you will be matched when someone fits."
)
ODD_ONE_WAITS = (
    "There was an odd number of members this round, so you sit this one out; you will not be "
    "the odd one out next round."
)
ALL_BLOCKED = "Every member you could be grouped with this round is blocked or was just paired."
TOO_FEW = "Not enough members opted in this round to form a group."
# Below this the cycle collector costs little, and the pause is process-wide (collector.py).
COLLECTOR_PAUSE_MIN_MEMBERS = 20_000


def make_groups(match_input: MatchInput, semantic: SemanticBackend | None = None) -> MatchResult:
    """Groups for one round (pure and deterministic for a given input, including the seed)."""
    large = len(match_input.candidates) >= COLLECTOR_PAUSE_MIN_MEMBERS
    with cycle_collection_paused() if large else nullcontext():
        return _make_groups(match_input, semantic)


def _make_groups(match_input: MatchInput, semantic: SemanticBackend | None) -> MatchResult:
    settings = match_input.settings
    if settings.group_size not in (2, 3):
        raise ValueError(f"group_size must be 2 or 3, not {settings.group_size}")
    candidates = _unique_sorted(match_input.candidates)
    index = {c.member_id: i for i, c in enumerate(candidates)}
    profiles = [build_profile(c) for c in candidates]
    history = history_map(match_input.history)
    scorer = Scorer(profiles, history, semantic)
    rules = Rules(
        scorer=scorer,
        blocked=_index_pairs(index, _block_pairs(match_input.blocks)),
        recent=_index_pairs(
            index,
            ((p.a, p.b) for p in match_input.history if p.rounds_ago < settings.lookback_rounds),
        ),
        only_real=settings.only_real_matches,
    )
    pairs, had_partner = pair_everyone(rules, settings.seed)
    paired = {x for p in pairs for x in p}
    free = [i for i in range(len(candidates)) if i not in paired]
    unmatched: list[Unmatched] = []
    if settings.only_real_matches:
        # Someone with a real match who lost out to parity is an odd one out, not unmatchable.
        unmatched = [
            Unmatched(candidates[i].member_id, NO_REAL_MATCH) for i in free if i not in had_partner
        ]
        free = [i for i in free if i in had_partner]
    if settings.group_size == 3 and 2 * len(pairs) + len(free) >= 3:
        groups, free = form_trios(rules, pairs, free)
    else:
        groups = [list(p) for p in pairs]
    last_odd = frozenset(index[m] for m in match_input.last_odd_ones_out if m in index)
    join = settings.odd_member_policy is OddMemberPolicy.TRIO and bool(groups)
    # Pairs may grow to a trio for an odd count; trios never grow to four.
    joined, waiting = place_odd_ones(rules, groups, free, last_odd, join=join, max_size=3)
    if join and settings.group_size == 3:
        split = [f for f in waiting if split_trio_for(rules, groups, f)]
        joined += split
        waiting = [f for f in waiting if f not in split]
    unmatched.extend(Unmatched(candidates[i].member_id, _waiting_reason(rules, i, groups)) for i in waiting)
    result_groups = tuple(sorted((_explain(rules, g) for g in groups), key=lambda g: g.members))
    return MatchResult(
        groups=result_groups,
        unmatched=tuple(sorted(unmatched, key=lambda u: u.member_id)),
        odd_ones_out=tuple(sorted(candidates[i].member_id for i in (*joined, *waiting))),
    )


def _waiting_reason(rules: Rules, i: int, groups: list[list[int]]) -> str:
    n = len(rules.scorer.profiles)
    if n < 2:
        return TOO_FEW
    if not any(rules.allowed(i, j) for j in range(n)):
        return ALL_BLOCKED
    return ODD_ONE_WAITS


def _explain(rules: Rules, members: list[int]) -> Group:
    scorer = rules.scorer
    ordered = sorted(members, key=lambda i: scorer.profiles[i].candidate.member_id)
    score = sum(scorer.pair(a, b) for a, b in combinations(ordered, 2))
    repeats = [(a, b) for a, b in combinations(ordered, 2) if not rules.fresh(a, b)]
    note = None
    if repeats:
        a, b = repeats[0]
        note = (
            f"{scorer.profiles[a].candidate.name} and {scorer.profiles[b].candidate.name} met "
            "recently; no other grouping was possible this round."
        )
    profiles = [scorer.profiles[i] for i in ordered]
    meetings = group_meetings(profiles, scorer)
    return Group(
        members=tuple(p.candidate.member_id for p in profiles),
        score=round(score, 4),
        reasons=tuple(group_reasons(profiles, scorer, note, meetings)),
        starter=starter(profiles, scorer, meetings),
        is_repeat=bool(repeats),
    )


def _unique_sorted(candidates: tuple[Candidate, ...]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in candidates:
        seen.setdefault(c.member_id, c)  # the first profile given for an id wins
    return [seen[k] for k in sorted(seen)]


def _block_pairs(blocks: frozenset[frozenset[str]]) -> Iterable[tuple[str, str]]:
    for pair in blocks:
        if len(pair) == 2:
            a, b = sorted(pair)
            yield a, b


def _index_pairs(index: dict[str, int], pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for a, b in pairs:
        if a in index and b in index and a != b:
            i, j = index[a], index[b]
            out.add((min(i, j), max(i, j)))
    return frozenset(out)


__all__ = ["REAL_MATCH", "make_groups"]
