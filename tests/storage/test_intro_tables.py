"""Migration 0004 creates exactly the intro tables that schema.py declares."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from bot.config import Settings
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.schema import metadata


async def test_migrated_intro_tables_match_the_schema(tmp_path: Path) -> None:
    engine = create_engine(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/m.db").database_url)
    await upgrade_to_head(engine)

    def differences(sync: Connection) -> list[object]:
        context = MigrationContext.configure(sync, opts={"compare_type": True})
        return [
            d for d in compare_metadata(context, metadata) if "intro_requests" in str(d) or "blocks" in str(d)
        ]

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []
    await engine.dispose()
