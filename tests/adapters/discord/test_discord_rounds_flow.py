"""A whole round on Discord: setup, intros, join, run-now, outbox delivery into a private thread.

Runs once the rounds and delivery features are merged (skipped before).
"""

from __future__ import annotations

from typing import Any

from adapters.discord.translate import community_for, community_setting
from bot.delivery.outbox import OutboxWorker
from tests.adapters.discord.payloads import (
    ANA,
    BEN,
    CARA,
    GUILD,
    MANAGE_GUILD_PERMS,
    MANAGER_ROLE,
    MATCHES,
    answer,
    embed_text,
    feed,
    load,
    member,
    modal_submit,
    opt,
    slash,
    sub,
)

INTROS = {
    ANA["id"]: {
        "headline": "Founder of a battery recycler",
        "working_on": "Raising a seed round",
        "looking_for": "pitch coaching, investor decks",
        "strengths": "battery chemistry, supply chains",
    },
    BEN["id"]: {
        "headline": "Pitch coach for hardware founders",
        "working_on": "Growing my coaching practice",
        "looking_for": "supply chain experts, battery chemistry",
        "strengths": "pitch coaching, investor decks",
    },
}


def setup_payload() -> dict[str, Any]:
    guild = load("guild_create.json")
    channel = next(c for c in guild["channels"] if c["id"] == MATCHES)
    role = next(r for r in guild["roles"] if r["id"] == MANAGER_ROLE)
    return slash(
        "community",
        [sub("setup", [opt("matches_channel", MATCHES, 7), opt("manager_role", MANAGER_ROLE, 8)])],
        actor_member=member(CARA, permissions=MANAGE_GUILD_PERMS),
        resolved={"channels": {MATCHES: {**channel, "permissions": "0"}}, "roles": {MANAGER_ROLE: role}},
    )


async def test_a_round_from_setup_to_the_groups_private_thread(bot, fake, core):
    setup = setup_payload()
    await feed(bot, setup)
    assert "Saved manager_role." in embed_text(answer(fake, setup)["data"])
    async with core.storage.transaction(community_for(GUILD)) as uow:
        stored = await uow.communities.settings()
    assert (community_setting(stored, "matches_channel"), community_setting(stored, "manager_role")) == (
        MATCHES,
        MANAGER_ROLE,
    )
    for person in (ANA, BEN):
        await feed(bot, modal_submit("pbform:0:intro.save", INTROS[person["id"]], who=person))
        join = slash("rounds", [sub("join")], who=person)
        await feed(bot, join)
        assert "You are in" in embed_text(answer(fake, join)["data"])

    refused = slash("rounds", [sub("run-now")], who=ANA)
    await feed(bot, refused)
    assert "Only community managers" in embed_text(answer(fake, refused)["data"])
    run = slash("rounds", [sub("run-now")], actor_member=member(BEN, roles=(MANAGER_ROLE,)))
    await feed(bot, run)
    assert "is on its way: 1 group(s)" in embed_text(answer(fake, run)["data"])

    worker = OutboxWorker(core.engine, bot.messenger, core.clock, rate_per_second=0)
    await worker.drain()
    [thread_id] = fake.threads
    assert fake.threads[thread_id]["parent_id"] == MATCHES
    assert sorted(fake.thread_members[thread_id][1:]) == sorted([ANA["id"], BEN["id"]])
    [pairing] = fake.messages[thread_id]
    assert "pitch coaching" in embed_text(pairing).lower()
