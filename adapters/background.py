"""Background services of `partnerbot run`: the outbox worker and the /healthz server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.health import start_health_server
from bot.config import Settings
from bot.delivery.outbox import FailureHook, OutboxWorker
from bot.delivery.ports import Messenger
from bot.delivery.routing import MessengerByPlatform
from bot.domain.clock import Clock


@asynccontextmanager
async def background_services(
    settings: Settings,
    engine: AsyncEngine,
    messengers: Mapping[str, Messenger],
    clock: Clock,
    on_failure: FailureHook | None = None,
) -> AsyncIterator[OutboxWorker]:
    """Deliver the outbox through ``messengers`` (platform -> Messenger) and serve /healthz until exit.

    Usage in `partnerbot run`:
        async with background_services(settings, core.engine, {"slack": slack_messenger}, core.clock):
            await run_the_adapters()
    """
    messenger = MessengerByPlatform(messengers)
    worker = OutboxWorker(
        engine,
        messenger,
        clock,
        rate_per_second=settings.outbox_rate_per_second,
        lease_seconds=settings.outbox_lease_seconds,
        on_failure=on_failure,
        platforms=messenger.platforms,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop), name="outbox-worker")
    runner = (
        await start_health_server(engine, settings.health_host, settings.health_port)
        if settings.health_port
        else None
    )
    try:
        yield worker
    finally:
        stop.set()
        await task
        if runner is not None:
            await runner.cleanup()
