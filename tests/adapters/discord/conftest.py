"""Discord end-to-end fixtures: a fake REST server and logged-in PartnerBots on the shared SQLite core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from adapters.discord.app import PartnerBot
from bot.app import Core
from bot.config import Settings
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.payloads import GUILD, load


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    server.add_guild(load("guild_create.json"))
    base = await server.start()
    # Every REST call (interaction callbacks and webhooks included) goes to the fake;
    # monkeypatch puts Discord's real address back after the test.
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    yield server
    await server.close()


@pytest.fixture
def settings(core: Core) -> Settings:
    """The shared core's settings (its SQLite file) plus a development guild for command sync."""
    return core.settings.model_copy(update={"discord_dev_guild_id": GUILD})


@pytest.fixture
async def start_bot(fake: FakeDiscord, core: Core, settings: Settings) -> AsyncIterator[Any]:
    """Starts PartnerBot instances on the same core; several calls simulate restarts."""
    started: list[PartnerBot] = []

    async def start() -> PartnerBot:
        bot = PartnerBot(core, settings)
        await bot.login("fake-token")  # GET /users/@me, app info, setup_hook (sync) against the fake
        bot._connection.parse_guild_create(load("guild_create.json"))
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.close()


@pytest.fixture
async def bot(start_bot: Any) -> PartnerBot:
    started: PartnerBot = await start_bot()
    return started
