"""`partnerbot run`: starts every platform adapter whose tokens are configured, in one process."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

from adapters.background import background_services
from bot.app import open_core
from bot.config import Settings
from bot.delivery.ports import Messenger


class AdapterRefused(Exception):
    """A platform turned the bot away at start (a wrong token): the message says what to fix."""


async def run_platforms(settings: Settings) -> int:
    if not (settings.discord_token or settings.slack_bot_token):
        print(
            "Nothing to run: set DISCORD_TOKEN and/or SLACK_BOT_TOKEN in .env (see .env.example), "
            "or try the console with `partnerbot demo`.",
            file=sys.stderr,
        )
        return 2
    core = await open_core(settings)
    adapters: list[Coroutine[Any, Any, None]] = []
    messengers: dict[str, Messenger] = {}
    try:
        if settings.discord_token:
            from adapters.discord.app import PartnerBot, start_discord

            discord_bot = PartnerBot(core, settings)
            messengers["discord"] = discord_bot.messenger
            adapters.append(start_discord(core, settings, discord_bot))
        if not adapters:
            print("The Slack adapter is not part of this build yet.", file=sys.stderr)
            return 2
        # The outbox worker delivers pairings, intros and digests through each platform's messenger.
        async with background_services(settings, core.engine, messengers, core.clock):
            await asyncio.gather(*adapters)
    except AdapterRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    finally:
        await core.close()
    return 0
