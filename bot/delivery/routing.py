"""One Messenger over several platforms: each message goes to the adapter of its community's platform."""

from __future__ import annotations

from collections.abc import Mapping

from bot.delivery.ports import Messenger, OutboundMessage, TransientFailure


class MessengerByPlatform:
    def __init__(self, messengers: Mapping[str, Messenger]) -> None:
        self._messengers = dict(messengers)

    @property
    def platforms(self) -> frozenset[str]:
        """Give these to OutboxWorker(platforms=...) so it only claims what it can send."""
        return frozenset(self._messengers)

    def _for(self, message: OutboundMessage) -> Messenger:
        messenger = self._messengers.get(message.community.platform)
        if messenger is None:
            raise TransientFailure(f"no {message.community.platform} adapter runs in this process")
        return messenger

    async def deliver(self, message: OutboundMessage) -> str:
        return await self._for(message).deliver(message)

    async def was_delivered(self, message: OutboundMessage) -> bool:
        return await self._for(message).was_delivered(message)
