"""The outbox table's community side: enqueue in the same transaction as the change, read the outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.delivery.ports import FailedDelivery
from bot.storage.schema import outbox
from bot.storage.sql.scoped import Scoped

PENDING = "pending"
SENDING = "sending"
"""Handed to the platform, outcome unknown until recorded: reconciled after a crash."""
SENT = "sent"
FAILED = "failed"


class SqlOutboxRepository(Scoped):
    async def enqueue(
        self, key: str, recipients: Sequence[str], payload: dict[str, Any], now: datetime
    ) -> bool:
        """Queue a message once per key; False when the key was already queued (a retry)."""
        values = {
            **self._tenant_values(),
            "idempotency_key": key,
            "recipients": list(recipients),
            "payload": payload,
            "status": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        # ON CONFLICT rather than look-then-insert: two instances enqueueing the same key at once
        # must not fail the second transaction on Postgres.
        dialect = self._db.dialect.name
        insert = postgresql.insert(outbox) if dialect == "postgresql" else sqlite.insert(outbox)
        statement = insert.values(**values).on_conflict_do_nothing(
            index_elements=["platform", "community_id", "idempotency_key"]
        )
        result = await self._db.execute(statement)
        return bool(result.rowcount)

    async def addressed_to(self, member_id: str) -> list[dict[str, Any]]:
        """Every message (queued or sent) whose recipients include the member, oldest first."""
        rows = await self._rows_naming(member_id)
        return [dict(row._mapping) for row in rows]

    async def forget_recipient(self, member_id: str) -> None:
        """Delete the messages addressed to the member alone; take them off group messages, so the
        others still get (or keep the record of) a pairing. The payload text is left as it is."""
        for row in await self._rows_naming(member_id):
            others = [r for r in row.recipients if r != member_id]
            where = outbox.c.message_id == row.message_id
            if others:
                await self._db.execute(outbox.update().where(where).values(recipients=others))
            else:
                await self._db.execute(outbox.delete().where(where))

    async def _rows_naming(self, member_id: str) -> list[sa.Row[Any]]:
        # Recipients are a JSON list, which SQLite and Postgres query differently; the member's
        # messages are few, so filter here rather than keep two dialects of JSON SQL.
        rows = (
            await self._db.execute(
                sa.select(outbox).where(self._tenant(outbox)).order_by(outbox.c.message_id)
            )
        ).all()
        return [row for row in rows if member_id in row.recipients]

    async def failed_since(self, since: datetime) -> list[FailedDelivery]:
        """Messages of this community that failed for good at or after ``since``, oldest first."""
        rows = (
            await self._db.execute(
                sa.select(
                    outbox.c.idempotency_key, outbox.c.recipients, outbox.c.last_error, outbox.c.failed_at
                )
                .where(self._tenant(outbox), outbox.c.status == FAILED, outbox.c.failed_at >= since)
                .order_by(outbox.c.failed_at, outbox.c.message_id)
            )
        ).all()
        return [
            FailedDelivery(row.idempotency_key, tuple(row.recipients), row.last_error or "", row.failed_at)
            for row in rows
        ]

    async def progress(self, key_prefix: str) -> dict[str, int]:
        """How many messages whose key starts with ``key_prefix`` are in each status (e.g. a round's)."""
        rows = (
            await self._db.execute(
                sa.select(outbox.c.status, sa.func.count())
                .where(self._tenant(outbox), outbox.c.idempotency_key.startswith(key_prefix, autoescape=True))
                .group_by(outbox.c.status)
            )
        ).all()
        return {status: int(count) for status, count in rows}
