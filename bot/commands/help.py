"""/help: one line per command, from the same specs that route them."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.registry import CommandSpec
from bot.domain.models import Actor
from bot.services.reply import Item, Reply


def help_command(list_commands: Callable[[], list[CommandSpec]]) -> CommandSpec:
    async def show_help(actor: Actor, args: str) -> Reply:
        del args
        visible = [s for s in list_commands() if actor.is_manager or not s.managers_only]
        return Reply(
            title="partnerbot commands",
            text="Find partners whose skills complement yours.",
            items=tuple(Item(title=spec.usage, body=spec.summary) for spec in visible),
        )

    return CommandSpec("help", "/help", "List the commands.", show_help)
