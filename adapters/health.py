"""`/healthz`: a tiny aiohttp server answering liveness and database reachability for probes."""

from __future__ import annotations

import asyncio
import logging

import sqlalchemy as sa
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger("partnerbot.health")
ENGINE_KEY = web.AppKey("engine", AsyncEngine)
CHECK_TIMEOUT_SECONDS = 2.0


async def database_reachable(engine: AsyncEngine) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        log.warning("health check: database unreachable", extra={"error": str(error)})
        return False
    return True


async def healthz(request: web.Request) -> web.Response:
    ok = await database_reachable(request.app[ENGINE_KEY])
    body = {"status": "ok" if ok else "degraded", "database": "ok" if ok else "unreachable"}
    return web.json_response(body, status=200 if ok else 503)


def health_app(engine: AsyncEngine) -> web.Application:
    app = web.Application()
    app[ENGINE_KEY] = engine
    app.router.add_get("/healthz", healthz)
    return app


async def start_health_server(engine: AsyncEngine, host: str, port: int) -> web.AppRunner:
    """Serve /healthz until ``await runner.cleanup()``; port 0 picks a free one (see runner.addresses)."""
    runner = web.AppRunner(health_app(engine), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
