"""What the App Home tab shows a member: their intro, their open posts, their round, shortcuts."""

from __future__ import annotations

from bot.app import Core
from bot.domain.models import Actor
from bot.services.board import BOARD_ACTION
from bot.services.profiles import OPEN_INTRO_ACTION
from bot.services.reply import Button, ButtonStyle, Reply, Tone


async def home_sections(core: Core, actor: Actor) -> list[Reply]:
    """Each section is a core reply; verbs that other features add (rounds) appear once registered."""
    sections = [await core.router.run(actor, "/profile"), await core.board.mine(actor)]
    if "rounds" in core.router.commands:
        status = await core.router.run(actor, "/rounds status")
        if status.tone is not Tone.ERROR:
            sections.append(status)
    sections.append(
        Reply(
            text="Shortcuts (every command also works as a slash command: type /help).",
            buttons=(
                Button("Edit my intro", OPEN_INTRO_ACTION, style=ButtonStyle.PRIMARY),
                Button("Browse the board", BOARD_ACTION, "1"),
            ),
        )
    )
    return sections
