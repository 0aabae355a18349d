"""A double opt-in intro on Discord: ask, the DM with Accept, a click in that DM, both connected.

Runs once the intros and delivery features are merged (skipped before).
"""

from __future__ import annotations

from bot.delivery.outbox import OutboxWorker
from tests.adapters.discord.payloads import (
    ANA,
    BEN,
    GUILD,
    answer,
    buttons,
    click,
    embed_text,
    feed,
    member,
    modal_submit,
    opt,
    resolved_member,
    slash,
)

INTRO = {"headline": "Pitch coach", "working_on": "My practice", "looking_for": "Hardware founders"}


async def test_ask_accept_in_a_dm_after_a_restart_then_both_are_connected(start_bot, fake, core):
    bot = await start_bot()
    await feed(bot, modal_submit("pbform:0:intro.save", INTRO, who=BEN))  # Ben is a member with an intro
    ask = slash(
        "introduce-me",
        [opt("member", BEN["id"], 6), opt("why", "I need pitch coaching")],
        resolved=resolved_member(BEN),
    )
    await feed(bot, ask)
    assert answer(fake, ask)["data"]["flags"] & (1 << 6)

    await OutboxWorker(core.engine, bot.messenger, core.clock, rate_per_second=0).drain()
    ben_dm = fake.dm_channels[BEN["id"]]
    [request] = fake.messages[ben_dm]
    accept = next(b for b in buttons(request) if b["custom_id"].startswith(f"pb@{GUILD}:intro.accept:"))
    await bot.close()

    restarted = await start_bot()
    fake.add_guild_member(GUILD, member(BEN))
    dm_click = click(
        {"id": request["id"], "channel_id": ben_dm, "components": request["components"]},
        accept["custom_id"],
        who=BEN,
        dm=True,
    )
    await feed(restarted, dm_click)
    assert "You and Ana are connected" in embed_text(answer(fake, dm_click)["data"])

    await OutboxWorker(core.engine, restarted.messenger, core.clock, rate_per_second=0).drain()
    ana_dm = fake.dm_channels[ANA["id"]]
    # No matches channel is set up, so each gets a DM naming the other.
    [connected] = fake.messages[ana_dm]
    assert "Ana, meet Ben" in embed_text(connected) and f"<@{BEN['id']}>" in embed_text(connected)
    assert f"<@{ANA['id']}>" in embed_text(fake.messages[ben_dm][-1])
