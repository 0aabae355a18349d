"""Answers Discord interactions through the core's router, within Discord's 3-second deadline."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, cast

import discord

from adapters.discord.render import (
    NO_MENTIONS,
    form_parts,
    form_values,
    more_button,
    render_modal,
    render_reply,
)
from adapters.discord.translate import (
    MORE_VALUE,
    actor_for,
    community_for,
    community_setting,
    decode_button,
    decode_form,
    dm_guild_of,
    is_manager,
    modal_values,
)
from bot.app import Core
from bot.domain.models import Actor
from bot.services.reply import Button, ButtonStyle, Reply, Tone

log = logging.getLogger(__name__)

# Discord drops an interaction not acknowledged within 3 s; past this we defer and follow up.
DEFER_AFTER_SECONDS = 2.0
Interaction = discord.Interaction[Any]


class InteractionHandler:
    """Turns slash commands, button clicks and modal submits into router calls and answers them."""

    def __init__(self, core: Core, http: discord.http.HTTPClient) -> None:
        self._core = core
        self._http = http

    async def command(self, interaction: Interaction, line: str, *more: str) -> None:
        """Run one command line (or several in order, stopping at the first error) and answer."""
        await self._answer(
            interaction, self._as_actor(interaction, None, lambda a: self._run(a, (line, *more)))
        )

    async def _run(self, actor: Actor, lines: tuple[str, ...]) -> Reply:
        reply = Reply()
        for line in lines:
            reply = await self._core.router.run(actor, line)
            if reply.tone is Tone.ERROR:
                break
        return reply

    async def click(self, interaction: Interaction, guild_id: int | None, action: str, value: str) -> None:
        part = 1 if value == MORE_VALUE else 0
        if self._core.router.is_one_shot(action) and not interaction.response.is_done():
            # The clicked message loses its buttons at once (UPDATE_MESSAGE); the answer follows up.
            await interaction.response.edit_message(view=None)
        work = self._as_actor(interaction, guild_id, lambda a: self._core.router.click(a, action, value))
        await self._answer(interaction, work, part)

    async def submit(self, interaction: Interaction) -> None:
        """A modal submit: one part of a form, merged into its other answers before saving."""
        data: dict[str, Any] = dict(interaction.data or {})
        decoded = decode_form(str(data.get("custom_id", "")))
        if decoded is None:
            return
        guild_id, submit_action, part = decoded
        values = modal_values(data.get("components", ()))
        work = self._as_actor(interaction, guild_id, lambda a: self._submit(a, submit_action, part, values))
        await self._answer(interaction, work)

    async def _as_actor(
        self, interaction: Interaction, dm_guild_id: int | None, call: Callable[[Actor], Awaitable[Reply]]
    ) -> Reply:
        """Resolve who acts (inside the deadline's clock, since it may read the DB or REST), then call."""
        actor = await self.actor(interaction, dm_guild_id)
        return await call(actor) if isinstance(actor, Actor) else actor

    async def _submit(self, actor: Actor, submit_action: str, part: int, values: dict[str, str]) -> Reply:
        opener = self._core.router.form_opener(submit_action)
        if opener is None:
            return await self._core.router.submit(actor, submit_action, values)
        current = await self._core.router.click(actor, opener, "")
        if current.form is None:
            return current
        # Only the keys of this form count, so a crafted payload cannot add fields.
        known = form_values(current.form)
        merged = known | {key: value for key, value in values.items() if key in known}
        reply = await self._core.router.submit(actor, submit_action, merged)
        more = more_button(current.form, opener) if part == 0 else None
        return _with_button(reply, more)

    async def actor(self, interaction: Interaction, dm_guild_id: int | None = None) -> Actor | Reply:
        """The acting member, or the error to show when there is no server to act in."""
        user = interaction.user
        guild_id = interaction.guild_id or dm_guild_id
        if guild_id is None:
            return Reply.error("Please use partnerbot commands in your server.")
        manager_role = await self._setting(guild_id, "manager_role")
        if interaction.guild_id is None:
            member = await self._member_of(guild_id, user.id)
            if member is None:
                return Reply.error("You are no longer a member of that server.")
            roles = [int(r) for r in member.get("roles", ())]
            name = member.get("nick") or user.display_name
            return actor_for(guild_id, user.id, name, is_manager(False, roles, manager_role))
        manage_guild = interaction.permissions.manage_guild
        roles = [role.id for role in getattr(user, "roles", ())]
        return actor_for(guild_id, user.id, user.display_name, is_manager(manage_guild, roles, manager_role))

    async def _member_of(self, guild_id: int, user_id: int) -> dict[str, Any] | None:
        """A DM click's member record in the server its button names (no member intent needed)."""
        try:
            member: dict[str, Any] = dict(await self._http.get_member(guild_id, user_id))
        except (discord.NotFound, discord.Forbidden):
            return None
        return member

    async def _setting(self, guild_id: int, key: str) -> object:
        async with self._core.storage.transaction(community_for(guild_id)) as uow:
            return community_setting(await uow.communities.settings(), key)

    async def _answer(self, interaction: Interaction, work: Awaitable[Reply], part: int = 0) -> None:
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_SECONDS)
        if not done and not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            reply = await task
        except Exception:
            log.exception("command failed for interaction %s", interaction.id)
            reply = Reply.error("Something went wrong on my side; please try again in a minute.")
        await self.respond(interaction, reply, part)

    async def respond(self, interaction: Interaction, reply: Reply, part: int = 0) -> None:
        """Send ``reply`` as the interaction's answer: a modal for a form, else embeds and buttons."""
        dm_guild = _dm_guild(interaction)
        if reply.form is not None:
            if not interaction.response.is_done():
                part = min(part, form_parts(reply.form) - 1)
                await interaction.response.send_modal(render_modal(reply.form, part, dm_guild))
                return
            # Too late for a modal (we deferred): offer a button that opens it at once.
            opener = self._core.router.form_opener(reply.form.submit_action)
            buttons = (Button("Open the form", opener, style=ButtonStyle.PRIMARY),) if opener else ()
            reply = Reply(text="Your form is ready.", buttons=buttons)
        rendered = render_reply(reply, guild_id=dm_guild)
        if _turns_a_page(interaction, reply) and not interaction.response.is_done():
            # A page button replaces the listing in place instead of stacking new messages.
            await interaction.response.edit_message(
                embeds=rendered.embeds, view=rendered.view, allowed_mentions=NO_MENTIONS
            )
        elif interaction.response.is_done():
            await interaction.followup.send(**rendered.send_kwargs(), ephemeral=rendered.ephemeral)
        else:
            await interaction.response.send_message(**rendered.send_kwargs(), ephemeral=rendered.ephemeral)


async def refuse(interaction: Interaction, message: str) -> None:
    """An ephemeral error sent before any core call (a bad option, a missing permission)."""
    embed = discord.Embed(description=message, colour=discord.Colour.red())
    if interaction.response.is_done():
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


def _dm_guild(interaction: Interaction) -> int | None:
    """A DM click's or modal's server, so the buttons and modals of its answer keep naming it."""
    if interaction.guild_id is not None:
        return None
    data: Mapping[str, Any] = cast(Mapping[str, Any], interaction.data or {})
    return dm_guild_of(str(data.get("custom_id", "")))


def _turns_a_page(interaction: Interaction, reply: Reply) -> bool:
    if interaction.type is not discord.InteractionType.component or reply.page is None:
        return False
    data: Mapping[str, Any] = cast(Mapping[str, Any], interaction.data or {})
    decoded = decode_button(str(data.get("custom_id", "")))
    return decoded is not None and decoded[1] == reply.page.action


def _with_button(reply: Reply, button: Button | None) -> Reply:
    if button is None or reply.tone is Tone.ERROR:
        return reply
    return dataclasses.replace(reply, buttons=(*reply.buttons, button))
