"""The Discord client: intents, command tree, persistent buttons, modal submits, sync and lifecycle."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import build_commands
from adapters.discord.interactions import InteractionHandler, refuse
from adapters.discord.messenger import DiscordMessenger
from adapters.discord.options import parse_shard_ids
from adapters.discord.render import NO_MENTIONS, PartnerButton
from adapters.platforms import AdapterRefused
from bot.app import Core
from bot.config import Settings

log = logging.getLogger(__name__)

MAX_RATE_LIMIT_WAIT_SECONDS = 30.0  # discord.py's minimum for this setting


def intents() -> discord.Intents:
    """Only GUILDS: interactions carry the member and their permissions, so no privileged intent."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    return chosen


class PartnerBot(discord.AutoShardedClient):
    """One process (all shards, or the ``--shard-ids`` given) answering partnerbot's interactions."""

    def __init__(self, core: Core, settings: Settings) -> None:
        shard_ids = _shard_ids(settings)
        sharding: dict[str, Any] = {"shard_ids": shard_ids} if shard_ids is not None else {}
        super().__init__(
            intents=intents(),
            allowed_mentions=NO_MENTIONS,
            shard_count=settings.discord_shard_count,
            # Longer waits surface as RateLimited, so the outbox reschedules instead of blocking.
            max_ratelimit_timeout=MAX_RATE_LIMIT_WAIT_SECONDS,
            **sharding,
        )
        self.core = core
        self.settings = settings
        self.tree: app_commands.CommandTree[PartnerBot] = app_commands.CommandTree(self)
        self.handler = InteractionHandler(core, self.http)
        self.messenger = DiscordMessenger(self, core.storage)
        for command in build_commands(core, self.handler):
            self.tree.add_command(command)
        self.tree.on_error = self._on_command_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        # Buttons are matched by custom id pattern, so clicks on old messages work after a restart.
        self.add_dynamic_items(PartnerButton)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Development: instant per-guild commands. Production: global ones with --sync-commands."""
        if self.settings.discord_dev_guild_id:
            guild = discord.Object(id=int(self.settings.discord_dev_guild_id))
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild.id)
        if self.settings.discord_sync_commands:
            synced = await self.tree.sync()
            log.info("synced %d global commands (Discord may take up to an hour to show them)", len(synced))

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        # Modal submits are routed by custom id, not by discord.py's modal store, so a form
        # opened before a restart still saves.
        if interaction.type is discord.InteractionType.modal_submit:
            await self.handler.submit(interaction)

    async def on_partner_click(
        self, interaction: discord.Interaction[Any], guild_id: int | None, action: str, value: str
    ) -> None:
        await self.handler.click(interaction, guild_id, action, value)

    async def _on_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        log.warning("command %s failed: %s", interaction.command and interaction.command.name, error)
        message = "Something went wrong on my side; please try again in a minute."
        if isinstance(error, app_commands.TransformerError):
            message = f"I could not understand “{error.value}”; please pick it from the list."
        await refuse(interaction, message)


def _shard_ids(settings: Settings) -> list[int] | None:
    try:
        shard_ids = parse_shard_ids(settings.discord_shard_ids)
    except ValueError as bad:
        raise AdapterRefused(str(bad)) from None
    if shard_ids is not None and settings.discord_shard_count is None:
        raise AdapterRefused("--shard-ids needs --shard-count: the total number of shards of all processes.")
    return shard_ids


async def start_discord(core: Core, settings: Settings, bot: PartnerBot | None = None) -> None:
    """Run the bot until the process is stopped; closes the gateway connection on the way out.

    Pass a ``bot`` built beforehand to hand ``bot.messenger`` to the outbox worker first.
    """
    bot = bot or PartnerBot(core, settings)
    async with bot:
        try:
            await bot.start(settings.discord_token)
        except discord.LoginFailure:
            raise AdapterRefused(
                "Discord refused DISCORD_TOKEN. Copy the bot token again from the Developer Portal "
                "(Bot → Reset Token) into .env; see docs/discord.md."
            ) from None
