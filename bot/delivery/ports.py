"""The Messenger port: how the core reaches members on a platform, and how sends can fail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.models import CommunityRef
from bot.services.reply import Reply


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A message for one member (a DM) or several (connect them: group DM or private thread).

    ``key`` is the idempotency key: the platform adapter attaches it to the message (Slack message
    metadata, Discord nonce) so that ``was_delivered`` can answer after a crash.
    """

    key: str
    community: CommunityRef
    recipients: tuple[str, ...]
    reply: Reply


@dataclass(frozen=True, slots=True)
class FailedDelivery:
    """A message the platform refused for good (DMs closed, user gone) or that ran out of retries."""

    key: str
    recipients: tuple[str, ...]
    reason: str
    failed_at: datetime


class DeliveryError(Exception):
    """A send that did not go through; the subclass says whether and when to try again."""


class RateLimited(DeliveryError):
    def __init__(self, retry_after: float, detail: str = "rate limited") -> None:
        super().__init__(f"{detail}; retry after {retry_after:.1f}s")
        self.retry_after = retry_after


class TransientFailure(DeliveryError):
    """A 5xx, a timeout, a dropped connection: try again later with backoff."""


class PermanentFailure(DeliveryError):
    """DMs closed, user gone, bot removed: do not retry; tell the community's managers."""


class Messenger(Protocol):
    async def deliver(self, message: OutboundMessage) -> str:
        """Send ``message``; return the platform's reference for it, or raise a DeliveryError."""
        ...

    async def was_delivered(self, message: OutboundMessage) -> bool:
        """Whether a message with ``message.key`` already reached the platform (crash recovery)."""
        ...
