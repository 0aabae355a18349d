"""The outbox table's writing side: messages enqueued in the same transaction as the change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.storage.schema import outbox
from bot.storage.sql.scoped import Scoped

PENDING = "pending"


class SqlOutboxRepository(Scoped):
    async def enqueue(
        self, key: str, recipients: Sequence[str], payload: dict[str, Any], now: datetime
    ) -> bool:
        """Queue a message once per key; False when the key was already queued (a retry)."""
        exists = await self._db.scalar(
            sa.select(sa.func.count())
            .select_from(outbox)
            .where(self._tenant(outbox), outbox.c.idempotency_key == key)
        )
        if exists:
            return False
        await self._db.execute(
            outbox.insert().values(
                **self._tenant_values(),
                idempotency_key=key,
                recipients=list(recipients),
                payload=payload,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
        return True

    async def forget_recipient(self, member_id: str) -> None:
        # Recipients are a JSON list, which SQLite and Postgres query differently; the member's
        # messages are few, so filter here rather than keep two dialects of JSON SQL.
        rows = (
            await self._db.execute(
                sa.select(outbox.c.message_id, outbox.c.recipients).where(self._tenant(outbox))
            )
        ).all()
        doomed = [row.message_id for row in rows if member_id in row.recipients]
        if doomed:
            await self._db.execute(outbox.delete().where(outbox.c.message_id.in_(doomed)))
