"""`partnerbot db backup FILE`: an online SQLite backup, or the pg_dump command for Postgres."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.domain.errors import UserError
from bot.storage.backup import backup_sqlite, pg_dump_command
from bot.storage.database import create_engine


async def run_backup(settings: Settings, file: str) -> int:
    target = Path(file)
    if make_url(settings.database_url).get_backend_name() != "sqlite":
        print("Postgres is backed up with pg_dump (restore with pg_restore); run:")
        print(f"  {pg_dump_command(settings.database_url, target)}")
        return 0
    engine = create_engine(settings.database_url)
    try:
        await backup_sqlite(engine, target)
    except UserError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(f"Backed up the database to {target}. Restore: stop the bot, copy it over the database file.")
    return 0
