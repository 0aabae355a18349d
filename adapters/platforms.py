"""`partnerbot run`: starts every platform adapter whose tokens are configured, in one process."""

from __future__ import annotations

import asyncio
import errno
import sys
from collections.abc import Coroutine
from typing import Any

from adapters.background import background_services
from bot.app import Core, open_core
from bot.config import Settings
from bot.delivery.ports import Messenger
from bot.logging_setup import configure_logging


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
    configure_logging(settings)
    core = await open_core(settings)
    try:
        messengers, adapters = _build_adapters(core, settings)
        scheduler = await core.start_scheduler()
        try:
            # The outbox worker delivers pairings, intros and digests through each platform's
            # messenger; a message that fails for good is reported to the round's manager.
            async with background_services(
                settings, core.engine, messengers, core.clock, core.round_sweeper.delivery_failed
            ):
                await asyncio.gather(*adapters)
        finally:
            scheduler.shutdown()
    except AdapterRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(
            f"A port partnerbot listens on is taken ({error.strerror}). Set HEALTH_PORT "
            "(or SLACK_HTTP_PORT in Slack HTTP mode) to a free port; HEALTH_PORT=0 turns /healthz off.",
            file=sys.stderr,
        )
        return 2
    finally:
        await core.close()
    return 0


def _build_adapters(
    core: Core, settings: Settings
) -> tuple[dict[str, Messenger], list[Coroutine[Any, Any, None]]]:
    messengers: dict[str, Messenger] = {}
    adapters: list[Coroutine[Any, Any, None]] = []
    if settings.discord_token:
        from adapters.discord.app import PartnerBot, start_discord

        discord_bot = PartnerBot(core, settings)
        messengers["discord"] = discord_bot.messenger
        adapters.append(start_discord(core, settings, discord_bot))
    if settings.slack_bot_token:
        from adapters.slack.app import build_slack_bot, run_slack

        slack_bot = build_slack_bot(core, settings)
        messengers["slack"] = slack_bot.messenger
        adapters.append(run_slack(core, settings, bot=slack_bot))
    return messengers, adapters
