"""Migrations bring an empty database to head on SQLite and Postgres, and head equals schema.py."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.storage.database import (
    alembic_config,
    create_engine,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from bot.storage.schema import metadata


def _diffs(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_empty_database_upgrades_to_head_matching_the_schema(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert await current_revision(engine) is None
        await upgrade_to_head(engine)
        await upgrade_to_head(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            diffs = await connection.run_sync(_diffs)
        assert diffs == []
        if engine.dialect.name == "postgresql":
            # compare_metadata does not look at collations; the board's prefix search needs this one.
            async with engine.connect() as connection:
                collation = await connection.scalar(
                    sa.text(
                        "SELECT collation_name FROM information_schema.columns"
                        " WHERE table_name = 'post_terms' AND column_name = 'term'"
                    )
                )
            assert collation == "C"
    finally:
        await engine.dispose()


def _downgrade_to_initial(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, "0001")


async def test_delivery_migration_downgrades_and_upgrades_again(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.begin() as connection:
            await connection.run_sync(_downgrade_to_initial)
        assert await current_revision(engine) == "0001"
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_diffs) == []
    finally:
        await engine.dispose()
