"""One transaction in one community, exposing every repository bound to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.domain.models import CommunityRef
from bot.storage.schema import MEMBER_SCOPED_TABLES, communities, metadata
from bot.storage.sql.communities import SqlCommunityRepository
from bot.storage.sql.directory import SqlDirectoryRepository
from bot.storage.sql.intros import SqlBlockRepository, SqlIntroRepository
from bot.storage.sql.members import SqlMemberRepository
from bot.storage.sql.outbox import SqlOutboxRepository
from bot.storage.sql.participants import SqlParticipantRepository
from bot.storage.sql.posts import SqlPostRepository
from bot.storage.sql.profiles import SqlProfileRepository
from bot.storage.sql.rounds import SqlRoundRepository, SqlScheduleRepository
from bot.storage.sql.stats import SqlCommunityStats


class SqlUnitOfWork:
    def __init__(self, connection: AsyncConnection, community: CommunityRef) -> None:
        self.community = community
        self.connection = connection
        self.communities = SqlCommunityRepository(connection, community)
        self.members = SqlMemberRepository(connection, community)
        self.profiles = SqlProfileRepository(connection, community)
        self.posts = SqlPostRepository(connection, community)
        self.outbox = SqlOutboxRepository(connection, community)
        self.schedules = SqlScheduleRepository(connection, community)
        self.rounds = SqlRoundRepository(connection, community)
        self.participants = SqlParticipantRepository(connection, community)
        self.community_stats = SqlCommunityStats(connection, community)
        self.intros = SqlIntroRepository(connection, community)
        self.blocks = SqlBlockRepository(connection, community)
        self.directory = SqlDirectoryRepository(connection, community)

    async def export_member(self, member_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every row naming the member, table by table, as JSON-ready dictionaries."""
        export: dict[str, list[dict[str, Any]]] = {}
        for table_name, columns in MEMBER_SCOPED_TABLES.items():
            table = metadata.tables[table_name]
            rows = (
                await self.connection.execute(
                    sa.select(table).where(
                        table.c.platform == self.community.platform,
                        table.c.community_id == self.community.community_id,
                        sa.or_(*(table.c[column] == member_id for column in columns)),
                    )
                )
            ).all()
            export[table_name] = [_jsonable(dict(row._mapping)) for row in rows]
        export["intro_requests"] = [_own_intro_view(row, member_id) for row in export["intro_requests"]]
        export["outbox"] = [_jsonable(row) for row in await self.outbox.addressed_to(member_id)]
        return export

    async def forget_member(self, member_id: str) -> None:
        """Delete every row naming the member: their membership (which cascades to the tables
        keyed on it), the messages addressed to them alone, their place on group messages, and
        their name on the rounds they ran and the round schedule they set."""
        await self.outbox.forget_recipient(member_id)
        await self.rounds.forget_runner(member_id)
        await self.schedules.forget_setter(member_id)
        await self.members.delete(member_id)


def _own_intro_view(row: dict[str, Any], member_id: str) -> dict[str, Any]:
    """An intro request as the exporting member may see it: who declined and the other side's
    answer are the other member's data (a decline is never revealed), so they are blanked."""
    view = dict(row)
    if view.get("declined_by") != member_id:
        view["declined_by"] = None
    if view.get("member_a") != member_id:
        view["a_accepted"] = None
    if view.get("member_b") != member_id:
        view["b_accepted"] = None
    return view


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


class SqlStorage:
    """The Storage port over one SQLAlchemy engine (SQLite or Postgres)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def communities(self) -> list[CommunityRef]:
        async with self.engine.connect() as connection:
            rows = await connection.execute(
                sa.select(communities.c.platform, communities.c.community_id).order_by(
                    communities.c.platform, communities.c.community_id
                )
            )
            return [CommunityRef(row.platform, row.community_id) for row in rows]

    @asynccontextmanager
    async def transaction(self, community: CommunityRef) -> AsyncIterator[SqlUnitOfWork]:
        async with self.engine.begin() as connection:
            yield SqlUnitOfWork(connection, community)
