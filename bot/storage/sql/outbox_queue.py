"""The outbox table's worker side, across communities: claim due messages under a lease, record outcomes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.domain.models import CommunityRef
from bot.storage.schema import outbox
from bot.storage.sql.outbox import FAILED, PENDING, SENDING, SENT


@dataclass(frozen=True, slots=True)
class ClaimedMessage:
    message_id: int
    community: CommunityRef
    key: str
    recipients: tuple[str, ...]
    payload: dict[str, Any]
    attempts: int
    in_doubt: bool
    """It may already have reached the platform (a worker died mid-send, or an attempt timed out):
    ask the platform before sending it again."""


@dataclass(frozen=True, slots=True)
class Delivered:
    """A message the platform accepted, waiting to be recorded as sent."""

    message_id: int
    platform_ref: str
    at: datetime


class OutboxQueue:
    """Claims and outcome bookkeeping; every method is its own short transaction."""

    def __init__(self, engine: AsyncEngine, worker_id: str, lease: timedelta) -> None:
        self._engine = engine
        self.worker_id = worker_id
        self._lease = lease
        self._connection: AsyncConnection | None = None

    @asynccontextmanager
    async def session(self) -> AsyncIterator[None]:
        """Keep one connection for a batch: saves a pool checkout (and its ping) per transaction."""
        async with self._engine.connect() as connection:
            self._connection = connection
            try:
                yield
            finally:
                self._connection = None

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        if self._connection is None:
            async with self._engine.begin() as connection:
                yield connection
        else:
            async with self._connection.begin():
                yield self._connection

    async def claim(
        self, now: datetime, limit: int, platforms: Collection[str] | None = None
    ) -> list[ClaimedMessage]:
        """Lease up to ``limit`` due messages to this worker, oldest first.

        Due means pending and scheduled by now, or left 'sending' by a worker whose lease ran out.
        On Postgres, FOR UPDATE SKIP LOCKED lets several workers claim side by side without
        waiting on or double-taking each other's rows; on SQLite the transaction holds the write
        lock from its start (BEGIN IMMEDIATE), which makes select-then-update atomic.
        ``platforms`` limits the claim to the platforms this process can reach.
        """
        free = sa.or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until <= now)
        due = sa.or_(
            sa.and_(outbox.c.status == PENDING, outbox.c.next_attempt_at <= now, free),
            sa.and_(outbox.c.status == SENDING, free),
        )
        if platforms is not None:
            due = sa.and_(due, outbox.c.platform.in_(list(platforms)))
        async with self._transaction() as db:
            ids = (
                await db.scalars(
                    sa.select(outbox.c.message_id)
                    .where(due)
                    .order_by(outbox.c.next_attempt_at, outbox.c.message_id)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not ids:
                return []
            rows = (
                await db.execute(
                    outbox.update()
                    .where(outbox.c.message_id.in_(ids))
                    .values(claimed_by=self.worker_id, claimed_until=now + self._lease)
                    .returning(*outbox.c)
                )
            ).all()
        claimed = [_claimed(row._mapping) for row in rows]
        return sorted(claimed, key=lambda m: m.message_id)

    async def release_mine(self, now: datetime) -> int:
        """On start: end the leases a previous run under this worker id held, so they are reclaimed now."""
        async with self._transaction() as db:
            result = await db.execute(
                outbox.update()
                .where(outbox.c.claimed_by == self.worker_id, outbox.c.status.in_([PENDING, SENDING]))
                .values(claimed_until=now)
            )
        return int(result.rowcount or 0)

    async def mark_sending(self, message_id: int, now: datetime, delivered: Delivered | None = None) -> bool:
        """Record that the platform is about to be called; False if this worker lost the claim.

        ``delivered`` (the previous message, accepted by the platform) is marked sent in the same
        transaction: one commit per message instead of two.
        """
        async with self._transaction() as db:
            if delivered is not None:
                await db.execute(_sent(delivered))
            result = await db.execute(
                outbox.update()
                .where(outbox.c.message_id == message_id, outbox.c.claimed_by == self.worker_id)
                .values(status=SENDING, attempts=outbox.c.attempts + 1, claimed_until=now + self._lease)
            )
        return bool(result.rowcount)

    async def mark_sent(self, delivered: Delivered) -> None:
        async with self._transaction() as db:
            if db.dialect.name == "postgresql":
                # Losing this commit in a server crash is harmless (the row stays 'sending' and is
                # reconciled with the platform), so there is no need to wait for the WAL flush.
                await db.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))
            await db.execute(_sent(delivered))

    async def mark_failed(self, message_id: int, reason: str, now: datetime) -> bool:
        """Give up on a message this worker is sending; False if it lost the claim (nothing changed)."""
        return await self._finish(message_id, status=FAILED, last_error=reason[:2000], failed_at=now)

    async def retry_at(self, message_id: int, when: datetime, error: str, *, counts: bool) -> bool:
        """Back to pending until ``when``; a refusal that is not a failed attempt (429) gives it back.
        False if this worker lost the claim: the row is someone else's now and stays as it is."""
        values: dict[str, Any] = {"status": PENDING, "next_attempt_at": when, "last_error": error[:2000]}
        if not counts:
            values["attempts"] = outbox.c.attempts - 1
        return await self._finish(message_id, **values)

    async def recheck_at(self, message_id: int, when: datetime, error: str) -> bool:
        """A message in doubt whose delivery could not be checked: it stays in doubt (status and
        attempts unchanged, so whoever takes it asks the platform first) and is not taken before
        ``when`` (the claim lease ends then). False if this worker lost the claim."""
        async with self._transaction() as db:
            result = await db.execute(
                outbox.update()
                .where(outbox.c.message_id == message_id, outbox.c.claimed_by == self.worker_id)
                .values(next_attempt_at=when, last_error=error[:2000], claimed_by=None, claimed_until=when)
            )
        return bool(result.rowcount)

    async def release(self, message_ids: list[int]) -> None:
        """Give back claimed messages this worker will not handle now (it must slow down); in-doubt
        ones stay in doubt, so whoever takes them asks the platform first."""
        if not message_ids:
            return
        async with self._transaction() as db:
            await db.execute(
                outbox.update()
                .where(outbox.c.message_id.in_(message_ids), outbox.c.claimed_by == self.worker_id)
                .values(claimed_by=None, claimed_until=None)
            )

    async def unfinished(self) -> int:
        """Messages in every community still to send (pending, or in doubt)."""
        async with self._engine.connect() as db:
            total = await db.scalar(
                sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status.in_([PENDING, SENDING]))
            )
        return int(total or 0)

    async def _finish(self, message_id: int, **values: Any) -> bool:
        """End this worker's attempt; only while it still holds the claim (a worker whose lease ran
        out must not overwrite what the worker that took the message over recorded)."""
        async with self._transaction() as db:
            result = await db.execute(
                outbox.update()
                .where(
                    outbox.c.message_id == message_id,
                    outbox.c.claimed_by == self.worker_id,
                    outbox.c.status == SENDING,
                )
                .values(claimed_by=None, claimed_until=None, **values)
            )
        return bool(result.rowcount)


def _sent(delivered: Delivered) -> sa.Update:
    return (
        outbox.update()
        .where(outbox.c.message_id == delivered.message_id)
        .values(
            status=SENT,
            platform_ref=delivered.platform_ref,
            sent_at=delivered.at,
            last_error=None,
            claimed_by=None,
            claimed_until=None,
        )
    )


def _claimed(row: Any) -> ClaimedMessage:
    return ClaimedMessage(
        message_id=int(row["message_id"]),
        community=CommunityRef(row["platform"], row["community_id"]),
        key=row["idempotency_key"],
        recipients=tuple(row["recipients"]),
        payload=dict(row["payload"]),
        attempts=int(row["attempts"]),
        in_doubt=row["status"] == SENDING or int(row["attempts"]) > 0,
    )
