"""Use cases of blocks: a block stops /find, intros and match rounds between two members, both ways."""

from __future__ import annotations

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.intros import IntroStatus
from bot.domain.models import Actor
from bot.services.intros import close_request
from bot.services.member_refs import take_member
from bot.services.members import ensure_member
from bot.services.reply import Reply
from bot.storage.protocols import Storage


class BlockService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def block(self, actor: Actor, args: str) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, now)
            if not args.strip():
                blocked = await uow.members.get_many(await uow.blocks.blocked_by(me.member_id))
                names = ", ".join(sorted(m.display_name for m in blocked.values())) or "nobody"
                return Reply(text=f"You have blocked: {names}. /block <member> adds one, /unblock removes.")
            other, _ = await take_member(uow, args, "/block <member>")
            if other.member_id == me.member_id:
                raise UserError("You cannot block yourself.")
            await uow.blocks.add(me.member_id, other.member_id, now)
            for request in await uow.intros.open_between(me.member_id, other.member_id, now):
                await close_request(uow, request, IntroStatus.DECLINED, now, declined_by=me.member_id)
        return Reply.success(
            f"Blocked {other.display_name}: you will not be found by, matched with or introduced to each "
            "other. They are not told."
        )

    async def unblock(self, actor: Actor, args: str) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, self._clock.now())
            other, _ = await take_member(uow, args, "/unblock <member>")
            removed = await uow.blocks.remove(me.member_id, other.member_id)
        if not removed:
            return Reply(text=f"You had not blocked {other.display_name}.")
        return Reply.success(f"Unblocked {other.display_name}.")
