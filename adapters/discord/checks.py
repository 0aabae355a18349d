"""Checks on Discord options before the core sees them: real server members, the bot's permissions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from adapters.discord.interactions import refuse

Interaction = discord.Interaction[Any]
Run = Callable[..., Awaitable[None]]

# What the bot needs in the matches channel to meet each group in a private thread.
MATCHES_PERMISSIONS = {
    "view_channel": "View Channel",
    "send_messages_in_threads": "Send Messages in Threads",
    "create_private_threads": "Create Private Threads",
    "embed_links": "Embed Links",
}


def fixed_command(name: str, description: str, line: str, run: Run) -> app_commands.Command[Any, ..., Any]:
    async def callback(interaction: Interaction) -> None:
        await run(interaction, line)

    return app_commands.Command(name=name, description=description, callback=callback)


def missing_permissions(interaction: Interaction, channel_id: int) -> list[str]:
    """Names of what the bot lacks in a channel; empty when it is fine or the cache cannot say."""
    guild = interaction.guild
    channel = guild.get_channel(channel_id) if guild else None
    me = guild.me if guild else None
    if channel is None or me is None:
        return []
    granted = channel.permissions_for(me)
    return [label for flag, label in MATCHES_PERMISSIONS.items() if not getattr(granted, flag)]


async def is_guild_member(interaction: Interaction, user: discord.User | discord.Member) -> bool:
    """Whether a chosen user belongs to this server (and is a person); tells the user otherwise."""
    if not isinstance(user, discord.Member) or user.guild.id != interaction.guild_id:
        await refuse(interaction, f"{user.display_name} is not a member of this server.")
        return False
    if user.bot:
        await refuse(interaction, f"{user.display_name} is a bot, not a member you can partner with.")
        return False
    return True
