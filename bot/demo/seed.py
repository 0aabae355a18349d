"""Fills the demo community with its forty members, their intros, offers and needs (once)."""

from __future__ import annotations

import re

from bot.app import Core
from bot.domain.models import Actor, CommunityRef, PostKind
from bot.services.reply import Tone

from .people import DEMO_MEMBERS, DemoMember

DEMO_COMMUNITY = CommunityRef("console", "demo")


def member_id_for(name: str) -> str:
    """A stable, readable id for a console member: their name in lower-case with dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "member"


async def seed_demo(core: Core) -> int:
    """Seed the demo community if it is empty; returns how many members were added."""
    async with core.storage.transaction(DEMO_COMMUNITY) as uow:
        if await uow.members.count() > 0:
            return 0
    for person in DEMO_MEMBERS:
        await _seed_member(core, person)
    return len(DEMO_MEMBERS)


async def _seed_member(core: Core, person: DemoMember) -> None:
    # Through the same services members use, so the seed obeys every validation rule.
    actor = Actor(DEMO_COMMUNITY, member_id_for(person.name), person.name)
    answers = {
        "headline": person.headline,
        "working_on": person.working_on,
        "looking_for": person.looking_for,
        "strengths": person.strengths,
        "unique_edge": person.unique_edge,
        "skills": ", ".join(person.skills),
        "timezone": person.timezone,
        "languages": ", ".join(person.languages),
        "links": ", ".join(person.links),
    }
    await core.profiles.save_intro(actor, answers)
    for text in person.offers:
        await core.board.post(actor, PostKind.OFFER, text)
    for text in person.needs:
        await core.board.post(actor, PostKind.NEED, text)
    # Opted in, so that a manager's /rounds preview or run-now shows real pairings at once.
    joined = await core.router.run(actor, "/rounds join")
    if joined.tone is Tone.ERROR:
        raise ValueError(f"demo member {person.name} could not join rounds: {joined.text}")
