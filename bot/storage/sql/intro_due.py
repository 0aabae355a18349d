"""The intro sweeper's one cross-community reader: which communities have intro work due.

Everything else is read and written per community through a UnitOfWork; this only lists tenants.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.intros import IntroStatus
from bot.domain.models import CommunityRef
from bot.storage.schema import communities, intro_requests


class SqlIntroDue:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def communities_due(self, now: datetime) -> list[CommunityRef]:
        """Communities with an unanswered request past its time, or a weekly digest configured."""
        r, c = intro_requests, communities
        queries = [
            sa.select(r.c.platform, r.c.community_id).where(
                r.c.status == IntroStatus.PENDING.value, r.c.expires_at <= now
            ),
            # The settings are JSON; their text form says whether a digest channel is set, on
            # SQLite and Postgres alike (DigestSchedule.of then decides whether it is due).
            sa.select(c.c.platform, c.c.community_id).where(
                sa.cast(c.c.settings, sa.Text).contains('"digest_channel"')
            ),
        ]
        async with self._engine.connect() as db:
            rows = (await db.execute(sa.union(*queries))).all()
        return sorted({CommunityRef(row[0], row[1]) for row in rows}, key=str)
