"""Fakes and helpers of the delivery tests: a recording messenger and a seeded outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import DeliveryError, OutboundMessage
from bot.domain.clock import ManualClock
from bot.domain.models import CommunityRef
from bot.services.reply import Reply
from bot.services.reply_codec import reply_to_dict
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.unit_of_work import SqlStorage
from tests.support.databases import BACKENDS, backend_database

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


class Crash(BaseException):
    """The process dies: nothing after this point runs, nothing is recorded."""


@dataclass
class DiesAfterSending:
    """Forwards to ``platform``, then dies right after the platform accepted its ``nth`` message:
    the crash between the platform's yes and the outbox recording it."""

    platform: FakePlatform
    nth: int = 1

    async def deliver(self, message: OutboundMessage) -> str:
        ref = await self.platform.deliver(message)
        if self.platform.calls == self.nth:
            raise Crash
        return ref

    async def was_delivered(self, message: OutboundMessage) -> bool:
        return await self.platform.was_delivered(message)


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


def make_worker(engine: AsyncEngine, platform: Any, time: VirtualTime, **options: Any) -> OutboxWorker:
    """A worker on virtual time, unpaced, with a 30 s lease unless told otherwise."""
    settings: dict[str, Any] = {"rate_per_second": 0, "lease_seconds": 30, "worker_id": "w1"} | options
    return OutboxWorker(engine, platform, time.clock, sleep=time.sleep, **settings)


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A migrated database on each backend (Postgres skipped loudly when none answers)."""
    async with backend_database(request.param, tmp_path) as url:
        engine = create_engine(url)
        await upgrade_to_head(engine)
        try:
            yield engine
        finally:
            await engine.dispose()
