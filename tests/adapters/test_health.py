"""/healthz answers 200 with a reachable database and 503 without one."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from adapters.health import start_health_server
from bot.storage.database import create_engine


async def _get(engine_url: str) -> tuple[int, dict[str, str]]:
    engine = create_engine(engine_url)
    runner = await start_health_server(engine, "127.0.0.1", 0)
    try:
        host, port = runner.addresses[0][:2]
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://{host}:{port}/healthz") as response,
        ):
            return response.status, await response.json()
    finally:
        await runner.cleanup()
        await engine.dispose()


async def test_healthy_when_the_database_answers(tmp_path: Path) -> None:
    assert await _get(f"sqlite+aiosqlite:///{tmp_path}/h.db") == (200, {"status": "ok", "database": "ok"})


async def test_unavailable_when_the_database_does_not_answer() -> None:
    status, body = await _get("postgresql+asyncpg://postgres@127.0.0.1:1/nothing")
    assert status == 503
    assert body == {"status": "degraded", "database": "unreachable"}
