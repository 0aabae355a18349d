"""Application commands: the console's verbs grouped the Discord way, each sent to the router as a line."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord.checks import is_guild_member
from adapters.discord.groups import community_group, digest_group, intro_settings_command, rounds_group
from adapters.discord.interactions import InteractionHandler
from adapters.discord.translate import command_line, community_for, tag_choices, timezone_choices
from bot.app import Core

Interaction = discord.Interaction[Any]
AnyCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


def build_commands(core: Core, handler: InteractionHandler) -> list[AnyCommand]:
    """Every verb of DESIGN.md; the core decides who may run what and answers unknown verbs."""
    run = handler.command

    async def known_tags(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        tags = await core.board.tags_starting(community_for(interaction.guild_id), current.rpartition(",")[2])
        return [app_commands.Choice(name=t, value=t) for t in tag_choices(tags, current)]

    async def timezones(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        del interaction
        return [app_commands.Choice(name=tz, value=tz) for tz in timezone_choices(current)]

    @app_commands.command(name="intro", description="Write or edit your partnership intro (a short form)")
    async def intro(interaction: Interaction) -> None:
        await run(interaction, "/intro")

    @app_commands.command(name="profile", description="Show your intro, or another member's")
    async def profile(interaction: Interaction, member: discord.User | None = None) -> None:
        if member is None:
            await run(interaction, "/profile")
        elif await is_guild_member(interaction, member):
            await run(interaction, command_line("profile", member.id))

    @app_commands.command(name="offer", description="Post what you can help with")
    @app_commands.describe(text="What you can help with, e.g. pitch decks, Python, bookkeeping")
    @app_commands.autocomplete(text=known_tags)
    async def offer(interaction: Interaction, text: str) -> None:
        await run(interaction, command_line("offer", text))

    @app_commands.command(name="need", description="Post what you need")
    @app_commands.describe(text="What you need", private="Use it for matching only; do not list it")
    @app_commands.autocomplete(text=known_tags)
    async def need(interaction: Interaction, text: str, private: bool = False) -> None:
        await run(interaction, command_line("need", "--private" if private else None, text))

    @app_commands.command(name="board", description="Browse and search offers and needs")
    @app_commands.autocomplete(search=known_tags)
    async def board(
        interaction: Interaction, kind: Literal["offers", "needs"] | None = None, search: str | None = None
    ) -> None:
        await run(interaction, command_line("board", kind, search))

    @app_commands.command(name="find", description="Members who can help with what you need, with reasons")
    @app_commands.describe(
        what="What you need (or what you offer, with who_needs); off/on hides or shows you in results",
        who_needs="Find members who need what you offer instead",
    )
    @app_commands.autocomplete(what=known_tags)
    async def find(interaction: Interaction, what: str, who_needs: bool = False) -> None:
        await run(interaction, command_line("find", "--who-needs" if who_needs else None, what))

    @app_commands.command(name="introduce", description="Introduce two members (both must accept)")
    async def introduce(
        interaction: Interaction, member: discord.User, other: discord.User, why: str | None = None
    ) -> None:
        if await is_guild_member(interaction, member) and await is_guild_member(interaction, other):
            await run(interaction, command_line("introduce", member.id, other.id, why))

    @app_commands.command(name="introduce-me", description="Ask a member for an intro (they choose)")
    async def introduce_me(interaction: Interaction, member: discord.User, why: str | None = None) -> None:
        if await is_guild_member(interaction, member):
            await run(interaction, command_line("introduce-me", member.id, why))

    @app_commands.command(name="block", description="Never be found by, matched or introduced to a member")
    @app_commands.describe(member="Leave empty to see whom you blocked")
    async def block(interaction: Interaction, member: discord.User | None = None) -> None:
        if member is None:
            await run(interaction, "/block")
        elif await is_guild_member(interaction, member):
            await run(interaction, command_line("block", member.id))

    @app_commands.command(name="unblock", description="Undo a block")
    async def unblock(interaction: Interaction, member: discord.User) -> None:
        await run(interaction, command_line("unblock", member.id))

    @app_commands.command(name="help", description="List partnerbot's commands")
    async def help_(interaction: Interaction) -> None:
        await run(interaction, "/help")

    my_data = app_commands.Group(name="my-data", description="Your data: export it or delete it")

    @my_data.command(name="export", description="Download everything partnerbot stores about you")
    async def export(interaction: Interaction) -> None:
        await run(interaction, "/my-data export")

    @my_data.command(name="delete", description="Delete everything partnerbot stores about you")
    async def delete(interaction: Interaction) -> None:
        await run(interaction, "/my-data delete")

    every: list[AnyCommand] = [
        *(intro, profile, offer, need, board, find, introduce, introduce_me, block, unblock, help_, my_data),
        rounds_group(run, timezones),
        community_group(run),
        digest_group(run, timezones),
        intro_settings_command(run),
    ]
    for command in every:
        app_commands.guild_only(command)  # members and settings belong to a server
    return every

