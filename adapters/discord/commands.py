"""Application commands: the console's verbs grouped the Discord way, each sent to the router as a line."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord.interactions import InteractionHandler, refuse
from adapters.discord.translate import command_line, community_for, setup_line, tag_choices, timezone_choices
from bot.app import Core
from bot.domain.errors import UserError
from bot.domain.models import Visibility
from bot.services.board import board_search_words

Interaction = discord.Interaction[Any]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Cadence = Literal["weekly", "biweekly", "monthly"]

# What the bot needs in the matches channel to meet each group in a private thread.
MATCHES_PERMISSIONS = {
    "view_channel": "View Channel",
    "send_messages_in_threads": "Send Messages in Threads",
    "create_private_threads": "Create Private Threads",
    "embed_links": "Embed Links",
}


AnyCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


def build_commands(core: Core, handler: InteractionHandler) -> list[AnyCommand]:
    """Every verb of DESIGN.md; the core decides who may run what and answers unknown verbs."""
    run = handler.command

    async def known_tags(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        tags = await _tags(core, interaction.guild_id, current.rpartition(",")[2])
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
        elif await _is_guild_member(interaction, member):
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
    @app_commands.autocomplete(what=known_tags)
    async def find(interaction: Interaction, what: str) -> None:
        await run(interaction, command_line("find", what))

    @app_commands.command(name="introduce", description="Ask for a double opt-in intro to a member")
    async def introduce(interaction: Interaction, member: discord.User, why: str | None = None) -> None:
        if await _is_guild_member(interaction, member):
            await run(interaction, command_line("introduce", member.id, why))

    @app_commands.command(name="introduce-me", description="Get introduced to someone who can help")
    @app_commands.autocomplete(need=known_tags)
    async def introduce_me(interaction: Interaction, need: str) -> None:
        await run(interaction, command_line("introduce-me", need))

    @app_commands.command(name="block", description="Never be matched or introduced to this member")
    async def block(interaction: Interaction, member: discord.User) -> None:
        if await _is_guild_member(interaction, member):
            await run(interaction, command_line("block", member.id))

    @app_commands.command(name="unblock", description="Undo a block")
    async def unblock(interaction: Interaction, member: discord.User) -> None:
        await run(interaction, command_line("unblock", member.id))

    @app_commands.command(name="help", description="List partnerbot's commands")
    async def help_(interaction: Interaction) -> None:
        await run(interaction, "/help")

    my_data = app_commands.Group(
        name="my-data", description="Your data: export it or delete it", guild_only=True
    )

    @my_data.command(name="export", description="Download everything partnerbot stores about you")
    async def export(interaction: Interaction) -> None:
        await run(interaction, "/my-data export")

    @my_data.command(name="delete", description="Delete everything partnerbot stores about you")
    async def delete(interaction: Interaction) -> None:
        await run(interaction, "/my-data delete")

    rounds = _rounds_group(run, timezones)
    community = _community_group(run)
    every: list[AnyCommand] = [
        *(intro, profile, offer, need, board, find, introduce, introduce_me, block, unblock, help_),
        *(my_data, rounds, community),
    ]
    for command in every:
        app_commands.guild_only(command)  # members and settings belong to a server
    return every


def _rounds_group(run: Any, timezones: Any) -> app_commands.Group:
    rounds = app_commands.Group(
        name="rounds", description="Match rounds: join, pause, schedule", guild_only=True
    )

    for verb, description in [
        ("join", "Join the match rounds"),
        ("leave", "Leave the match rounds"),
        ("status", "Where the rounds stand"),
        ("preview", "Managers: see the next round's groups before they go out"),
        ("run-now", "Managers: match and deliver a round now"),
        ("cancel", "Managers: cancel the scheduled or pending round"),
    ]:
        rounds.add_command(_fixed(verb, description, f"/rounds {verb}", run))

    @rounds.command(name="pause", description="Skip rounds for a while")
    @app_commands.describe(duration="How long, e.g. 2w, 1 month")
    async def pause(interaction: Interaction, duration: str) -> None:
        await run(interaction, command_line("rounds", "pause", duration))

    @rounds.command(name="schedule", description="Managers: when rounds run")
    @app_commands.describe(time="HH:MM, 24-hour clock", group_size="People per group (2 to 4)")
    @app_commands.autocomplete(timezone=timezones)
    async def schedule(
        interaction: Interaction,
        cadence: Cadence,
        weekday: Weekday,
        time: str,
        timezone: str,
        group_size: app_commands.Range[int, 2, 4] | None = None,
    ) -> None:
        await run(
            interaction, command_line("rounds", "schedule", cadence, weekday, time, timezone, group_size)
        )

    @rounds.command(name="settings", description="Managers: show or change round settings")
    @app_commands.describe(changes="e.g. lookback=4 odd=trio (leave empty to show them)")
    async def settings(interaction: Interaction, changes: str | None = None) -> None:
        await run(interaction, command_line("rounds", "settings", changes))

    @rounds.command(name="swap", description="Managers: swap two members between previewed groups")
    async def swap(interaction: Interaction, member: discord.User, other: discord.User) -> None:
        if await _is_guild_member(interaction, member) and await _is_guild_member(interaction, other):
            await run(interaction, command_line("rounds", "swap", member.id, other.id))

    return rounds


def _community_group(run: Any) -> app_commands.Group:
    community = app_commands.Group(
        name="community", description="Managers: set up and see stats", guild_only=True
    )
    stats = "Managers: participation, meetings, supply and demand"
    community.add_command(_fixed("stats", stats, "/community stats", run))

    @community.command(name="setup", description="Managers: channels and manager role")
    @app_commands.describe(
        intro_channel="Where new intros are announced",
        board_channel="Where new offers and needs are posted",
        matches_channel="Where each group meets in a private thread",
        manager_role="Members with this role can manage partnerbot (besides Manage Server)",
    )
    async def setup(
        interaction: Interaction,
        intro_channel: discord.TextChannel | None = None,
        board_channel: discord.TextChannel | None = None,
        matches_channel: discord.TextChannel | None = None,
        manager_role: discord.Role | None = None,
    ) -> None:
        if matches_channel is not None:
            missing = _missing_permissions(interaction, matches_channel.id)
            if missing:
                await refuse(
                    interaction,
                    f"I need the {' and '.join(missing)} permission{'s' if len(missing) > 1 else ''} in "
                    f"#{matches_channel.name} to meet each group in a private thread there. Please grant "
                    "it to partnerbot's role (channel settings → Permissions), then run /community setup "
                    "again. Nothing was changed.",
                )
                return
        chosen = {
            "intro_channel": intro_channel.id if intro_channel else None,
            "board_channel": board_channel.id if board_channel else None,
            "matches_channel": matches_channel.id if matches_channel else None,
            "manager_role": manager_role.id if manager_role else None,
        }
        await run(interaction, setup_line(chosen))

    return community


def _fixed(name: str, description: str, line: str, run: Any) -> app_commands.Command[Any, ..., Any]:
    async def callback(interaction: Interaction) -> None:
        await run(interaction, line)

    return app_commands.Command(name=name, description=description, callback=callback)


def _missing_permissions(interaction: Interaction, channel_id: int) -> list[str]:
    """Names of what the bot lacks in a channel; empty when it is fine or the cache cannot say."""
    guild = interaction.guild
    channel = guild.get_channel(channel_id) if guild else None
    me = guild.me if guild else None
    if channel is None or me is None:
        return []
    granted = channel.permissions_for(me)
    return [label for flag, label in MATCHES_PERMISSIONS.items() if not getattr(granted, flag)]


async def _is_guild_member(interaction: Interaction, user: discord.User | discord.Member) -> bool:
    """Whether a chosen user belongs to this server (and is a person); tells the user otherwise."""
    if not isinstance(user, discord.Member) or user.guild.id != interaction.guild_id:
        await refuse(interaction, f"{user.display_name} is not a member of this server.")
        return False
    if user.bot:
        await refuse(interaction, f"{user.display_name} is a bot, not a member you can partner with.")
        return False
    return True


async def _tags(core: Core, guild_id: int, current: str) -> list[str]:
    """Tags of open posts on the board whose words start like ``current`` (autocomplete)."""
    try:
        words = board_search_words(current)
    except UserError:
        return []
    async with core.storage.transaction(community_for(guild_id)) as uow:
        posts, _ = await uow.posts.search(
            kind=None,
            word_prefixes=words[-1:],
            visibility=Visibility.EVERYONE,
            now=core.clock.now(),
            limit=50,
            offset=0,
        )
    return [tag for post in posts for tag in post.tags]
