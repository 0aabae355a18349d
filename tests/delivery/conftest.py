"""Fakes and helpers of the delivery tests: a recording messenger and a seeded outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.ports import DeliveryError, OutboundMessage
from bot.domain.clock import ManualClock
from bot.domain.models import CommunityRef
from bot.services.reply import Reply
from bot.services.reply_codec import reply_to_dict
from bot.storage.sql.unit_of_work import SqlStorage

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ACME = CommunityRef("slack", "T-ACME")
BETA = CommunityRef("discord", "G-BETA")


@dataclass
class FakePlatform:
    """What the platform saw: every accepted message, and the refusals it was told to make."""

    accepted: list[OutboundMessage] = field(default_factory=list)
    calls: int = 0
    refuse: Callable[[int, OutboundMessage], DeliveryError | None] = lambda _n, _m: None
    checks: list[str] = field(default_factory=list)

    async def deliver(self, message: OutboundMessage) -> str:
        self.calls += 1
        error = self.refuse(self.calls, message)
        if error is not None:
            raise error
        self.accepted.append(message)
        return f"ts-{len(self.accepted)}"

    async def was_delivered(self, message: OutboundMessage) -> bool:
        self.checks.append(message.key)
        return any(m.key == message.key and m.community == message.community for m in self.accepted)

    def keys(self) -> list[str]:
        return [m.key for m in self.accepted]


class VirtualTime:
    """A ManualClock and a sleep that moves it: pacing and pauses cost no real time."""

    def __init__(self) -> None:
        self.clock = ManualClock(T0)
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        from datetime import timedelta

        self.slept.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))


def round_keys(count: int, round_id: str = "r1") -> list[tuple[str, str]]:
    """(idempotency key, member) for one DM per member of a round."""
    return [(f"round:{round_id}:g{i // 2}:m{i}", f"m{i}") for i in range(count)]


async def seed(engine: AsyncEngine, count: int, community: CommunityRef = ACME, now: datetime = T0) -> None:
    storage = SqlStorage(engine)
    async with storage.transaction(community) as uow:
        for key, member in round_keys(count):
            payload = reply_to_dict(Reply(title="Your match this week", text=f"Meet your partner, {member}."))
            await uow.outbox.enqueue(key, [member], payload, now)
