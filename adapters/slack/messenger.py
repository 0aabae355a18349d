"""The Messenger port over Slack's Web API: DMs, group DMs, idempotency keys in message metadata."""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.render import reply_blocks, reply_text
from adapters.token_alarm import TokenAlarm
from bot.delivery.ports import (
    DeliveryError,
    OutboundMessage,
    PermanentFailure,
    RateLimited,
    TransientFailure,
)

log = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "partnerbot_message"
# A recipient "channel:<id>" (always alone) means: post in that channel, such as the weekly digest.
CHANNEL_PREFIX = "channel:"
# conversations.open is Tier 3: Slack allows about 50 calls a minute, and each message needs one.
CONVERSATION_OPENS_PER_MINUTE = 50
HISTORY_LOOKBACK = 50

_TRANSIENT_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"}
)
# Anything else Slack refuses (channel_not_found, user_not_found, cannot_dm_bot, is_archived,
# user_disabled, not_in_channel, ...) will not change by retrying.
# The token was revoked or rotated, or its user deactivated: every message would fail alike, and all
# go through once someone fixes the token, so they wait (TransientFailure) instead of being dropped.
_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
TOKEN_ALARM = TokenAlarm("Slack", "SLACK_BOT_TOKEN")
# Only these history errors prove the bot never posted in a channel; any other one means "don't know".
_HOLDS_NONE = frozenset({"not_in_channel", "channel_not_found"})


class BriefRateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
    """slack-sdk's 429 handler (it sleeps Retry-After), for short waits only.

    A longer wait surfaces as RateLimited, so the outbox worker pauses every send (Slack's limits
    are per method and workspace) instead of one call holding its lease while it sleeps.
    """

    def __init__(self, max_retry_count: int, max_wait_seconds: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait_seconds = max_wait_seconds

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response.headers) <= self.max_wait_seconds


def make_client(
    token: str, base_url: str, rate_limit_retries: int = 3, max_wait_seconds: float = 5.0
) -> AsyncWebClient:
    """A Web API client that waits out short 429s (Retry-After), and only them.

    A 429 means Slack did nothing, so trying again is safe. After a 5xx or a dropped connection
    a message may have been posted all the same: chat.postMessage is not idempotent, so those are
    left to SlackMessenger.deliver, which looks for the message's key before anyone sends again.
    """
    client = AsyncWebClient(token=token, base_url=_with_slash(base_url), timeout=15)
    client.retry_handlers[:] = [BriefRateLimitRetryHandler(rate_limit_retries, max_wait_seconds)]
    return client


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def delivery_duration(message_count: int) -> timedelta:
    """How long Slack's rate limits make the delivery of ``message_count`` DMs or group DMs take."""
    return timedelta(minutes=math.ceil(max(0, message_count) / CONVERSATION_OPENS_PER_MINUTE))


def expected_finish(message_count: int, start: datetime) -> datetime:
    """When a round of ``message_count`` messages started at ``start`` should be fully delivered."""
    return start + delivery_duration(message_count)


class SlackMessenger:
    """One Slack workspace's Messenger: one recipient gets a DM, several get a group DM."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def deliver(self, message: OutboundMessage) -> str:
        channel = await self._destination(message.recipients)
        try:
            response = await slack_call(
                self.client.chat_postMessage(
                    channel=channel,
                    text=reply_text(message.reply),
                    blocks=reply_blocks(message.reply),
                    metadata={"event_type": METADATA_EVENT_TYPE, "event_payload": {"key": message.key}},
                    unfurl_links=False,
                    unfurl_media=False,
                )
            )
        except TransientFailure as unclear:
            # The answer may be what got lost, not the message: look before the outbox sends again.
            try:
                posted = await self._posted_ts(channel, message.key)
            except DeliveryError:
                raise unclear from None
            if posted is None:
                raise
            return f"{channel}/{posted}"
        return f"{channel}/{response.get('ts', '')}"

    async def was_delivered(self, message: OutboundMessage) -> bool:
        channel = await self._destination(message.recipients)
        try:
            return await self._posted_ts(channel, message.key) is not None
        except PermanentFailure as refused:
            code = error_code(refused)
            if code in _HOLDS_NONE and channel == message.recipients[0].removeprefix(CHANNEL_PREFIX):
                return False  # the bot is not in that channel, so it cannot have posted there
            # Unreadable (missing_scope such as groups:history, ...): not knowing must never mean "resend".
            log.warning("cannot read %s to check for %s: %s", channel, message.key, refused)
            raise TransientFailure(f"cannot tell whether {message.key} went out: {refused}") from refused

    async def _destination(self, recipients: tuple[str, ...]) -> str:
        if len(recipients) == 1 and recipients[0].startswith(CHANNEL_PREFIX):
            return recipients[0].removeprefix(CHANNEL_PREFIX)
        return await self.open_conversation(recipients)

    async def _posted_ts(self, channel: str, key: str) -> str | None:
        """The ts of the message carrying ``key`` among the channel's latest, or None."""
        response = await slack_call(
            self.client.conversations_history(
                channel=channel, include_all_metadata=True, limit=HISTORY_LOOKBACK
            )
        )
        found = [m for m in response.get("messages") or [] if _carries_key(m, key)]
        return str(found[0].get("ts", "")) if found else None

    async def open_conversation(self, recipients: tuple[str, ...]) -> str:
        """The DM (one user) or group DM (several) with the bot; Slack returns the same one each time."""
        if not recipients:
            raise PermanentFailure("a message needs at least one recipient")
        response = await slack_call(self.client.conversations_open(users=",".join(recipients)))
        return str(response["channel"]["id"])

    @staticmethod
    def delivery_duration(message_count: int) -> timedelta:
        return delivery_duration(message_count)


def _carries_key(message: dict[str, Any], key: str) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return bool(metadata.get("event_type") == METADATA_EVENT_TYPE and payload.get("key") == key)


async def slack_call(call: Awaitable[AsyncSlackResponse]) -> AsyncSlackResponse:
    """Await one Web API call, turning its failures into the port's three kinds of failure."""
    try:
        response = await call
    except SlackApiError as error:
        raise failure_of(error) from error
    except (TimeoutError, aiohttp.ClientError) as error:
        raise TransientFailure(f"Slack unreachable: {error!r}") from error
    TOKEN_ALARM.clear()
    return response


def failure_of(error: SlackApiError) -> RateLimited | TransientFailure | PermanentFailure:
    # A JSON answer comes as a SlackResponse; an HTML error page as the raw aiohttp response.
    response = error.response
    data = getattr(response, "data", None)
    code = str(data.get("error", "")) if isinstance(data, dict) else ""
    status = int(getattr(response, "status_code", None) or getattr(response, "status", 0) or 0)
    if status == 429 or code == "ratelimited":
        headers = getattr(response, "headers", None)
        return RateLimited(_retry_after(headers), f"Slack rate limit ({code or status})")
    if code in _TOKEN_ERRORS:
        TOKEN_ALARM.raise_once(code)
        return TransientFailure(f"Slack token not accepted: {code}")
    if status >= 500 or code in _TRANSIENT_ERRORS:
        return TransientFailure(f"Slack error {status} {code}".strip())
    return PermanentFailure(f"Slack refused: {code or status}")


def error_code(failure: BaseException) -> str:
    """Slack's error code (``missing_scope``...) behind a failure raised by slack_call, or ""."""
    cause = failure.__cause__
    data = getattr(getattr(cause, "response", None), "data", None)
    return str(data.get("error", "")) if isinstance(data, dict) else ""


def _retry_after(headers: Any) -> float:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                break
    return 1.0
