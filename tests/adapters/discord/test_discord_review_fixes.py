"""Review findings on Discord: lookalike threads, masked links, fingerprints, revoked tokens, double sends."""

from __future__ import annotations

import re
from typing import Any

import pytest

from adapters.discord.failures import TOKEN_ALARM
from adapters.discord.messenger import PRIVATE_THREAD
from adapters.discord.render import render_reply
from adapters.discord.translate import nonce_for
from bot.delivery.ports import OutboundMessage, TransientFailure
from bot.services.reply import Field, Item, Reply
from tests.adapters.discord.payloads import (
    ANA,
    BEN,
    CARA,
    DAN,
    GENERAL,
    GUILD,
    MANAGE_GUILD_PERMS,
    MATCHES,
    answer,
    buttons,
    click,
    embed_text,
    feed,
    member,
    modal_submit,
    opt,
    raw_embed_text,
    slash,
    sub,
)
from tests.adapters.discord.test_discord_delivery import COMMUNITY, configure, members_exist, pairing
from tests.adapters.discord.test_discord_rounds_flow import INTROS

KEY = "round:1:group:1"


def lookalike(thread_id: str, **overrides: Any) -> dict[str, Any]:
    """A thread named with the group's tag, as a member could create one by hand."""
    thread = {
        "id": thread_id,
        "type": 11,
        "guild_id": GUILD,
        "parent_id": GENERAL,
        "name": f"lol · {nonce_for(KEY)[:8]}",
        "owner_id": DAN["id"],
        "member_count": 1,
        "message_count": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 10080,
            "archive_timestamp": "2026-11-23T00:00:00+00:00",
            "locked": False,
        },
    }
    return {**thread, **overrides}


@pytest.mark.parametrize(
    "overrides",
    [
        {},  # a member's public thread elsewhere
        {"type": PRIVATE_THREAD, "parent_id": MATCHES},  # a member's private thread in the right place
        {"type": PRIVATE_THREAD, "owner_id": "BOT", "parent_id": GENERAL},  # ours, but not in matches
    ],
)
async def test_a_thread_that_only_looks_like_the_groups_is_never_adopted(bot, fake, core, overrides):
    await members_exist(bot)
    await configure(core, matches_channel=MATCHES)
    evil = "990000000000000666"
    if overrides.get("owner_id") == "BOT":
        overrides = {**overrides, "owner_id": str(bot.user.id)}
    fake.threads[evil] = lookalike(evil, **overrides)
    fake.thread_members[evil] = [DAN["id"]]

    ref = await bot.messenger.deliver(await pairing(core, KEY))

    assert not ref.startswith(f"thread:{evil}/")
    assert fake.thread_members[evil] == [DAN["id"]]
    assert fake.calls("POST", rf"/channels/{evil}/messages") == []
    created = [t for t in fake.threads if t != evil]
    assert len(created) == 1 and ref.startswith(f"thread:{created[0]}/")
    assert set(fake.thread_members[created[0]]) >= {ANA["id"], BEN["id"]}


MASKED = "[discord.com/free-nitro](https://evil.example/steal)"


def live_link(text: str) -> bool:
    """A masked link Discord would render: an unescaped ``[``."""
    return re.search(r"(?<!\\)\[discord", text) is not None


async def test_a_masked_link_in_a_post_shows_as_typed_not_as_a_link(bot, fake, core):
    await feed(bot, slash("offer", [opt("text", f"Python mentoring {MASKED} **loud**")], who=BEN))
    board = slash("board", who=ANA)
    await feed(bot, board)

    sent = raw_embed_text(answer(fake, board)["data"])
    assert not live_link(sent) and "\\[discord.com/free-nitro](https://evil.example/steal)" in sent
    assert "**loud**" not in sent
    assert f"Python mentoring {MASKED} **loud**" in embed_text(answer(fake, board)["data"])


def test_member_text_is_escaped_everywhere_but_the_renderers_own_markup_stays() -> None:
    reply = Reply(
        title=f"t {MASKED}",
        text=f"x {MASKED}",
        fields=(Field(f"l {MASKED}", f"v {MASKED}"),),
        items_title="Offers",
        items=(Item(f"i {MASKED}", f"b {MASKED}", (Field("Skill", f"s {MASKED}"),), footer=f"f {MASKED}"),),
        footer=f"foot {MASKED}",
    )
    embed = render_reply(reply, extra_text=" <#123>").embeds[0].to_dict()
    everything = raw_embed_text({"embeds": [embed]})
    assert not live_link(everything)
    assert everything.count("\\[discord.com/free-nitro]") == 9
    assert "**Offers**" in everything and "**Skill:**" in everything and "-# f " in everything
    assert embed["description"].endswith(" <#123>")


async def test_send_it_now_strips_the_previews_buttons_at_the_first_click(bot, fake, core):
    for person in (ANA, BEN):
        await feed(bot, modal_submit("pbform:0:intro.save", INTROS[person["id"]], who=person))
        await feed(bot, slash("rounds", [sub("join")], who=person))
    manager = member(CARA, permissions=MANAGE_GUILD_PERMS)
    preview = slash("rounds", [sub("preview")], actor_member=manager)
    await feed(bot, preview)
    shown = answer(fake, preview)["data"]
    [send] = [b for b in buttons(shown) if b["label"] == "Send it now"]
    pressed = click(
        {"id": "1300000000000000555", "channel_id": GENERAL, **shown}, send["custom_id"], who=CARA
    )
    pressed["member"] = manager

    await feed(bot, pressed)

    update = answer(fake, pressed)
    assert update["type"] == 7 and update["data"]["components"] == []  # UPDATE_MESSAGE: no buttons left
    [result] = fake.calls("POST", r"/webhooks/\d+/[^/]+")[-1:]
    assert "on its way" in embed_text(result.body)


async def test_an_identical_message_of_another_round_is_not_taken_as_delivered(bot, fake, core):
    await members_exist(bot)
    no_match = Reply(
        title="No match for you this round",
        text="There was an odd number of members. You are first in line for the next round.",
        ephemeral=False,
    )
    first = OutboundMessage(f"round:1:unmatched:{ANA['id']}", COMMUNITY, (ANA["id"],), no_match)
    second = OutboundMessage(f"round:2:unmatched:{ANA['id']}", COMMUNITY, (ANA["id"],), no_match)
    await bot.messenger.deliver(first)
    for sent in (m for messages in fake.messages.values() for m in messages):
        sent["nonce"] = None  # Discord forgets nonces within minutes; the footer mark must do

    assert await bot.messenger.was_delivered(first) is True
    assert await bot.messenger.was_delivered(second) is False


async def test_a_revoked_token_keeps_messages_waiting_and_says_so_once(bot, fake, core, caplog):
    TOKEN_ALARM.clear()  # another test may have left it raised
    await members_exist(bot)
    unauthorized = {"message": "401: Unauthorized", "code": 0}
    for number in (1, 2):
        fake.fail_next("POST", r"/channels/\d+/messages", 401, unauthorized)
        with pytest.raises(TransientFailure):
            await bot.messenger.deliver(OutboundMessage(f"k:{number}", COMMUNITY, (ANA["id"],), Reply("hi")))

    alarms = [r for r in caplog.records if r.levelname == "ERROR" and "DISCORD_TOKEN" in r.getMessage()]
    assert len(alarms) == 1
