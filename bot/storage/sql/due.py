"""The scheduler's one cross-community reader: which communities have round work due, and when next.

Everything else is read and written per community through a UnitOfWork; this only lists tenants.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.models import CommunityRef
from bot.domain.rounds import RoundState
from bot.storage.schema import round_participants, round_schedules, rounds

REMINDER_LEAD = timedelta(days=1)


class SqlDueWork:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def communities_due(self, now: datetime) -> list[CommunityRef]:
        """Communities with a round, reminder, check-in, closing, pause end or delivery check due."""
        rs, r, rp = round_schedules, rounds, round_participants
        queries = [
            sa.select(rs.c.platform, rs.c.community_id).where(rs.c.next_run_at <= now + REMINDER_LEAD),
            sa.select(r.c.platform, r.c.community_id).where(r.c.state == RoundState.DELIVERING.value),
            sa.select(r.c.platform, r.c.community_id).where(
                r.c.state.in_([RoundState.DELIVERED.value, RoundState.CHECKED_IN.value]),
                r.c.next_step_at <= now,
            ),
            sa.select(rp.c.platform, rp.c.community_id).where(rp.c.paused_until <= now),
        ]
        async with self._engine.connect() as db:
            rows = (await db.execute(sa.union(*queries))).all()
        return sorted({CommunityRef(row[0], row[1]) for row in rows}, key=str)

    async def schedules(self) -> list[tuple[CommunityRef, datetime]]:
        """Every community's next scheduled round, for arming the in-process scheduler."""
        rs = round_schedules
        async with self._engine.connect() as db:
            rows = (await db.execute(sa.select(rs.c.platform, rs.c.community_id, rs.c.next_run_at))).all()
        return [(CommunityRef(row[0], row[1]), row[2]) for row in rows]
