"""Discord's errors as the Messenger port's failure kinds: retry later, retry after, or give up."""

from __future__ import annotations

import asyncio

import aiohttp
import discord

from adapters.token_alarm import TokenAlarm
from bot.delivery.ports import DeliveryError, PermanentFailure, RateLimited, TransientFailure

OPENING_DMS_TOO_FAST = 40003
PERMANENT_CODES = {
    50007: "cannot send messages to this user (DMs closed or no shared server)",
    10013: "unknown user",
    10003: "unknown channel",
    10007: "unknown member (left the server)",
    50001: "missing access",
    50013: "missing permissions",
}
TOKEN_ALARM = TokenAlarm("Discord", "DISCORD_TOKEN")


def delivery_failure(error: BaseException) -> DeliveryError:
    """A Discord error as the port's failure kinds: retry later, retry after, or give up."""
    if isinstance(error, discord.RateLimited):
        return RateLimited(error.retry_after, "Discord rate limit longer than discord.py waits")
    if isinstance(error, discord.HTTPException):
        if error.code == OPENING_DMS_TOO_FAST:
            return RateLimited(_retry_after(error, 60.0), "opening DMs too fast")
        if error.status == 429:
            return RateLimited(_retry_after(error, 5.0))
        if error.status == 401:  # revoked or rotated token: every message waits until it is fixed
            TOKEN_ALARM.raise_once(f"HTTP 401: {error.text}")
            return TransientFailure("Discord token not accepted (401)")
        if error.status >= 500:
            return TransientFailure(f"Discord {error.status}: {error.text}")
        detail = PERMANENT_CODES.get(error.code, error.text or f"HTTP {error.status}")
        return PermanentFailure(f"Discord refused ({error.code}): {detail}")
    if isinstance(error, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        return TransientFailure(f"network: {error!r}")
    return TransientFailure(repr(error))


def _retry_after(error: discord.HTTPException, default: float) -> float:
    try:
        return float(error.response.headers.get("Retry-After", default))
    except (TypeError, ValueError):
        return default
