"""The base of every SQL repository: a connection and the one community it may touch."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.models import CommunityRef


class Scoped:
    def __init__(self, connection: AsyncConnection, community: CommunityRef) -> None:
        self._db = connection
        self._community = community

    def _tenant(self, table: sa.Table) -> sa.ColumnElement[bool]:
        """The WHERE clause that keeps a query inside this community; every query uses it."""
        return sa.and_(
            table.c.platform == self._community.platform,
            table.c.community_id == self._community.community_id,
        )

    def _tenant_values(self) -> dict[str, str]:
        return {
            "platform": self._community.platform,
            "community_id": self._community.community_id,
        }
