"""The outbox worker in-process: pacing, 429s, retries, permanent failures and crash reconciliation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import (
    DeliveryError,
    FailedDelivery,
    OutboundMessage,
    PermanentFailure,
    RateLimited,
    TransientFailure,
)
from bot.domain.models import CommunityRef
from bot.storage.sql.unit_of_work import SqlStorage
from tests.delivery.conftest import (
    ACME,
    BETA,
    T0,
    Crash,
    DiesAfterSending,
    FakePlatform,
    VirtualTime,
    make_worker,
    round_keys,
    seed,
)


async def test_every_member_gets_one_message_at_the_configured_rate(engine: AsyncEngine) -> None:
    await seed(engine, 10)
    platform, time = FakePlatform(), VirtualTime()
    await make_worker(engine, platform, time, rate_per_second=5).drain()
    assert sorted(platform.keys()) == sorted(key for key, _ in round_keys(10))
    assert [m.recipients for m in platform.accepted][:2] == [("m0",), ("m1",)]
    assert platform.accepted[0].reply.title == "Your match this week"
    # Ten sends at five per second: the first is free, the other nine wait a fifth of a second each.
    assert sum(time.slept) == pytest.approx(9 / 5)


async def test_rate_limited_every_third_call_loses_nothing_and_sends_nothing_twice(
    engine: AsyncEngine,
) -> None:
    await seed(engine, 30)

    def every_third(call: int, _message: OutboundMessage) -> DeliveryError | None:
        return RateLimited(1.0) if call % 3 == 0 else None

    platform, time = FakePlatform(refuse=every_third), VirtualTime()
    stats = await make_worker(engine, platform, time).drain()
    assert sorted(platform.keys()) == sorted(key for key, _ in round_keys(30))
    assert len(platform.keys()) == len(set(platform.keys())) == 30
    # Each 429 paused the whole worker for the second the platform asked for.
    assert stats.rate_limited == platform.calls - 30 >= 14
    assert sum(time.slept) >= stats.rate_limited * 1.0


async def test_transient_failures_back_off_then_succeed(engine: AsyncEngine) -> None:
    await seed(engine, 2)
    flaky = {"round:r1:g0:m0": 2}

    def twice_503(_call: int, message: OutboundMessage) -> DeliveryError | None:
        if flaky.get(message.key, 0) > 0:
            flaky[message.key] -= 1
            return TransientFailure("503 from the platform")
        return None

    platform, time = FakePlatform(refuse=twice_503), VirtualTime()
    worker = make_worker(engine, platform, time, backoff_base_seconds=2.0)
    await worker.drain()
    assert platform.keys() == ["round:r1:g0:m1"]
    # Retry n waits between half and all of 2 s * 2^(n-1): first 1-2 s, then 2-4 s.
    for calls_so_far, too_short, enough in ((2, 0.9, 2.1), (3, 1.9, 4.1)):
        time.clock.advance(timedelta(seconds=too_short))
        await worker.drain()
        assert platform.calls == calls_so_far, "retried before the backoff elapsed"
        time.clock.advance(timedelta(seconds=enough - too_short))
        await worker.drain()
        assert platform.calls == calls_so_far + 1
    assert platform.keys() == ["round:r1:g0:m1", "round:r1:g0:m0"]
    # A timed-out attempt may have gone through: the worker asked before resending.
    assert platform.checks.count("round:r1:g0:m0") == 2


async def test_permanent_failures_are_recorded_reported_and_not_retried(engine: AsyncEngine) -> None:
    await seed(engine, 3)
    await seed(engine, 1, community=BETA)
    reported: list[tuple[CommunityRef, FailedDelivery]] = []

    async def tell_managers(community: CommunityRef, failure: FailedDelivery) -> None:
        reported.append((community, failure))

    def closed_dms(_call: int, message: OutboundMessage) -> DeliveryError | None:
        return PermanentFailure("cannot_dm: user has DMs closed") if "m1" in message.recipients else None

    platform, time = FakePlatform(refuse=closed_dms), VirtualTime()
    await make_worker(engine, platform, time, on_failure=tell_managers).drain()
    time.clock.advance(timedelta(hours=1))
    await make_worker(engine, platform, time).drain()
    # A later pass (an hour on) did not try the refused message again.
    assert sorted((str(m.community), m.key) for m in platform.accepted) == [
        ("discord:G-BETA", "round:r1:g0:m0"),
        ("slack:T-ACME", "round:r1:g0:m0"),
        ("slack:T-ACME", "round:r1:g1:m2"),
    ]
    assert platform.calls == 4
    assert [(c, f.key, f.recipients) for c, f in reported] == [(ACME, "round:r1:g0:m1", ("m1",))]
    async with SqlStorage(engine).transaction(ACME) as uow:
        failed = await uow.outbox.failed_since(T0)
        assert [(f.key, f.reason) for f in failed] == [("round:r1:g0:m1", "cannot_dm: user has DMs closed")]
        assert await uow.outbox.failed_since(T0 + timedelta(minutes=1)) == []
        assert await uow.outbox.progress("round:r1:") == {"sent": 2, "failed": 1}
    async with SqlStorage(engine).transaction(BETA) as uow:
        assert await uow.outbox.failed_since(T0) == []


async def test_gives_up_after_max_attempts(engine: AsyncEngine) -> None:
    await seed(engine, 1)
    platform, time = FakePlatform(refuse=lambda _c, _m: TransientFailure("timeout")), VirtualTime()
    worker = make_worker(engine, platform, time, max_attempts=3, backoff_base_seconds=1.0)
    for _ in range(5):
        await worker.drain()
        time.clock.advance(timedelta(minutes=5))
    assert platform.calls == 3
    async with SqlStorage(engine).transaction(ACME) as uow:
        [failure] = await uow.outbox.failed_since(T0)
    assert failure.reason.startswith("gave up after 3 attempts")


async def test_crash_after_the_platform_accepted_is_reconciled_not_resent(engine: AsyncEngine) -> None:
    await seed(engine, 4)
    platform, time = FakePlatform(), VirtualTime()

    with pytest.raises(Crash):
        await make_worker(
            engine, DiesAfterSending(platform, 2), time, worker_id="dead", lease_seconds=5
        ).drain()
    assert len(platform.keys()) == 2
    survivor = make_worker(engine, platform, time, worker_id="w2", lease_seconds=5)
    await survivor.drain()
    assert len(platform.keys()) == 2, "claims of the dead worker were taken before their lease ran out"
    time.clock.advance(timedelta(seconds=6))
    stats = await survivor.drain()
    assert sorted(platform.keys()) == sorted(key for key, _ in round_keys(4))
    assert stats.reconciled == 1 and stats.sent == 2
    assert platform.checks == ["round:r1:g0:m1"]


async def test_crash_before_the_platform_got_it_sends_once_after_restart(engine: AsyncEngine) -> None:
    await seed(engine, 2)
    platform, time = FakePlatform(), VirtualTime()

    class DiesBeforeSending(FakePlatform):
        async def deliver(self, message: OutboundMessage) -> str:
            raise Crash

    with pytest.raises(Crash):
        await make_worker(engine, DiesBeforeSending(), time).drain()
    # Restarted under the same id: its own old claims are taken back at once, no lease wait.
    await make_worker(engine, platform, time).drain()
    assert sorted(platform.keys()) == ["round:r1:g0:m0", "round:r1:g0:m1"]
    assert platform.checks == ["round:r1:g0:m0"]


async def test_a_worker_claims_only_the_platforms_it_can_reach(engine: AsyncEngine) -> None:
    await seed(engine, 2, community=ACME)
    await seed(engine, 1, community=BETA)
    platform, time = FakePlatform(), VirtualTime()
    await make_worker(engine, platform, time, platforms={"discord"}).drain()
    assert [(m.community, m.key) for m in platform.accepted] == [(BETA, "round:r1:g0:m0")]
    async with SqlStorage(engine).transaction(ACME) as uow:
        assert await uow.outbox.progress("round:") == {"pending": 2}


async def test_rate_limited_while_checking_an_in_doubt_message_neither_loses_nor_duplicates(
    engine: AsyncEngine,
) -> None:
    await seed(engine, 3)
    platform, time = FakePlatform(), VirtualTime()

    with pytest.raises(Crash):
        await make_worker(engine, DiesAfterSending(platform), time).drain()

    class BusyHistory(FakePlatform):
        """The platform's history lookup answers 429 once."""

        limited = False

        async def deliver(self, message: OutboundMessage) -> str:
            return await platform.deliver(message)

        async def was_delivered(self, message: OutboundMessage) -> bool:
            if not self.limited:
                self.limited = True
                raise RateLimited(2.0)
            return await platform.was_delivered(message)

    stats = await make_worker(engine, BusyHistory(), time).drain()
    assert sorted(platform.keys()) == sorted(key for key, _ in round_keys(3))
    assert stats.rate_limited == 1 and stats.reconciled == 1
    assert sum(time.slept) >= 2.0


async def test_shutdown_does_not_wait_out_a_long_retry_after(engine: AsyncEngine) -> None:
    await seed(engine, 2)
    platform = FakePlatform(refuse=lambda _c, _m: RateLimited(60.0))
    worker = OutboxWorker(engine, platform, rate_per_second=0, worker_id="w1")
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run_forever(stop, idle_seconds=0.05))
    for _ in range(100):
        if platform.calls:
            break
        await asyncio.sleep(0.02)
    stop.set()
    async with asyncio.timeout(5):
        await running
    assert platform.calls == 1 and worker.stats.rate_limited == 1
    async with SqlStorage(engine).transaction(ACME) as uow:
        assert await uow.outbox.progress("round:") == {"pending": 2}
