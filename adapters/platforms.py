"""`partnerbot run`: starts every platform adapter whose tokens are configured, in one process."""

from __future__ import annotations

import sys

from bot.config import Settings


async def run_platforms(settings: Settings) -> int:
    if not (settings.discord_token or settings.slack_bot_token):
        print(
            "Nothing to run: set DISCORD_TOKEN and/or SLACK_BOT_TOKEN in .env (see .env.example), "
            "or try the console with `partnerbot demo`.",
            file=sys.stderr,
        )
        return 2
    print("The Discord and Slack adapters are not part of this build yet.", file=sys.stderr)
    return 2
