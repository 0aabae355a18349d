"""What the App Home tab shows a member: their intro, their open posts, their round, shortcuts."""

from __future__ import annotations

from bot.app import Core
from bot.domain.models import Actor, PostStatus
from bot.services.board import BOARD_ACTION, KIND_LABEL
from bot.services.reply import Button, ButtonStyle, Item, Reply, Tone


async def home_sections(core: Core, actor: Actor) -> list[Reply]:
    """Each section is a core reply; verbs that other features add (rounds) appear once registered."""
    sections = [await core.router.run(actor, "/profile"), await _open_posts(core, actor)]
    if "rounds" in core.router.commands:
        status = await core.router.run(actor, "/rounds status")
        if status.tone is not Tone.ERROR:
            sections.append(status)
    sections.append(
        Reply(
            text="Shortcuts (every command also works as a slash command: type /help).",
            buttons=(
                Button("Edit my intro", "intro.open", style=ButtonStyle.PRIMARY),
                Button("Browse the board", BOARD_ACTION, "1"),
            ),
        )
    )
    return sections


async def _open_posts(core: Core, actor: Actor) -> Reply:
    async with core.storage.transaction(actor.community) as uow:
        mine = [p for p in await uow.posts.by_author(actor.member_id) if p.status is PostStatus.OPEN]
    if not mine:
        return Reply(
            title="My open posts",
            text="None yet: /offer what you can help with, /need what you need.",
        )
    return Reply(
        title="My open posts",
        items=tuple(
            Item(
                title=f"#{post.post_id} {KIND_LABEL[post.kind]}",
                body=post.text,
                buttons=(Button("Mark fulfilled", f"{post.kind.value}.close", str(post.post_id)),),
                footer=f"open until {post.expires_at.date().isoformat()}",
            )
            for post in mine[:10]
        ),
    )
