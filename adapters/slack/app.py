"""The Slack app: builds the Bolt app around the core, and runs it in Socket Mode or HTTP mode."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.platforms import AdapterRefused
from adapters.slack.directory import SlackDirectory
from adapters.slack.listeners import Listeners
from adapters.slack.messenger import SlackMessenger, make_client
from bot.app import Core
from bot.config import Settings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


@dataclass
class SlackBot:
    """The Bolt app, the Web API client it answers with, and the Messenger for outbox deliveries."""

    app: AsyncApp
    client: AsyncWebClient
    messenger: SlackMessenger
    listeners: Listeners


def build_slack_bot(core: Core, settings: Settings, client: AsyncWebClient | None = None) -> SlackBot:
    """Wire listeners to the core; no I/O happens here (Bolt checks the token on the first request)."""
    if not settings.slack_app_token and not settings.slack_signing_secret.strip():
        # Bolt would answer every request 500 (or, worse, trust anyone who signs with an empty key).
        raise AdapterRefused(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (your app's Basic Information page, App "
            "Credentials) to check that requests come from Slack: set it, or set SLACK_APP_TOKEN "
            "to use Socket Mode instead."
        )
    client = client or make_client(settings.slack_bot_token, settings.slack_api_base_url)
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret,
        request_verification_enabled=True,
        process_before_response=False,
        logger=logging.getLogger("slack_bolt"),
    )
    messenger = SlackMessenger(client)
    listeners = Listeners(core, SlackDirectory(client, settings.slack_manager_usergroup), messenger)
    listeners.register(app)
    return SlackBot(app, client, messenger, listeners)


def http_app(bot: SlackBot) -> web.Application:
    """HTTP mode: Slack posts commands, clicks and events to /slack/events; signatures are checked."""

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bot.app.async_dispatch(await to_bolt_request(request)))

    async def health(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = web.Application()
    web_app.router.add_post(EVENTS_PATH, handle)
    web_app.router.add_get("/healthz", health)
    return web_app


async def serve_http(bot: SlackBot, port: int, host: str = "0.0.0.0") -> web.AppRunner:
    runner = web.AppRunner(http_app(bot))
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def start_slack(core: Core, settings: Settings) -> Coroutine[Any, Any, None]:
    """`partnerbot run`'s Slack part: Socket Mode with SLACK_APP_TOKEN, else HTTP on SLACK_HTTP_PORT."""
    return run_slack(core, settings)


async def run_slack(
    core: Core, settings: Settings, stop: asyncio.Event | None = None, bot: SlackBot | None = None
) -> None:
    """Run until ``stop`` is set or the task is cancelled: Socket Mode with an app token, else HTTP.

    Pass a ``bot`` built with build_slack_bot to hand its ``messenger`` to the outbox worker first.
    """
    bot = bot or build_slack_bot(core, settings)
    identity = await bot.client.auth_test()
    where = f"workspace {identity.get('team')} as @{identity.get('user')}"
    stop = stop or asyncio.Event()
    if settings.slack_app_token:
        handler = AsyncSocketModeHandler(bot.app, settings.slack_app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack: connected to %s (Socket Mode). Try /intro in Slack.", where)
        print(f"Slack: connected to {where} (Socket Mode). Members can now type /intro or /help.")
        try:
            await stop.wait()
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]
    else:
        runner = await serve_http(bot, settings.slack_http_port)
        print(
            f"Slack: connected to {where} (HTTP mode). Slack should post to "
            f"https://<your host>{EVENTS_PATH} (this process listens on port {settings.slack_http_port})."
        )
        try:
            await stop.wait()
        finally:
            await runner.cleanup()
    await bot.listeners.settled()
