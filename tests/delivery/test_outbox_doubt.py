"""The outbox in doubt: a failed delivery check never leads to a second send, and a worker that lost
its claim never overwrites the result of the worker that took the message over."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import OutboundMessage, TransientFailure
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.unit_of_work import SqlStorage
from tests.delivery.conftest import ACME, FakePlatform, VirtualTime, seed
from tests.support.databases import BACKENDS, backend_database


class Crash(BaseException):
    """The process dies: nothing after this point runs, nothing is recorded."""


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with backend_database(request.param, tmp_path) as url:
        engine = create_engine(url)
        await upgrade_to_head(engine)
        try:
            yield engine
        finally:
            await engine.dispose()


def _worker(engine: AsyncEngine, platform: FakePlatform, time: VirtualTime, worker_id: str) -> OutboxWorker:
    return OutboxWorker(
        engine,
        platform,
        time.clock,
        sleep=time.sleep,
        rate_per_second=0,
        lease_seconds=30,
        worker_id=worker_id,
    )


async def _progress(engine: AsyncEngine) -> dict[str, int]:
    async with SqlStorage(engine).transaction(ACME) as uow:
        return await uow.outbox.progress("round:")


async def test_a_failed_delivery_check_keeps_the_message_in_doubt_so_it_is_never_sent_twice(
    engine: AsyncEngine,
) -> None:
    await seed(engine, 1)
    platform, time = FakePlatform(), VirtualTime()

    class DiesAfterSending(FakePlatform):
        async def deliver(self, message: OutboundMessage) -> str:
            await platform.deliver(message)
            raise Crash

    with pytest.raises(Crash):
        await _worker(engine, DiesAfterSending(), time, "dead").drain()

    class HistoryDownOnce(FakePlatform):
        down = True

        async def deliver(self, message: OutboundMessage) -> str:
            return await platform.deliver(message)

        async def was_delivered(self, message: OutboundMessage) -> bool:
            if self.down:
                self.down = False
                raise TransientFailure("history API 503")
            return await platform.was_delivered(message)

    time.clock.advance(timedelta(seconds=31))
    survivor = _worker(engine, HistoryDownOnce(), time, "w2")
    await survivor.drain()
    assert len(platform.keys()) == 1
    time.clock.advance(timedelta(minutes=5))
    stats = await survivor.drain()
    assert len(platform.keys()) == 1, "the message was sent a second time"
    assert stats.reconciled == 1 and await _progress(engine) == {"sent": 1}


async def test_a_worker_that_lost_its_claim_does_not_overwrite_the_new_owners_result(
    engine: AsyncEngine,
) -> None:
    await seed(engine, 1)
    platform, time = FakePlatform(), VirtualTime()
    gate = asyncio.Event()

    class Hangs(FakePlatform):
        async def deliver(self, message: OutboundMessage) -> str:
            await gate.wait()
            raise TransientFailure("timed out after 70 s")  # the platform never got it

    slow = asyncio.create_task(_worker(engine, Hangs(), time, "A").run_once())
    for _ in range(50):  # until A is inside deliver
        await asyncio.sleep(0.01)
        if await _progress(engine) == {"sending": 1}:
            break
    time.clock.advance(timedelta(seconds=31))  # A's lease runs out; B takes the message over
    await _worker(engine, platform, time, "B").drain()
    assert await _progress(engine) == {"sent": 1}
    gate.set()
    await slow
    assert await _progress(engine) == {"sent": 1}, "A's late timeout overwrote B's result"
    time.clock.advance(timedelta(minutes=5))
    await _worker(engine, platform, time, "B").drain()
    assert len(platform.keys()) == 1
