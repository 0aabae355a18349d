"""The Messenger port on Discord: a DM for one member, a private thread (plus pointer DMs) for a group."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any, Literal

import discord

from adapters.discord.failures import TOKEN_ALARM, delivery_failure
from adapters.discord.render import Rendered, fit_embed, render_reply
from adapters.discord.translate import community_setting, nonce_for, snowflake
from bot.delivery.ports import (
    DeliveryError,
    OutboundMessage,
    PermanentFailure,
    TransientFailure,
)
from bot.services.reply import Reply
from bot.storage.protocols import Storage

log = logging.getLogger(__name__)

PRIVATE_THREAD: Literal[12] = 12
ARCHIVE_AFTER_MINUTES: Literal[10080] = 10080  # a week: the group has time to talk before it hides
RECENT_MESSAGES = 50
FOOTER_MAX = 2048
MARKER_CHARS = 12  # 48 bits of the key's hash: no collision among a channel's last messages
ACTIVE_THREADS_TTL_SECONDS = 60.0
CHANNEL_PREFIX = "channel:"  # the core's recipient for a post in a channel instead of a DM
_THREAD_REFUSED = {50001, 50013, 160002}


class DiscordMessenger:
    """Sends outbox messages; each send carries a nonce derived from the idempotency key."""

    def __init__(self, client: discord.Client, storage: Storage) -> None:
        self._client = client
        self._storage = storage
        self._dm_channels: dict[int, int] = {}
        self._threads: dict[str, int] = {}
        self._thread_tags: dict[str, tuple[int, int]] = {}  # name tag -> (thread, parent channel)
        self._listed: dict[int, float] = {}  # guild -> when its active threads were last listed
        self._reached: dict[str, set[str]] = {}  # in-doubt DM groups: who already has the message

    async def deliver(self, message: OutboundMessage) -> str:
        if self._client.user is None:  # the outbox worker may start before login completes
            raise TransientFailure("not logged in to Discord yet")
        try:
            channel_id = _channel_recipient(message)
            if channel_id is not None:
                rendered = render_reply(message.reply)
                return f"channel:{channel_id}/{await self._send(channel_id, rendered, message.key)}"
            if len(message.recipients) == 1:
                return await self._direct(message, int(message.recipients[0]), message.key)
            return await self._group(message)
        except DeliveryError:
            raise
        except Exception as error:
            raise delivery_failure(error) from error

    async def was_delivered(self, message: OutboundMessage) -> bool:
        """Whether the message is in its channel already: same nonce, or our footer marker of its key."""
        if self._client.user is None:
            raise TransientFailure("not logged in to Discord yet")
        try:
            return await self._seen(message)
        except DeliveryError:
            raise
        except Exception as error:
            raise delivery_failure(error) from error

    async def _seen(self, message: OutboundMessage) -> bool:
        in_channel = _channel_recipient(message)
        if in_channel is not None:
            return await self._holds(in_channel, message.key)
        if len(message.recipients) == 1:
            channel_id = await self._dm_channel(int(message.recipients[0]))
            return await self._holds(channel_id, message.key)
        thread = await self._existing_thread(message)
        if thread is not None:
            return await self._holds(thread, message.key)
        # DMs naming the others: remember who has one, so the next deliver sends only to the rest.
        reached = set()
        for uid in message.recipients:
            if await self._holds(await self._dm_channel(int(uid)), f"{message.key}:{uid}"):
                reached.add(uid)
        self._reached[message.key] = reached
        return len(reached) == len(message.recipients)

    async def _holds(self, channel_id: int, key: str) -> bool:
        """Identical text is no proof (a later round may say the same): only this key's marks count."""
        recent = await self._client.http.logs_from(channel_id, RECENT_MESSAGES)
        me, nonce, mark = str(self._client.user.id if self._client.user else ""), nonce_for(key), marker(key)
        return any(
            str((m.get("author") or {}).get("id")) == me
            and (m.get("nonce") == nonce or _footer(m).endswith(mark))
            for m in recent
        )

    async def _direct(self, message: OutboundMessage, user_id: int, key: str, extra: str = "") -> str:
        channel_id = await self._dm_channel(user_id)
        guild_id = int(message.community.community_id)
        sent = await self._send(
            channel_id, render_reply(message.reply, extra_text=extra, guild_id=guild_id), key
        )
        return f"dm:{channel_id}/{sent}"

    async def _group(self, message: OutboundMessage) -> str:
        matches = snowflake(await self._setting(message, "matches_channel"))
        thread_id = None
        if matches is not None:
            try:
                thread_id = await self._thread(message, matches)
            except discord.HTTPException as error:
                if error.code not in _THREAD_REFUSED:
                    raise
                log.warning("no private thread in channel %s (%s); sending DMs instead", matches, error.text)
        if thread_id is None:
            return await self._dm_each(message)
        await self._add_members(message, thread_id)
        rendered = render_reply(message.reply, extra_text=_naming(message.recipients))
        sent = await self._send(thread_id, rendered, message.key)
        for uid in message.recipients:
            await self._pointer_dm(message, int(uid), thread_id)
        return f"thread:{thread_id}/{sent}"

    async def _thread(self, message: OutboundMessage, channel_id: int) -> int:
        """The group's private thread, created once: found again by its name tag after a restart."""
        existing = await self._existing_thread(message)
        if existing is not None:
            return existing
        http = self._client.http
        thread = await http.start_thread_without_message(
            channel_id,
            name=await self._thread_name(message),
            auto_archive_duration=ARCHIVE_AFTER_MINUTES,
            type=PRIVATE_THREAD,
            invitable=False,
        )
        thread_id = int(thread["id"])
        self._threads[message.key] = thread_id
        return thread_id

    async def _add_members(self, message: OutboundMessage, thread_id: int) -> None:
        """Adding is idempotent, so a delivery resumed after a crash completes the thread's members."""
        for uid in message.recipients:
            try:
                await self._client.http.add_user_to_thread(thread_id, int(uid))
            except discord.NotFound:
                log.info("member %s left before joining thread %s", uid, thread_id)

    async def _existing_thread(self, message: OutboundMessage) -> int | None:
        """A thread made for this key before (by this process, or found by its name tag)."""
        if message.key in self._threads:
            return self._threads[message.key]
        guild_id = int(message.community.community_id)
        listed_at = self._listed.get(guild_id)
        # One listing serves a whole round: every tagged thread is remembered, not just this one.
        if listed_at is None or time.monotonic() - listed_at >= ACTIVE_THREADS_TTL_SECONDS:
            active = await self._client.http.get_active_threads(guild_id)
            self._listed[guild_id] = time.monotonic()
            for thread in active.get("threads", []):
                if self._ours(thread):
                    tag = str(thread.get("name", "")).rpartition(" · ")[2]
                    self._thread_tags[tag] = (int(thread["id"]), int(thread.get("parent_id") or 0))
        found = self._thread_tags.get(_thread_tag(message.key).rpartition(" · ")[2])
        # Only a thread in the matches channel can be the group's: anything else is someone's lookalike.
        matches = snowflake(await self._setting(message, "matches_channel"))
        if found is None or found[1] != matches:
            return None
        self._threads[message.key] = found[0]
        return found[0]

    def _ours(self, thread: Mapping[str, Any]) -> bool:
        """A member can name a thread with any tag: adopt only private threads this bot created."""
        user = self._client.user
        return (
            user is not None
            and str(thread.get("owner_id")) == str(user.id)
            and thread.get("type") == PRIVATE_THREAD
        )

    async def _thread_name(self, message: OutboundMessage) -> str:
        async with self._storage.transaction(message.community) as uow:
            members = [await uow.members.get(uid) for uid in message.recipients]
        names = ", ".join(m.display_name if m else "a member" for m in members)
        tag = _thread_tag(message.key)
        return f"Partners: {names}"[: 100 - len(tag)] + tag

    async def _pointer_dm(self, message: OutboundMessage, user_id: int, thread_id: int) -> None:
        """Best effort: the thread already holds the message, so a closed DM loses nothing."""
        pointer = Reply(text="You have new partners!", ephemeral=False)
        rendered = render_reply(pointer, extra_text=f" Your group meets in <#{thread_id}>.")
        try:
            channel_id = await self._dm_channel(user_id)
            await self._send(channel_id, rendered, f"{message.key}:dm:{user_id}")
        except Exception as error:
            log.info("pointer DM to %s not sent: %s", user_id, error)

    async def _dm_each(self, message: OutboundMessage) -> str:
        """No thread possible: each member gets the message by DM, naming the others."""
        refs: list[str] = []
        failures: list[DeliveryError] = []
        reached = self._reached.pop(message.key, set())
        for uid in (r for r in message.recipients if r not in reached):
            extra = _with_others(message.recipients, uid)
            try:
                refs.append(await self._direct(message, int(uid), f"{message.key}:{uid}", extra))
            except Exception as error:
                failure = error if isinstance(error, DeliveryError) else delivery_failure(error)
                if not isinstance(failure, PermanentFailure):
                    raise failure from error
                failures.append(failure)
        if not refs and not reached:
            raise PermanentFailure(f"no member of the group could be reached: {failures[0]}")
        return " ".join(refs) or "dm:already delivered"

    async def _dm_channel(self, user_id: int) -> int:
        if user_id not in self._dm_channels:
            channel = await self._client.http.start_private_message(user_id)
            self._dm_channels[user_id] = int(channel["id"])
        return self._dm_channels[user_id]

    async def _send(self, channel_id: int, rendered: Rendered, key: str) -> int:
        channel = self._client.get_partial_messageable(channel_id)
        embed = rendered.embeds[0]
        # Nonces are forgotten by Discord within minutes: the footer carries the key for good.
        mark, shown = marker(key), embed.footer.text or ""
        shown = shown[: FOOTER_MAX - len(mark) - 4].rstrip()  # the mark must survive Discord's limit
        embed.set_footer(text=f"{shown} · {mark}" if shown else mark)
        fit_embed(embed)
        sent = await channel.send(**rendered.send_kwargs(), nonce=nonce_for(key))
        TOKEN_ALARM.clear()
        return sent.id

    async def _setting(self, message: OutboundMessage, name: str) -> object:
        async with self._storage.transaction(message.community) as uow:
            return community_setting(await uow.communities.settings(), name)


def _with_others(recipients: tuple[str, ...], uid: str) -> str:
    return "\n\nWith " + ", ".join(f"<@{other}>" for other in recipients if other != uid)


def _channel_recipient(message: OutboundMessage) -> int | None:
    """A post in a server channel (the digest): its one recipient is ``channel:<id>``."""
    if len(message.recipients) != 1 or not message.recipients[0].startswith(CHANNEL_PREFIX):
        return None
    return snowflake(message.recipients[0].removeprefix(CHANNEL_PREFIX))


def _naming(recipients: tuple[str, ...]) -> str:
    """Mentions of the group's members (inert: messages go out with no allowed mentions)."""
    return "\n\n" + ", ".join(f"<@{uid}>" for uid in recipients)


def _thread_tag(key: str) -> str:
    return f" · {nonce_for(key)[:8]}"


def marker(key: str) -> str:
    """The short reference of an outbox key shown in its message's footer (how was_delivered knows it)."""
    return f"ref {nonce_for(key)[:MARKER_CHARS]}"


def _footer(message: Mapping[str, Any]) -> str:
    embeds = message.get("embeds") or []
    return str(((embeds[0] if embeds else {}).get("footer") or {}).get("text") or "")
