"""APScheduler (3.x, AsyncIOScheduler) armed from the schedules stored in the database.

The database is the source of truth; the in-process scheduler only wakes the sweeper up: one date
job per community at its next round, re-armed after each run and whenever a manager changes a
schedule, plus a periodic sweep for reminders, check-ins, pause ends and delivery progress.
APScheduler's own misfire grace defaults to one second, which would silently drop a round that fires
a little late (a busy loop, a suspended laptop); the jobs get the sweeper's grace window instead.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.services.rounds_due import RoundSweeper
from bot.storage.sql.due import SqlDueWork

log = logging.getLogger(__name__)

SWEEP_JOB = "rounds:sweep"
ROUND_JOB_PREFIX = "rounds:next:"


class RoundScheduler:
    def __init__(
        self,
        sweeper: RoundSweeper,
        due: SqlDueWork,
        *,
        sweep_every: timedelta = timedelta(minutes=1),
        scheduler: AsyncIOScheduler | None = None,
        sweep: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self._sweeper = sweeper
        # What a sweep does: the rounds' due work by default; the app passes Core.run_due so that
        # intro expiry, digests and post reminders ride on the same timer.
        self._run_due = sweep or sweeper.run_due
        self._due = due
        self._sweep_every = sweep_every
        self.scheduler = scheduler or AsyncIOScheduler(timezone=UTC)

    @property
    def grace_seconds(self) -> int:
        return int(self._sweeper.grace.total_seconds())

    async def start(self, *, catch_up: bool = True) -> None:
        """Run what was missed while the bot was down (within the grace window), then arm the jobs."""
        if catch_up:
            await self._run_due()
        self.scheduler.start()
        self.scheduler.add_job(
            self._sweep,
            IntervalTrigger(seconds=self._sweep_every.total_seconds(), timezone=UTC),
            id=SWEEP_JOB,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=self.grace_seconds,
        )
        await self.arm()

    async def arm(self) -> None:
        """One job per stored schedule at its next run; jobs of removed schedules go away."""
        wanted: set[str] = set()
        for community, next_run in await self._due.schedules():
            job_id = f"{ROUND_JOB_PREFIX}{community}"
            wanted.add(job_id)
            self.scheduler.add_job(
                self._fire,
                DateTrigger(run_date=next_run, timezone=UTC),
                id=job_id,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=self.grace_seconds,
            )
        for job in self.scheduler.get_jobs():
            if job.id.startswith(ROUND_JOB_PREFIX) and job.id not in wanted:
                job.remove()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def _fire(self) -> None:
        await self._sweep()
        await self.arm()

    async def _sweep(self) -> None:
        try:
            await self._run_due()
        except Exception:  # a failed sweep must not stop the next one; it is retried then
            log.exception("round sweep failed")
