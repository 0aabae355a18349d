"""`partnerbot run`: starts every platform adapter whose tokens are configured, in one process."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

from bot.app import Core, open_core
from bot.config import Settings


async def run_platforms(settings: Settings) -> int:
    if not (settings.discord_token or settings.slack_bot_token):
        print(
            "Nothing to run: set DISCORD_TOKEN and/or SLACK_BOT_TOKEN in .env (see .env.example), "
            "or try the console with `partnerbot demo`.",
            file=sys.stderr,
        )
        return 2
    core = await open_core(settings)
    try:
        runners: list[Coroutine[Any, Any, None]] = []
        if settings.slack_bot_token:
            runners.append(start_slack(core, settings))
        if not runners:
            print("The Discord adapter is not part of this build yet.", file=sys.stderr)
            return 2
        await asyncio.gather(*runners)
    finally:
        await core.close()
    return 0


def start_slack(core: Core, settings: Settings) -> Coroutine[Any, Any, None]:
    """Slack runs in Socket Mode when SLACK_APP_TOKEN is set, else in HTTP mode on SLACK_HTTP_PORT."""
    from adapters.slack.app import run_slack  # imported here so that Discord-only runs skip slack_bolt

    return run_slack(core, settings)
