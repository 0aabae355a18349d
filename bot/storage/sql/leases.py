"""Database leases: one holder at a time per (community, name), until the lease expires.

Each call is its own short transaction, so a lease is visible to every other instance at once.
Taking a lease is one atomic statement on SQLite and Postgres alike: an UPDATE that only matches an
expired (or our own) lease, else an INSERT .. ON CONFLICT DO NOTHING for a lease never taken.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.models import CommunityRef
from bot.storage.schema import leases


class SqlLeases:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def acquire(
        self, community: CommunityRef, name: str, holder: str, now: datetime, ttl: timedelta
    ) -> bool:
        """Take (or renew) the lease; False while another holder's lease is still running."""
        key = _key(community, name)
        async with self._engine.begin() as db:
            taken = await db.execute(
                leases.update()
                .where(key, sa.or_(leases.c.expires_at <= now, leases.c.holder == holder))
                .values(holder=holder, expires_at=now + ttl)
            )
            if taken.rowcount:
                return True
            insert = postgresql.insert(leases) if db.dialect.name == "postgresql" else sqlite.insert(leases)
            created = await db.execute(
                insert.values(
                    platform=community.platform,
                    community_id=community.community_id,
                    name=name,
                    holder=holder,
                    expires_at=now + ttl,
                ).on_conflict_do_nothing(index_elements=["platform", "community_id", "name"])
            )
            return bool(created.rowcount)

    async def release(self, community: CommunityRef, name: str, holder: str) -> None:
        async with self._engine.begin() as db:
            await db.execute(leases.delete().where(_key(community, name), leases.c.holder == holder))

    async def holder(self, community: CommunityRef, name: str, now: datetime) -> str | None:
        async with self._engine.connect() as db:
            return await db.scalar(
                sa.select(leases.c.holder).where(_key(community, name), leases.c.expires_at > now)
            )


def _key(community: CommunityRef, name: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        leases.c.platform == community.platform,
        leases.c.community_id == community.community_id,
        leases.c.name == name,
    )
