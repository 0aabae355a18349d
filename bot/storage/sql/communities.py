"""Communities and their manager-set settings."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.domain.models import CommunitySettings
from bot.storage.schema import communities
from bot.storage.sql.scoped import Scoped

_KNOWN = {f.name for f in dataclasses.fields(CommunitySettings)} - {"extra"}


class SqlCommunityRepository(Scoped):
    async def ensure(self, name: str, now: datetime) -> None:
        exists = await self._db.scalar(
            sa.select(sa.func.count()).select_from(communities).where(self._tenant(communities))
        )
        if not exists:
            await self._db.execute(
                communities.insert().values(**self._tenant_values(), name=name, settings={}, created_at=now)
            )

    async def settings(self) -> CommunitySettings:
        stored: dict[str, Any] | None = await self._db.scalar(
            sa.select(communities.c.settings).where(self._tenant(communities))
        )
        stored = stored or {}
        known = {k: v for k, v in stored.items() if k in _KNOWN}
        extra = {k: v for k, v in stored.items() if k not in _KNOWN}
        return CommunitySettings(**known, extra=extra)

    async def save_settings(self, settings: CommunitySettings) -> None:
        values = {name: getattr(settings, name) for name in _KNOWN} | dict(settings.extra)
        await self._db.execute(communities.update().where(self._tenant(communities)).values(settings=values))
