"""Migrations bring an empty database to head, and head equals the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.storage.database import create_engine, current_revision, head_revision, upgrade_to_head
from bot.storage.schema import metadata


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_empty_database_upgrades_to_head_matching_the_schema(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert await current_revision(engine) is None
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        await upgrade_to_head(engine)  # a second start is a no-op
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()
