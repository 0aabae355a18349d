"""The outbox in doubt: a failed delivery check never leads to a second send, and a worker that lost
its claim never overwrites the result of the worker that took the message over."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.ports import OutboundMessage, TransientFailure
from bot.storage.sql.unit_of_work import SqlStorage
from tests.delivery.conftest import (
    ACME,
    Crash,
    DiesAfterSending,
    FakePlatform,
    VirtualTime,
    make_worker,
    seed,
)


async def _progress(engine: AsyncEngine) -> dict[str, int]:
    async with SqlStorage(engine).transaction(ACME) as uow:
        return await uow.outbox.progress("round:")


async def test_a_failed_delivery_check_keeps_the_message_in_doubt_so_it_is_never_sent_twice(
    engine: AsyncEngine,
) -> None:
    await seed(engine, 1)
    platform, time = FakePlatform(), VirtualTime()

    with pytest.raises(Crash):
        await make_worker(engine, DiesAfterSending(platform), time, worker_id="dead").drain()

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
    survivor = make_worker(engine, HistoryDownOnce(), time, worker_id="w2")
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

    slow = asyncio.create_task(make_worker(engine, Hangs(), time, worker_id="A").run_once())
    for _ in range(50):  # until A is inside deliver
        await asyncio.sleep(0.01)
        if await _progress(engine) == {"sending": 1}:
            break
    time.clock.advance(timedelta(seconds=31))  # A's lease runs out; B takes the message over
    await make_worker(engine, platform, time, worker_id="B").drain()
    assert await _progress(engine) == {"sent": 1}
    gate.set()
    await slow
    assert await _progress(engine) == {"sent": 1}, "A's late timeout overwrote B's result"
    time.clock.advance(timedelta(minutes=5))
    await make_worker(engine, platform, time, worker_id="B").drain()
    assert len(platform.keys()) == 1
