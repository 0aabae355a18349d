"""Grouped and manager commands: /rounds, /community, /digest and /intro-settings, as core text lines."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord.checks import Run, fixed_command, is_guild_member, missing_permissions
from adapters.discord.interactions import refuse
from adapters.discord.translate import command_line, setup_lines

Interaction = discord.Interaction[Any]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Cadence = Literal["weekly", "biweekly", "monthly"]
Autocomplete = Any


def rounds_group(run: Run, timezones: Autocomplete) -> app_commands.Group:
    rounds = app_commands.Group(name="rounds", description="Match rounds: join, pause, schedule")
    for verb, description in [
        ("join", "Join the match rounds"),
        ("leave", "Leave the match rounds"),
        ("status", "Where the rounds stand"),
        ("preview", "Managers: see the next round's groups before they go out"),
        ("run-now", "Managers: match and deliver a round now"),
        ("cancel", "Managers: cancel the scheduled or pending round"),
    ]:
        rounds.add_command(fixed_command(verb, description, f"/rounds {verb}", run))

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
        line = command_line("rounds", "schedule", cadence, weekday, time, timezone, group_size)
        await run(interaction, line)

    @rounds.command(name="settings", description="Managers: show or change a round setting")
    @app_commands.describe(key="e.g. lookback (leave empty to show them all)", value="The new value")
    async def settings(interaction: Interaction, key: str | None = None, value: str | None = None) -> None:
        await run(interaction, command_line("rounds", "settings", key, value))

    @rounds.command(name="swap", description="Managers: swap two members between previewed groups")
    async def swap(interaction: Interaction, member: discord.User, other: discord.User) -> None:
        if await is_guild_member(interaction, member) and await is_guild_member(interaction, other):
            await run(interaction, command_line("rounds", "swap", member.id, other.id))

    return rounds


def community_group(run: Run) -> app_commands.Group:
    community = app_commands.Group(name="community", description="Managers: set up and see stats")

    @community.command(name="stats", description="Managers: participation, meetings, supply and demand")
    @app_commands.describe(rounds="How many recent rounds to count")
    async def stats(interaction: Interaction, rounds: app_commands.Range[int, 1, 52] | None = None) -> None:
        await run(interaction, command_line("community", "stats", rounds))

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
            missing = missing_permissions(interaction, matches_channel.id)
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
        await run(interaction, *setup_lines(chosen))

    return community


def digest_group(run: Run, timezones: Autocomplete) -> app_commands.Group:
    digest = app_commands.Group(name="digest", description="Managers: the weekly gives-and-asks digest")
    digest.add_command(fixed_command("status", "Managers: when the digest is posted", "/digest", run))
    digest.add_command(fixed_command("preview", "Managers: see this week's digest", "/digest preview", run))
    digest.add_command(fixed_command("off", "Managers: stop the digest", "/digest off", run))

    @digest.command(name="schedule", description="Managers: post the digest weekly in a channel")
    @app_commands.describe(hour="Hour of the day, 0 to 23")
    @app_commands.autocomplete(timezone=timezones)
    async def schedule(
        interaction: Interaction,
        channel: discord.TextChannel,
        weekday: Weekday,
        hour: app_commands.Range[int, 0, 23],
        timezone: str | None = None,
    ) -> None:
        await run(interaction, command_line("digest", channel.id, weekday, hour, timezone))

    return digest


def intro_settings_command(run: Run) -> app_commands.Command[Any, ..., Any]:
    @app_commands.command(name="intro-settings", description="Managers: intro answer days, open requests")
    @app_commands.describe(days="Days a member has to answer", max_open="Open requests per member")
    async def intro_settings(
        interaction: Interaction,
        days: app_commands.Range[int, 1, 90] | None = None,
        max_open: app_commands.Range[int, 1, 90] | None = None,
    ) -> None:
        parts = [*(("days", days) if days else ()), *(("max-open", max_open) if max_open else ())]
        await run(interaction, command_line("intro-settings", *parts))

    return intro_settings
