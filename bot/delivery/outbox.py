"""The outbox worker: sends queued messages once each, paced, through crashes, 429s and outages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.pacing import Sleep, TokenBucket, backoff_seconds
from bot.delivery.ports import (
    FailedDelivery,
    Messenger,
    OutboundMessage,
    PermanentFailure,
    RateLimited,
    TransientFailure,
)
from bot.domain.clock import Clock, SystemClock
from bot.domain.models import CommunityRef
from bot.services.reply_codec import reply_from_dict
from bot.storage.sql.outbox_queue import ClaimedMessage, Delivered, OutboxQueue

log = logging.getLogger("partnerbot.delivery")

FailureHook = Callable[[CommunityRef, FailedDelivery], Awaitable[None]]


class Outcome(Enum):
    SENT = "sent"
    RECONCILED = "reconciled"
    RESCHEDULED = "rescheduled"
    RATE_LIMITED = "rate_limited"
    FAILED = "failed"
    LOST_CLAIM = "lost_claim"


@dataclass
class WorkerStats:
    sent: int = 0
    reconciled: int = 0
    rescheduled: int = 0
    rate_limited: int = 0
    failed: int = 0


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class OutboxWorker:
    """Claims due messages under a lease and sends them through the Messenger port.

    Every send is bracketed: the row is marked 'sending' (and committed) before the platform is
    called and 'sent' after (in the same commit as the next message's 'sending' mark). A crash in
    between leaves it 'sending'; once its lease runs out, any worker asks the platform whether the
    key was delivered instead of sending it again.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        messenger: Messenger,
        clock: Clock | None = None,
        *,
        rate_per_second: float = 5.0,
        worker_id: str | None = None,
        lease_seconds: float = 60.0,
        batch_size: int = 20,
        max_attempts: int = 10,
        backoff_base_seconds: float = 2.0,
        sleep: Sleep = asyncio.sleep,
        on_failure: FailureHook | None = None,
        rng: random.Random | None = None,
        platforms: Collection[str] | None = None,
    ) -> None:
        self._messenger = messenger
        self._clock = clock or SystemClock()
        self._sleep = sleep
        self._queue = OutboxQueue(engine, worker_id or default_worker_id(), timedelta(seconds=lease_seconds))
        self._bucket = TokenBucket(rate_per_second, self._clock, sleep)
        # Never claim more than the pace lets us send within half a lease, so claims do not expire
        # while they wait their turn.
        paced = int(rate_per_second * lease_seconds / 2) if rate_per_second > 0 else batch_size
        self._batch_size = max(1, min(batch_size, paced))
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base_seconds
        self._on_failure = on_failure
        self._rng = rng or random.Random()
        # Messages of platforms this process has no adapter for wait for a process that has one.
        self._platforms = platforms
        self._paused_until = self._clock.now()
        self._started = False
        self._delivered: Delivered | None = None
        self.stats = WorkerStats()

    @property
    def worker_id(self) -> str:
        return self._queue.worker_id

    async def run_once(self) -> int:
        """Claim one batch and handle it; the number of messages claimed (0: nothing is due)."""
        if not self._started:
            # A previous run under the same id cannot be sending any more: reclaim its rows now.
            await self._queue.release_mine(self._clock.now())
            self._started = True
        await self._wait_out_pause()
        async with self._queue.session():
            batch = await self._queue.claim(self._clock.now(), self._batch_size, self._platforms)
            try:
                for index, message in enumerate(batch):
                    if await self._handle(message) is Outcome.RATE_LIMITED:
                        # The platform limit is global: hand the rest back rather than hold them while paused.
                        await self._queue.release([m.message_id for m in batch[index + 1 :]])
                        break
            finally:
                await self._record_delivered()
        return len(batch)

    async def _record_delivered(self) -> None:
        if self._delivered is not None:
            delivered, self._delivered = self._delivered, None
            await self._queue.mark_sent(delivered)

    async def drain(self) -> WorkerStats:
        """Handle messages until none is due now (later retries stay scheduled)."""
        while await self.run_once():
            pass
        return self.stats

    async def unfinished(self) -> int:
        return await self._queue.unfinished()

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 1.0) -> None:
        """Deliver until ``stop`` is set, polling every ``idle_seconds`` when the queue is empty."""
        while not stop.is_set():
            paused = (self._paused_until - self._clock.now()).total_seconds()
            if paused > 0:
                # Wait out a platform's Retry-After here, where a shutdown can interrupt it.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=paused)
                continue
            try:
                claimed = await self.run_once()
            except Exception:
                # A database hiccup must not kill delivery for good; the leases make retrying safe.
                log.exception("outbox worker pass failed", extra={"worker": self.worker_id})
                claimed = 0
            if not claimed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=idle_seconds)

    async def _wait_out_pause(self) -> None:
        remaining = (self._paused_until - self._clock.now()).total_seconds()
        if remaining > 0:
            await self._sleep(remaining)

    async def _handle(self, claimed: ClaimedMessage) -> Outcome:
        message = OutboundMessage(
            claimed.key, claimed.community, claimed.recipients, reply_from_dict(claimed.payload)
        )
        if claimed.in_doubt:
            outcome = await self._reconcile(claimed, message)
            if outcome is not None:
                return outcome
        await self._bucket.take()
        delivered, self._delivered = self._delivered, None
        if not await self._queue.mark_sending(claimed.message_id, self._clock.now(), delivered):
            return Outcome.LOST_CLAIM
        try:
            platform_ref = await self._messenger.deliver(message)
        except RateLimited as limit:
            return await self._rate_limited(claimed, limit)
        except PermanentFailure as refusal:
            return await self._fail(claimed, str(refusal) or refusal.__class__.__name__)
        except Exception as error:
            # TransientFailure, or anything unexpected from an adapter: retried, but not forever.
            return await self._transient(claimed, error)
        # Recorded with the next message's 'sending' mark (or at the end of the batch); a crash
        # before that leaves it in doubt, and reconciliation finds it delivered.
        self._delivered = Delivered(claimed.message_id, platform_ref, self._clock.now())
        self.stats.sent += 1
        log.debug("sent", extra={"community": str(claimed.community), "key": claimed.key})
        return Outcome.SENT

    async def _reconcile(self, claimed: ClaimedMessage, message: OutboundMessage) -> Outcome | None:
        """Settle a message that may have been delivered already; None means: send it."""
        try:
            delivered = await self._messenger.was_delivered(message)
        except RateLimited as limit:
            return await self._rate_limited(claimed, limit, attempt_made=False)
        except Exception as error:
            # Not knowing is not a reason to send twice: ask again later.
            when = self._clock.now() + timedelta(
                seconds=backoff_seconds(1, self._backoff_base, rng=self._rng)
            )
            if not await self._queue.recheck_at(claimed.message_id, when, f"reconcile: {error}"):
                return Outcome.LOST_CLAIM
            self.stats.rescheduled += 1
            return Outcome.RESCHEDULED
        if not delivered:
            return None
        await self._queue.mark_sent(Delivered(claimed.message_id, "reconciled", self._clock.now()))
        self.stats.reconciled += 1
        log.info(
            "in-doubt message was delivered", extra={"community": str(claimed.community), "key": claimed.key}
        )
        return Outcome.RECONCILED

    async def _rate_limited(
        self, claimed: ClaimedMessage, limit: RateLimited, *, attempt_made: bool = True
    ) -> Outcome:
        now = self._clock.now()
        resume = now + timedelta(seconds=max(limit.retry_after, 0.0))
        self._paused_until = max(self._paused_until, resume)
        if attempt_made:
            if not await self._queue.retry_at(claimed.message_id, resume, str(limit), counts=False):
                return Outcome.LOST_CLAIM
        else:
            await self._queue.release([claimed.message_id])
        self.stats.rate_limited += 1
        log.warning(
            "rate limited", extra={"community": str(claimed.community), "retry_after": limit.retry_after}
        )
        return Outcome.RATE_LIMITED

    async def _transient(self, claimed: ClaimedMessage, error: Exception) -> Outcome:
        attempts = claimed.attempts + 1
        detail = f"{error.__class__.__name__}: {error}"
        if not isinstance(error, TransientFailure):
            log.error("unexpected delivery error", exc_info=error, extra={"key": claimed.key})
        if attempts >= self._max_attempts:
            return await self._fail(claimed, f"gave up after {attempts} attempts ({detail})")
        delay = backoff_seconds(attempts, self._backoff_base, rng=self._rng)
        when = self._clock.now() + timedelta(seconds=delay)
        if not await self._queue.retry_at(claimed.message_id, when, detail, counts=True):
            return Outcome.LOST_CLAIM
        self.stats.rescheduled += 1
        return Outcome.RESCHEDULED

    async def _fail(self, claimed: ClaimedMessage, reason: str) -> Outcome:
        now = self._clock.now()
        if not await self._queue.mark_failed(claimed.message_id, reason, now):
            return Outcome.LOST_CLAIM
        self.stats.failed += 1
        log.warning("delivery failed", extra={"community": str(claimed.community), "key": claimed.key})
        if self._on_failure is not None:
            try:
                await self._on_failure(
                    claimed.community, FailedDelivery(claimed.key, claimed.recipients, reason, now)
                )
            except Exception:
                # The failure is recorded and queryable; a failing notifier must not stop delivery.
                log.exception("failure notification failed", extra={"key": claimed.key})
        return Outcome.FAILED
