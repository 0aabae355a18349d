"""Membership: members join on their first command, and commands name other members."""

from __future__ import annotations

from datetime import datetime

from bot.domain.errors import NotFound, UserError
from bot.domain.models import Actor, Member
from bot.domain.text import SHORT_FIELD_MAX_CHARS, clean_text
from bot.storage.protocols import UnitOfWork


async def ensure_member(uow: UnitOfWork, actor: Actor, now: datetime) -> Member:
    """The acting member, created (with their community) on first contact, renamed if they were."""
    existing = await uow.members.get(actor.member_id)
    if existing is not None:
        if actor.display_name and existing.display_name != actor.display_name:
            await uow.members.rename(actor.member_id, actor.display_name)
        return existing
    await uow.communities.ensure(name=actor.community.community_id, now=now)
    member = Member(
        member_id=actor.member_id,
        display_name=actor.display_name or actor.member_id,
        joined_at=now,
    )
    await uow.members.add(member)
    return member


async def resolve_member(uow: UnitOfWork, reference: str) -> Member:
    """A member named by id or display name; one clear sentence when none or several match."""
    reference = clean_text(reference, what="the member's name", max_chars=SHORT_FIELD_MAX_CHARS)
    by_id = await uow.members.get(reference)
    if by_id is not None:
        return by_id
    found = await uow.members.find_by_name(reference)
    if not found:
        raise NotFound(f"No member called “{reference}” in this community; check the spelling of their name.")
    if len(found) > 1:
        names = ", ".join(sorted(m.display_name for m in found)[:5])
        raise UserError(f"Several members match “{reference}” ({names}); please use a full name.")
    return found[0]
