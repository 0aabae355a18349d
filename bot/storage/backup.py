"""Backups: SQLite through its online backup API (safe while the bot runs); Postgres via pg_dump."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.errors import UserError


async def backup_sqlite(engine: AsyncEngine, target: Path) -> None:
    """Copy the live database page by page into ``target``, consistent even while others write."""
    destination = await asyncio.to_thread(_open_new, target)
    try:
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            source = raw.driver_connection
            if source is None:
                raise RuntimeError("the SQLite connection is closed")
            # The aiosqlite connection runs the backup on its own thread, pausing between steps so
            # writers are not starved.
            await source.backup(destination, pages=256, sleep=0.01)
    finally:
        destination.close()


def _open_new(target: Path) -> sqlite3.Connection:
    if target.exists():
        raise UserError(f"{target} already exists; choose a new file name so no backup is overwritten.")
    target.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(target, check_same_thread=False)


def pg_dump_command(database_url: str, target: Path) -> str:
    """The pg_dump invocation that backs up this Postgres database (the password comes from PGPASSWORD)."""
    url = make_url(database_url)
    parts = ["pg_dump", "--format=custom", f"--file={target}"]
    if url.host:
        parts.append(f"--host={url.host}")
    if url.port:
        parts.append(f"--port={url.port}")
    if url.username:
        parts.append(f"--username={url.username}")
    parts.append(url.database or "")
    return " ".join(parts)
