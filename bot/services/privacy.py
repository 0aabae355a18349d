"""Use cases of a member's own data: export it all as JSON, or delete it all after confirming."""

from __future__ import annotations

import json

from bot.domain.clock import Clock
from bot.domain.models import Actor
from bot.services.members import ensure_member
from bot.services.reply import Attachment, Button, ButtonStyle, Reply
from bot.storage.protocols import Storage

DELETE_CONFIRM_ACTION = "my-data.delete-confirm"


class PrivacyService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def export(self, actor: Actor) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            data = await uow.export_member(actor.member_id)
        document = {
            "community": str(actor.community),
            "member_id": actor.member_id,
            "exported_at": now.isoformat(),
            "data": data,
        }
        content = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)
        return Reply(
            text="Here is everything partnerbot stores about you in this community.",
            attachment=Attachment(f"partnerbot-{actor.member_id}.json", content),
        )

    def ask_delete(self, actor: Actor) -> Reply:
        del actor
        return Reply(
            title="Delete all your data?",
            text=(
                "This removes your intro, your offers and needs and your membership here. "
                "It cannot be undone. Confirm with /my-data delete confirm or the button."
            ),
            buttons=(Button("Delete everything", DELETE_CONFIRM_ACTION, style=ButtonStyle.DANGER),),
        )

    async def delete(self, actor: Actor) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            await uow.forget_member(actor.member_id)
        return Reply.success("Done: everything partnerbot stored about you in this community is deleted.")
