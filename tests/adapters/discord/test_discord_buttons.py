"""Buttons are persistent: clicks are routed by custom id, also after a restart and from DMs."""

from __future__ import annotations

from typing import Any

from bot.delivery.ports import OutboundMessage
from bot.domain.models import CommunityRef
from bot.services.reply import Button, Reply
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
    opt,
    slash,
)


def sent_message(fake: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """The message an interaction answer created, as Discord would show it in a later click."""
    data = answer(fake, payload)["data"]
    return {"id": "1600000000000000077", "channel_id": "910000000000000001", "components": data["components"]}


async def test_pagination_button_shows_the_next_page(bot, fake):
    for i in range(7):
        await feed(bot, slash("offer", [opt("text", f"Skill number {i}")]))
    board = slash("board", [opt("kind", "offers")])
    await feed(bot, board)
    message = sent_message(fake, board)
    nxt = click(message, "pb:board.page:2 offers")
    await feed(bot, nxt)
    body = answer(fake, nxt)
    assert body["type"] == 7  # UPDATE_MESSAGE: the listing is replaced in place
    data = body["data"]
    assert "Page 2 of 2" in embed_text(data)
    assert "Skill number 0" in embed_text(data)  # the oldest post is on the last page
    assert [b["custom_id"] for b in buttons(data)] == ["pb:board.page:1 offers"]


async def test_button_click_after_a_restart_still_works(start_bot, fake):
    first = await start_bot()
    offer = slash("offer", [opt("text", "Bookkeeping")])
    await feed(first, offer)
    message = sent_message(fake, offer)
    await first.close()

    restarted = await start_bot()  # a new client: nothing in memory but the registered patterns
    close = click(message, "pb:offer.close:1")
    await feed(restarted, close)
    assert "Marked offer #1 as fulfilled" in embed_text(answer(fake, close)["data"])


async def test_someone_else_cannot_close_my_post(bot, fake):
    offer = slash("offer", [opt("text", "Bookkeeping")])
    await feed(bot, offer)
    close = click(sent_message(fake, offer), "pb:offer.close:1", who=BEN)
    await feed(bot, close)
    data = answer(fake, close)["data"]
    assert data["flags"] & (1 << 6)
    assert "only its author can close it" in embed_text(data)


async def test_click_in_a_dm_acts_in_the_server_the_button_names(start_bot, fake, core):
    bot = await start_bot()
    await feed(bot, slash("offer", [opt("text", "Bookkeeping")]))
    # A DM from the outbox (say, an expiry reminder) with a button: its id names the server.
    reminder = Reply(text="Still open?", buttons=(Button("Mark fulfilled", "offer.close", "1"),))
    await bot.messenger.deliver(
        OutboundMessage("reminder:1", CommunityRef("discord", GUILD), (ANA["id"],), reminder)
    )
    dm = fake.calls("POST", r"/channels/\d+/messages")[-1]
    custom_id = dm.body["components"][0]["components"][0]["custom_id"]
    assert custom_id == f"pb@{GUILD}:offer.close:1"
    await bot.close()

    fake.add_guild_member(GUILD, member(ANA))
    restarted = await start_bot()
    message = {
        "id": "1600000000000000088",
        "channel_id": dm.path.split("/")[2],
        "components": dm.body["components"],
    }
    dm_click = click(message, custom_id, dm=True)
    await feed(restarted, dm_click)
    assert "Marked offer #1 as fulfilled" in embed_text(answer(fake, dm_click)["data"])


async def test_dm_click_by_someone_who_left_the_server_is_refused(bot, fake):
    message = {"id": "1600000000000000099", "channel_id": "1200000000000000999", "components": []}
    message["components"] = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 2, "label": "Yes", "custom_id": f"pb@{GUILD}:offer.close:1"}],
        }
    ]
    dm_click = click(message, f"pb@{GUILD}:offer.close:1", dm=True)
    await feed(bot, dm_click)
    assert "You are no longer a member of that server." in embed_text(answer(fake, dm_click)["data"])


async def test_a_stale_action_gets_a_clear_answer(bot, fake):
    message = {"id": "1600000000000000100", "channel_id": "910000000000000001", "components": []}
    message["components"] = [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "Old", "custom_id": "pb:gone.away:1"}]}
    ]
    stale = click(message, "pb:gone.away:1")
    await feed(bot, stale)
    assert "That button no longer works" in embed_text(answer(fake, stale)["data"])
