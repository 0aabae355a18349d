"""Bolt listeners: acknowledge at once, ask the core, then answer (response_url, modal, DM, Home tab)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack import translate
from adapters.slack.directory import SlackDirectory
from adapters.slack.home import home_sections
from adapters.slack.messenger import SlackMessenger
from adapters.slack.render import form_errors, home_view, modal, reply_blocks, reply_text
from bot.app import Core
from bot.domain.models import Actor, CommunityRef
from bot.services.reply import Attachment, Reply, Tone

log = logging.getLogger(__name__)

DEDUPE_SECONDS = 15 * 60
OOPS = Reply.error("Something went wrong on my side; please try again in a minute.")
EXPIRED = Reply.error("Slack gave me too little time to open the form; please run the command again.")


class RecentKeys:
    """Keys seen in the last few minutes: Slack's retries arrive within that window."""

    def __init__(self, ttl: float = DEDUPE_SECONDS, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._now = monotonic
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str) -> bool:
        now = self._now()
        while self._seen and next(iter(self._seen.values())) < now - self._ttl:
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class Listeners:
    """The handlers Bolt calls; each acknowledges first and keeps count of the work still running."""

    def __init__(self, core: Core, directory: SlackDirectory, messenger: SlackMessenger) -> None:
        self.core = core
        self.directory = directory
        self.messenger = messenger
        self.seen = RecentKeys()
        self._running = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def register(self, app: AsyncApp) -> None:
        app.middleware(self.drop_retries)
        app.command(re.compile(r"^/"))(self.on_command)
        app.action(re.compile(f"^({translate.ACTION_PREFIX}|{translate.PAGE_PREFIX})"))(self.on_click)
        app.view(translate.FORM_CALLBACK_ID)(self.on_submit)
        app.event("app_home_opened")(self.on_home_opened)

    async def settled(self, seconds: float = 10.0) -> None:
        """Wait until the work started after acknowledgements has finished (tests, shutdown)."""
        # Bolt acknowledges events itself and schedules their listener as a task: let it start.
        for _ in range(3):
            await asyncio.sleep(0)
        async with asyncio.timeout(seconds):
            await self._idle.wait()

    @asynccontextmanager
    async def _working(self) -> AsyncIterator[None]:
        self._running += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._running -= 1
            if not self._running:
                self._idle.set()

    async def drop_retries(
        self, body: dict[str, Any], next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """A gesture Slack delivers twice (X-Slack-Retry-Num, Socket Mode retry) is handled once."""
        key = translate.dedupe_key(body)
        if key and not self.seen.first_time(key):
            log.info("ignoring a repeated delivery of %s", key)
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def actor(self, body: dict[str, Any]) -> Actor:
        team, user = translate.team_id(body), translate.user_id(body)
        fallback = str(body.get("user_name") or (body.get("user") or {}).get("name") or "")
        group = await self._manager_group(team)
        person = await self.directory.person(team, user, fallback, group)
        return translate.actor(team, user, person.display_name, person.is_manager)

    async def _manager_group(self, team: str) -> str:
        """The user group a manager named with /community setup manager_role (a Slack id, S…)."""
        async with self.core.storage.transaction(CommunityRef(translate.PLATFORM, team)) as uow:
            settings = await uow.communities.settings()
        chosen = getattr(settings, "manager_role", "") or settings.extra.get("manager_role") or ""
        return str(chosen) if str(chosen).startswith("S") else ""

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        async with self._working():
            await ack()
            try:
                actor = await self.actor(body)
                reply = await self.core.router.run(actor, translate.command_line(body))
                await self.answer(reply, body, actor)
            except Exception:
                log.exception("slash command %s failed", body.get("command"))
                await self.answer(OOPS, body, None)

    async def on_click(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        async with self._working():
            await ack()
            click = translate.click(body)
            if click is None:
                return
            try:
                actor = await self.actor(body)
                reply = await self.core.router.click(actor, click.action, click.value)
                # A one-shot button's message (the preview) is replaced, so its buttons are gone.
                one_shot = self.core.router.is_one_shot(click.action) and reply.tone is not Tone.ERROR
                await self.answer(reply, body, actor, replace_original=click.replaces_original or one_shot)
            except Exception:
                log.exception("button %s failed", click.action)
                await self.answer(OOPS, body, None)

    async def on_submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Saved before acknowledging, so that a bad answer is shown under its field in the modal."""
        async with self._working():
            submitted = translate.submission(body)
            try:
                actor = await self.actor(body)
                reply = await self.core.router.submit(actor, submitted.submit_action, submitted.values)
            except Exception:
                log.exception("form %s failed", submitted.submit_action)
                await ack(response_action="errors", errors=form_errors(OOPS.text, submitted.labels))
                return
            errors = form_errors(reply.text, submitted.labels) if reply.tone is Tone.ERROR else {}
            if errors:
                await ack(response_action="errors", errors=errors)
                return
            await ack()
            if submitted.from_home:
                await self.publish_home(actor, banner=reply)
            elif submitted.response_url:
                await self._to_response_url(submitted.response_url, reply, replace_original=False)
            else:
                await self._direct_message(actor.member_id, reply)

    async def on_home_opened(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab") != "home":
            return
        async with self._working():
            await self.publish_home(await self.actor(body))

    async def publish_home(self, actor: Actor, banner: Reply | None = None) -> None:
        view = home_view(await home_sections(self.core, actor), banner)
        await self.messenger.client.views_publish(user_id=actor.member_id, view=view)

    async def answer(
        self, reply: Reply, body: dict[str, Any], actor: Actor | None, *, replace_original: bool = False
    ) -> None:
        """Show ``reply`` where the gesture came from: a modal, the Home tab, or the conversation."""
        if reply.form is not None:
            await self._open_form(reply, body)
            return
        if reply.attachment is not None and actor is not None:
            await self._send_file(actor.member_id, reply.attachment)
        if translate.is_from_home(body) and actor is not None:
            await self.publish_home(actor, banner=reply)
        elif body.get("response_url"):
            await self._to_response_url(str(body["response_url"]), reply, replace_original)
        else:
            await self._direct_message(translate.user_id(body), reply)

    async def _open_form(self, reply: Reply, body: dict[str, Any]) -> None:
        assert reply.form is not None
        metadata = translate.form_metadata(
            reply.form.submit_action, str(body.get("response_url") or ""), translate.is_from_home(body)
        )
        try:
            await self.messenger.client.views_open(
                trigger_id=body["trigger_id"], view=modal(reply.form, metadata)
            )
        except SlackApiError as error:
            log.warning("views.open failed: %s", error.response.get("error"))
            await self.answer(EXPIRED, {**body, "trigger_id": None}, None)

    async def _to_response_url(self, url: str, reply: Reply, replace_original: bool) -> None:
        response = await AsyncWebhookClient(url).send(
            text=reply_text(reply),
            blocks=reply_blocks(reply),
            response_type="ephemeral" if reply.ephemeral else "in_channel",
            replace_original=replace_original,
        )
        if response.status_code != 200:
            log.warning("response_url answered %s: %s", response.status_code, response.body)

    async def _direct_message(self, user: str, reply: Reply) -> None:
        channel = await self.messenger.open_conversation((user,))
        await self.messenger.client.chat_postMessage(
            channel=channel, text=reply_text(reply), blocks=reply_blocks(reply)
        )

    async def _send_file(self, user: str, attachment: Attachment) -> None:
        channel = await self.messenger.open_conversation((user,))
        await self.messenger.client.files_upload_v2(
            channel=channel,
            content=attachment.content,
            filename=attachment.filename,
            title=attachment.filename,
        )
