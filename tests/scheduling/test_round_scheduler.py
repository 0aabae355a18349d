"""APScheduler armed from stored schedules: a late job still runs within the grace window."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.rounds import Cadence, Schedule
from bot.scheduling.rounds import ROUND_JOB_PREFIX, RoundScheduler
from bot.storage.sql.due import SqlDueWork
from tests.services.rounds_support import MANAGER, join_many, open_test_core, queued


async def _schedule_due_at(core, next_run: datetime) -> None:  # type: ignore[no-untyped-def]
    async with core.storage.transaction(MANAGER.community) as uow:
        await uow.communities.ensure("demo", next_run)
        schedule = Schedule(Cadence.WEEKLY, next_run.weekday(), next_run.time(), "UTC")
        await uow.schedules.save(schedule, next_run, MANAGER.member_id, next_run)


async def _wait_for(predicate, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if await predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_a_job_three_hours_late_still_runs_because_the_grace_is_set(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    core, _ = await open_test_core(tmp_path, start=now)
    await join_many(core, 2)
    await _schedule_due_at(core, now - timedelta(hours=3))
    scheduler = RoundScheduler(core.round_sweeper, SqlDueWork(core.engine), sweep_every=timedelta(hours=1))
    assert scheduler.grace_seconds == 6 * 3600  # not APScheduler's one-second default
    await scheduler.start(catch_up=False)  # only APScheduler's own firing can run the round
    try:
        assert await _wait_for(lambda: _has_pairings(core))
    finally:
        scheduler.shutdown()
    await core.close()


async def test_arming_follows_the_schedules_a_manager_sets_and_cancels(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path, start=datetime.now(UTC))
    scheduler = RoundScheduler(core.round_sweeper, SqlDueWork(core.engine))
    core.round_managers.schedule_listeners.append(scheduler.arm)
    await scheduler.start()
    try:
        await core.router.run(MANAGER, "/rounds schedule weekly friday 10:00 Europe/Lisbon")
        [job] = [j for j in scheduler.scheduler.get_jobs() if j.id.startswith(ROUND_JOB_PREFIX)]
        assert job.misfire_grace_time == 6 * 3600 and job.coalesce
        assert job.next_run_time.astimezone(UTC).weekday() == 4
        await core.router.run(MANAGER, "/rounds cancel")
        assert [j for j in scheduler.scheduler.get_jobs() if j.id.startswith(ROUND_JOB_PREFIX)] == []
    finally:
        scheduler.shutdown()
    await core.close()


async def _has_pairings(core) -> bool:  # type: ignore[no-untyped-def]
    return bool(await queued(core, "round:"))
