"""Fresh test databases: a SQLite file, or a uniquely named database on a real Postgres server."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


def postgres_server_url() -> str:
    return os.environ.get("PARTNERBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def skip_banner(reason: str) -> str:
    return f"POSTGRES TESTS SKIPPED: {reason}"


_verdicts: dict[str, str | None] = {}


async def postgres_unavailable() -> str | None:
    """Why the test server cannot be used, or None when it answers (asked once per test run)."""
    url = postgres_server_url()
    if url not in _verdicts:
        _verdicts[url] = await _probe(url)
    return _verdicts[url]


async def _probe(server_url: str) -> str | None:
    try:
        import asyncpg
    except ImportError:
        return "asyncpg is not installed (pip install -e '.[postgres]')"
    url = make_url(server_url)
    try:
        connection = await asyncpg.connect(_dsn(url.render_as_string(hide_password=False)), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError, RuntimeError) as error:
        return (
            f"no server at {url.render_as_string(hide_password=True)} ({error.__class__.__name__}: {error})"
        )
    await connection.close()
    return None


def _dsn(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://", 1)


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """Create a database named for this test on the server, yield its URL, drop it afterwards."""
    import asyncpg

    reason = await postgres_unavailable()
    if reason:
        pytest.skip(skip_banner(reason))
    server = make_url(postgres_server_url())
    name = f"partnerbot_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(server.render_as_string(hide_password=False)))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@asynccontextmanager
async def backend_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/t.db"
        return
    async with postgres_database() as url:
        yield url
