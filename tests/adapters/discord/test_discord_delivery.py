"""The Discord Messenger: a round's group in a private thread, DMs, failures mapped, 429s survived."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from adapters.discord.app import PartnerBot
from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import OutboundMessage, PermanentFailure, RateLimited, TransientFailure
from bot.domain.models import CommunityRef
from bot.services.reply import Button, Reply
from bot.services.reply_codec import reply_from_dict, reply_to_dict
from tests.adapters.discord.payloads import (
    ANA,
    BEN,
    BOARD,
    DAN,
    GUILD,
    LOCKED_MATCHES,
    MATCHES,
    embed_text,
    feed,
    opt,
    slash,
)

COMMUNITY = CommunityRef("discord", GUILD)
MESSAGES = r"/channels/\d+/messages"


async def configure(core: Any, **extra: object) -> None:
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.communities.ensure(name=GUILD, now=core.clock.now())
        current = await uow.communities.settings()
        await uow.communities.save_settings(dataclasses.replace(current, extra={**current.extra, **extra}))


async def pairing(core: Any, key: str = "round:1:group:1") -> OutboundMessage:
    """A pairing queued in the outbox as the rounds service does, read back as the worker would."""
    reply = Reply(
        title="Your partners this week",
        text="Ana needs a fundraising deck; Ben offered pitch coaching. @everyone",
        buttons=(Button("We met", "checkin.met", "1"), Button("Not yet", "checkin.not_yet", "1")),
        ephemeral=False,
    )
    payload = reply_to_dict(reply)
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.communities.ensure(name=GUILD, now=core.clock.now())
        assert await uow.outbox.enqueue(key, [ANA["id"], BEN["id"]], payload, core.clock.now())
    return OutboundMessage(key, COMMUNITY, (ANA["id"], BEN["id"]), reply_from_dict(payload))


async def members_exist(bot: Any) -> None:
    await feed(bot, slash("offer", [opt("text", "Fundraising")], who=ANA))
    await feed(bot, slash("offer", [opt("text", "Pitch coaching")], who=BEN))


async def test_a_group_meets_in_a_private_thread_with_a_dm_pointing_there(bot, fake, core):
    await members_exist(bot)
    await configure(core, matches_channel=MATCHES)
    message = await pairing(core)
    assert not await bot.messenger.was_delivered(message)

    ref = await bot.messenger.deliver(message)

    [created] = fake.calls("POST", rf"/channels/{MATCHES}/threads")
    assert created.body["type"] == 12 and created.body["invitable"] is False
    assert created.body["name"].startswith("Partners: Ana, Ben · ")
    thread_id = next(iter(fake.threads))
    assert fake.thread_members[thread_id][1:] == [ANA["id"], BEN["id"]]
    [in_thread] = fake.calls("POST", rf"/channels/{thread_id}/messages")
    assert in_thread.body["enforce_nonce"] is True and 0 < len(in_thread.body["nonce"]) <= 25
    assert in_thread.body["allowed_mentions"] == {"parse": []}
    text = embed_text(in_thread.body)
    assert "fundraising deck" in text and "@\u200beveryone" in text
    assert f"<@{ANA['id']}>, <@{BEN['id']}>" in text
    assert [c["custom_id"] for c in in_thread.body["components"][0]["components"]] == [
        "pb:checkin.met:1",
        "pb:checkin.not_yet:1",
    ]
    pointers = [r for r in fake.calls("POST", MESSAGES) if r.path != f"/channels/{thread_id}/messages"]
    assert len(pointers) == 2 and all(f"<#{thread_id}>" in embed_text(p.body) for p in pointers)
    assert ref.startswith(f"thread:{thread_id}/")
    assert await bot.messenger.was_delivered(message)


async def test_delivering_again_after_a_crash_sends_nothing_twice(start_bot, fake, core):
    bot = await start_bot()
    await members_exist(bot)
    await configure(core, matches_channel=MATCHES)
    message = await pairing(core)
    await bot.messenger.deliver(message)
    await bot.close()

    restarted = await start_bot()  # no memory of the thread or DM channels
    assert await restarted.messenger.was_delivered(message)
    await restarted.messenger.deliver(message)
    assert len(fake.threads) == 1
    assert sum(len(messages) for messages in fake.messages.values()) == 3  # thread + two pointer DMs


async def test_without_a_matches_channel_each_member_gets_a_dm_naming_the_others(bot, fake, core):
    message = await pairing(core)
    await bot.messenger.deliver(message)
    assert fake.calls("POST", r"/channels/\d+/threads") == []
    sent = fake.calls("POST", MESSAGES)
    assert len(sent) == 2
    assert f"With <@{BEN['id']}>" in embed_text(sent[0].body)
    assert f"With <@{ANA['id']}>" in embed_text(sent[1].body)
    # In a DM the buttons name the server, so a click there knows its community.
    assert sent[0].body["components"][0]["components"][0]["custom_id"] == f"pb@{GUILD}:checkin.met:1"


async def test_when_threads_are_refused_members_get_dms(bot, fake, core):
    await configure(core, matches_channel=LOCKED_MATCHES)
    fake.fail_next(
        "POST", rf"/channels/{LOCKED_MATCHES}/threads", 403, {"message": "Missing Permissions", "code": 50013}
    )
    await bot.messenger.deliver(await pairing(core))
    assert len(fake.calls("POST", MESSAGES)) == 2
    assert fake.threads == {}


async def test_closed_dms_are_a_permanent_failure(bot, fake, core):
    message = OutboundMessage("intro:7", COMMUNITY, (ANA["id"],), Reply(text="Ben would like an intro"))
    fake.fail_next("POST", MESSAGES, 403, {"message": "Cannot send messages to this user", "code": 50007})
    with pytest.raises(PermanentFailure, match="50007"):
        await bot.messenger.deliver(message)


async def test_opening_dms_too_fast_is_rate_limited(bot, fake):
    message = OutboundMessage("intro:8", COMMUNITY, (ANA["id"],), Reply(text="hello"))
    fake.fail_next(
        "POST",
        r"/users/@me/channels",
        400,
        {"message": "You are opening direct messages too fast.", "code": 40003},
        {"Retry-After": "30"},
    )
    with pytest.raises(RateLimited) as raised:
        await bot.messenger.deliver(message)
    assert raised.value.retry_after == 30


async def test_a_discord_outage_is_transient(bot, fake):
    message = OutboundMessage("intro:9", COMMUNITY, (ANA["id"],), Reply(text="hello"))
    fake.fail_next("POST", MESSAGES, 503, {"message": "Service Unavailable", "code": 0})
    with pytest.raises(TransientFailure):
        await bot.messenger.deliver(message)


@pytest.mark.parametrize("is_global", [False, True], ids=["bucket", "global"])
async def test_a_429_on_send_is_waited_out_with_nothing_lost_or_doubled(bot, fake, is_global):
    message = OutboundMessage("round:2:member:1", COMMUNITY, (ANA["id"],), Reply(text="Your partner: Ben"))
    fake.rate_limit_next("POST", MESSAGES, retry_after=0.05, is_global=is_global)
    await bot.messenger.deliver(message)
    attempts = fake.calls("POST", MESSAGES)
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[0].body["nonce"] == attempts[1].body["nonce"]
    assert sum(len(messages) for messages in fake.messages.values()) == 1


async def test_a_member_who_left_does_not_stop_the_group(bot, fake, core):
    await configure(core, matches_channel=MATCHES)
    fake.fail_next(
        "PUT", rf"/channels/\d+/thread-members/{BEN['id']}", 404, {"message": "Unknown Member", "code": 10007}
    )
    await bot.messenger.deliver(await pairing(core))
    thread_id = next(iter(fake.threads))
    assert fake.thread_members[thread_id][1:] == [ANA["id"]]
    assert fake.calls("POST", rf"/channels/{thread_id}/messages")


async def test_a_long_rate_limit_is_handed_back_to_the_outbox(bot, fake):
    message = OutboundMessage("round:3:member:1", COMMUNITY, (ANA["id"],), Reply(text="Your partner: Ben"))
    fake.rate_limit_next("POST", MESSAGES, retry_after=120.0)
    with pytest.raises(RateLimited) as raised:
        await bot.messenger.deliver(message)
    assert raised.value.retry_after == 120.0
    assert fake.messages.get(fake.dm_channels[ANA["id"]], []) == []


async def test_a_channel_recipient_is_posted_in_that_channel(bot, fake):
    digest = Reply(title="This week's gives and asks", text="@here 3 new offers", ephemeral=False)
    message = OutboundMessage("digest:2026-47", COMMUNITY, (f"channel:{BOARD}",), digest)
    assert not await bot.messenger.was_delivered(message)
    assert (await bot.messenger.deliver(message)).startswith(f"channel:{BOARD}/")
    [posted] = fake.calls("POST", rf"/channels/{BOARD}/messages")
    assert "@\u200bhere" in embed_text(posted.body) and posted.body["allowed_mentions"] == {"parse": []}
    assert fake.calls("POST", r"/users/@me/channels") == []
    assert await bot.messenger.was_delivered(message)


async def test_before_login_delivery_is_transient(core, settings):
    early = PartnerBot(core, settings)
    message = OutboundMessage("intro:10", COMMUNITY, (ANA["id"],), Reply(text="hello"))
    with pytest.raises(TransientFailure, match="not logged in"):
        await early.messenger.deliver(message)


async def test_an_interrupted_dm_group_is_finished_without_doubles(start_bot, fake, core):
    bot = await start_bot()
    message = await pairing(core)  # no matches channel: one DM each
    fake.dm_channels[BEN["id"]] = ben_dm = "1290000000000000002"
    fake.fail_next(
        "POST", rf"/channels/{ben_dm}/messages", 503, {"message": "Service Unavailable", "code": 0}
    )
    with pytest.raises(TransientFailure):
        await bot.messenger.deliver(message)  # Ana has hers, Ben's failed
    await bot.close()

    restarted = await start_bot()  # the outbox worker is in doubt: it asks first, then delivers
    assert not await restarted.messenger.was_delivered(message)
    await restarted.messenger.deliver(message)
    ana_dm = fake.dm_channels[ANA["id"]]
    assert len(fake.calls("POST", rf"/channels/{ana_dm}/messages")) == 1  # not sent again
    assert len(fake.messages[ben_dm]) == 1
    assert await restarted.messenger.was_delivered(message)


async def test_a_round_of_many_groups_lists_active_threads_once(bot, fake, core):
    await configure(core, matches_channel=MATCHES)
    for number in range(3):
        await bot.messenger.deliver(await pairing(core, key=f"round:5:group:{number}"))
    assert len(fake.threads) == 3
    assert len(fake.calls("GET", rf"/guilds/{GUILD}/threads/active")) == 1


async def test_the_outbox_worker_delivers_a_pairing_through_a_429_and_a_closed_dm(bot, fake, core):
    await members_exist(bot)
    await configure(core, matches_channel=MATCHES)
    await pairing(core, key="round:9:group:1")
    closed = Reply(text="Your partner this week: Ben")
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.outbox.enqueue("round:9:member:dan", [DAN["id"]], reply_to_dict(closed), core.clock.now())
    fake.dm_channels[DAN["id"]] = dan_dm = "1290000000000000004"
    fake.fail_next("POST", rf"/channels/{dan_dm}/messages", 403, {"message": "Cannot send", "code": 50007})
    fake.rate_limit_next("POST", r"/channels/\d+/messages", retry_after=0.05)

    stats = await OutboxWorker(core.engine, bot.messenger, core.clock, rate_per_second=0).drain()

    assert (stats.sent, stats.failed) == (1, 1)
    thread_id = next(iter(fake.threads))
    assert len(fake.messages[thread_id]) == 1  # sent once, after waiting out the 429
    assert fake.messages.get(dan_dm, []) == []
    async with core.storage.transaction(COMMUNITY) as uow:
        [failed] = await uow.outbox.failed_since(core.clock.now() - timedelta(days=1))
    assert failed.recipients == (DAN["id"],) and "50007" in failed.reason


async def test_a_thread_left_half_made_by_a_crash_is_completed_not_duplicated(start_bot, fake, core):
    bot = await start_bot()
    await configure(core, matches_channel=MATCHES)
    message = await pairing(core)
    fake.fail_next("PUT", rf"/channels/\d+/thread-members/{BEN['id']}", 503, {"message": "down", "code": 0})
    with pytest.raises(TransientFailure):
        await bot.messenger.deliver(message)  # thread made, Ana added, Ben not, nothing posted
    await bot.close()

    restarted = await start_bot()
    assert not await restarted.messenger.was_delivered(message)
    await restarted.messenger.deliver(message)
    [thread_id] = fake.threads
    assert sorted(fake.thread_members[thread_id][1:]) == sorted([ANA["id"], BEN["id"]])
    assert len(fake.messages[thread_id]) == 1
