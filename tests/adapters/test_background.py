"""`partnerbot run`'s background services deliver queued messages while the adapters run."""

from __future__ import annotations

import asyncio
from pathlib import Path

from adapters.background import background_services
from adapters.console.messenger import InboxFileMessenger, read_inbox
from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.storage.database import create_engine, upgrade_to_head
from tests.delivery.conftest import ACME, seed


async def test_queued_messages_reach_the_inbox_while_running(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/b.db", health_port=0, _env_file=None)  # type: ignore[call-arg]
    engine = create_engine(settings.database_url)
    await upgrade_to_head(engine)
    await seed(engine, 3, community=ACME)
    inbox = tmp_path / "inbox.jsonl"
    try:
        messengers = {"slack": InboxFileMessenger(inbox)}
        async with background_services(settings, engine, messengers, SystemClock()) as worker:
            for _ in range(200):
                if worker.stats.sent == 3:
                    break
                await asyncio.sleep(0.05)
    finally:
        await engine.dispose()
    assert [m["key"] for m in read_inbox(inbox, "m2")] == ["round:r1:g1:m2"]
