"""From stored members, profiles, posts and past rounds to the matching engine's input."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import combinations

from bot.domain.models import PostKind, Profile
from bot.domain.round_records import NoReason, Participant, Placement
from bot.domain.round_settings import RoundSettings
from bot.matching.model import Candidate, MatchInput, MatchResult, MatchSettings, PastPairing
from bot.storage.protocols import UnitOfWork

Matcher = Callable[[MatchInput], MatchResult]
"""The matching engine (bot.matching.engine.make_groups) or a test's stand-in."""


async def eligible_now(uow: UnitOfWork, now: datetime) -> list[Participant]:
    """Who the next round matches: opted in, not paused, with a profile, not skipping it."""
    return [p for p in await uow.participants.eligible(now) if not p.skip_next]


async def build_input(
    uow: UnitOfWork, eligible: Sequence[Participant], settings: RoundSettings, group_size: int, now: datetime
) -> MatchInput:
    candidates = tuple((await candidates_of(uow, [p.member_id for p in eligible], now)).values())
    history, last_left_out = await past_pairings(uow, settings.lookback)
    match_settings = MatchSettings(
        group_size=group_size,
        lookback_rounds=settings.lookback,
        odd_member_policy=settings.odd_policy,
        only_real_matches=settings.only_real_matches,
        seed=int(now.timestamp()) // 86400,
    )
    waiting = frozenset(p.member_id for p in eligible if p.waiting) | last_left_out
    blocks = await uow.blocks.pairs()
    return MatchInput(candidates, history, blocks, settings=match_settings, last_odd_ones_out=waiting)


def has_blocked_group(placements: Sequence[Placement], blocks: frozenset[frozenset[str]]) -> bool:
    """Whether any group puts together two members one of whom blocked the other."""
    return any(
        frozenset((a.member_id, b.member_id)) in blocks
        for group in groups_of(placements).values()
        for a, b in combinations(group, 2)
    )


async def candidates_of(uow: UnitOfWork, ids: Sequence[str], now: datetime) -> dict[str, Candidate]:
    """The engine's view of each member with a profile: profile answers plus their open posts."""
    profiles = await uow.profiles.get_many(ids)
    members = await uow.members.get_many(ids)
    posts = await uow.participants.open_posts_by_author(now)
    return {
        m: candidate(profiles[m], members[m].display_name if m in members else m, posts.get(m, []))
        for m in ids
        if m in profiles
    }


def candidate(profile: Profile, name: str, posts: Sequence[tuple[PostKind, str]]) -> Candidate:
    offers = [profile.strengths] if profile.strengths else []
    needs = [profile.looking_for] if profile.looking_for else []
    offers += [text for kind, text in posts if kind is PostKind.OFFER]
    needs += [text for kind, text in posts if kind is PostKind.NEED]
    return Candidate(
        member_id=profile.member_id,
        name=name,
        offers=tuple(offers),
        needs=tuple(needs),
        goal=profile.working_on,
        unique=profile.unique_edge,
        skills=profile.skills,
        timezone=profile.timezone,
        languages=profile.languages,
    )


async def past_pairings(uow: UnitOfWork, lookback: int) -> tuple[tuple[PastPairing, ...], frozenset[str]]:
    """Pairs grouped in the last ``lookback`` rounds (with "not a fit" answers), and the latest
    round's odd ones out (left out, or the extra member of a bigger group)."""
    recent = await uow.rounds.sent(lookback)
    placed = await uow.rounds.placements_of_rounds([r.round_id for r in recent])
    history: list[PastPairing] = []
    for rounds_ago, past in enumerate(recent):
        for group in groups_of(placed[past.round_id]).values():
            not_a_fit = any(p.no_reason is NoReason.NOT_A_FIT for p in group)
            for a, b in combinations(sorted(p.member_id for p in group), 2):
                history.append(PastPairing(a, b, rounds_ago, not_a_fit))
    last_left_out = (
        frozenset(p.member_id for p in placed[recent[0].round_id] if p.group_no is None or p.odd_one_out)
        if recent
        else frozenset()
    )
    return tuple(history), last_left_out


def groups_of(placements: Sequence[Placement]) -> dict[int, list[Placement]]:
    groups: dict[int, list[Placement]] = {}
    for p in placements:
        if p.group_no is not None:
            groups.setdefault(p.group_no, []).append(p)
    return dict(sorted(groups.items()))


def placements_from(result: MatchResult) -> list[Placement]:
    odd = set(result.odd_ones_out)
    placed: list[Placement] = []
    for number, group in enumerate(result.groups, start=1):
        placed.extend(
            Placement(
                m, number, group.score, group.reasons, group.starter, group.is_repeat, odd_one_out=m in odd
            )
            for m in group.members
        )
    placed.extend(
        Placement(u.member_id, None, left_out_reason=u.reason, odd_one_out=u.member_id in odd)
        for u in result.unmatched
    )
    return placed
