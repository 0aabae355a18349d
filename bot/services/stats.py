"""/community stats: a list of sections, each a provider of fields; features append their own.

A section is ``async (uow, window) -> list[Field]``; e.g. intros add theirs with
``core.stats.sections.append(intro_stats_section)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.clock import Clock
from bot.domain.models import Actor, PostKind
from bot.domain.round_records import Answer
from bot.matching.text import CONCEPT_PREFIX, label, terms
from bot.services.members import ensure_member
from bot.services.reply import Field, Reply
from bot.services.rounds_inputs import groups_of
from bot.storage.protocols import Storage, UnitOfWork

DEFAULT_ROUNDS = 8
MAX_ROUNDS = 100
TOP = 5


@dataclass(frozen=True, slots=True)
class StatsWindow:
    """What a section reports on: the last ``rounds`` rounds (which began at ``since``), as of ``now``."""

    rounds: int
    now: datetime
    since: datetime


StatsSection = Callable[[UnitOfWork, StatsWindow], Awaitable[list[Field]]]


class StatsService:
    def __init__(self, storage: Storage, clock: Clock, sections: Iterable[StatsSection] = ()) -> None:
        self._storage = storage
        self._clock = clock
        self.sections: list[StatsSection] = list(sections) or [
            membership_section,
            rounds_section,
            skills_section,
        ]

    async def stats(self, actor: Actor, rounds: int = DEFAULT_ROUNDS) -> Reply:
        count, now = max(1, min(rounds, MAX_ROUNDS)), self._clock.now()
        fields: list[Field] = []
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            recent = await uow.rounds.sent(count)
            # Fewer rounds than asked for: the window is the community's whole history.
            since = recent[-1].created_at if len(recent) == count else datetime.min.replace(tzinfo=UTC)
            window = StatsWindow(count, now, since)
            for section in self.sections:
                fields.extend(await section(uow, window))
        return Reply(title=f"Community stats (last {window.rounds} rounds)", fields=tuple(fields))


async def membership_section(uow: UnitOfWork, window: StatsWindow) -> list[Field]:
    return [
        Field("Members", str(await uow.members.count()), inline=True),
        Field("With a profile", str(await uow.community_stats.count_profiles()), inline=True),
        Field("In match rounds", str(await uow.participants.count_opted_in()), inline=True),
    ]


async def rounds_section(uow: UnitOfWork, window: StatsWindow) -> list[Field]:
    recent = await uow.rounds.sent(window.rounds)
    placed = await uow.rounds.placements_of_rounds([r.round_id for r in recent])
    groups = [group for r in recent for group in groups_of(placed[r.round_id]).values()]
    grouped = [p for group in groups for p in group]
    answered = [p for p in grouped if p.answer is not None]
    groups_answered = [g for g in groups if any(p.answer is not None for p in g)]
    groups_met = [g for g in groups_answered if any(p.answer is Answer.MET for p in g)]
    return [
        Field("Rounds run", str(len(recent)), inline=True),
        Field("Groups made", str(len(groups)), inline=True),
        Field("Check-in answer rate", _share(len(answered), len(grouped)), inline=True),
        Field(
            "Met rate (of groups that answered)", _share(len(groups_met), len(groups_answered)), inline=True
        ),
    ]


async def skills_section(uow: UnitOfWork, window: StatsWindow) -> list[Field]:
    """Top offered and needed skills, and the gaps: most needed and least offered."""
    offered: Counter[str] = Counter()
    needed: Counter[str] = Counter()
    per_member: dict[str, tuple[set[str], set[str]]] = {}
    for member, skills, strengths, looking_for in await uow.community_stats.profile_skills():
        offers, needs = per_member.setdefault(member, (set(), set()))
        offers.update(s.lower() for s in skills)
        offers.update(topics(strengths))
        needs.update(topics(looking_for))
    for author, kind, tags in await uow.community_stats.open_post_tags(window.now):
        offers, needs = per_member.setdefault(author, (set(), set()))
        (offers if kind is PostKind.OFFER else needs).update([*tags, *topics(", ".join(tags))])
    for offers, needs in per_member.values():
        offered.update(offers)
        needed.update(needs)
    gaps = sorted(
        (tag for tag in needed if needed[tag] > offered[tag]), key=lambda t: (offered[t] - needed[t], t)
    )[:TOP]
    return [
        Field("Top offered", _top(offered)),
        Field("Top needed", _top(needed)),
        Field(
            "Gaps (most needed, least offered)",
            ", ".join(f"{t} (needed by {needed[t]}, offered by {offered[t]})" for t in gaps) or "none",
        ),
    ]


def topics(text: str) -> set[str]:
    """The named topics of free text ("fundraising", "web development"), as the matching engine sees them."""
    return {label(term) for term in terms(text) if term.startswith(CONCEPT_PREFIX)}


def _top(counter: Counter[str]) -> str:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return ", ".join(f"{tag} ({count})" for tag, count in ranked) or "none yet"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part} of {whole})" if whole else "no data yet"
