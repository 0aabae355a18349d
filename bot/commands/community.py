"""/community: managers' stats and setup."""

from __future__ import annotations

from bot.commands.arguments import parse_whole_number, usage_error
from bot.commands.registry import CommandSpec
from bot.domain.models import Actor
from bot.services.community import CommunitySetupService
from bot.services.reply import Reply
from bot.services.stats import DEFAULT_ROUNDS, StatsService

COMMUNITY_USAGE = (
    "/community stats [rounds] · "
    "/community setup [intro_channel|board_channel|matches_channel|manager_role <id>]"
)


class CommunityCommands:
    def __init__(self, stats: StatsService, setup: CommunitySetupService) -> None:
        self._stats = stats
        self._setup = setup

    def commands(self) -> list[CommandSpec]:
        return [
            CommandSpec(
                "community",
                COMMUNITY_USAGE,
                "Managers: participation, meeting rate and skill gaps; channels and manager role.",
                self.community,
                managers_only=True,
            )
        ]

    async def community(self, actor: Actor, args: str) -> Reply:
        sub, _, rest = args.strip().partition(" ")
        rest = rest.strip()
        match sub.lower():
            case "stats" | "":
                rounds = (
                    parse_whole_number(rest, "a number of rounds", "/community stats [rounds]")
                    if rest
                    else DEFAULT_ROUNDS
                )
                return await self._stats.stats(actor, rounds)
            case "setup":
                key, _, value = rest.partition(" ")
                return await self._setup.setup(actor, key, value)
            case _:
                raise usage_error(COMMUNITY_USAGE, f"“{sub}” is not a /community subcommand.")
