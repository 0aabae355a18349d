"""Command sync, autocomplete, the 3-second deadline, and /community setup's permission check."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.discord import interactions
from adapters.discord.app import PartnerBot
from bot.commands.registry import CommandSpec
from bot.services.reply import Reply
from tests.adapters.discord.fake_discord import APP_ID
from tests.adapters.discord.payloads import (
    CARA,
    GUILD,
    LOCKED_MATCHES,
    MANAGE_GUILD_PERMS,
    MANAGER_ROLE,
    MATCHES,
    answer,
    embed_text,
    feed,
    load,
    member,
    opt,
    slash,
    sub,
)

DEFERRED_MESSAGE, AUTOCOMPLETE_RESULT = 5, 8
EXPECTED = {
    "intro",
    "profile",
    "offer",
    "need",
    "board",
    "find",
    "introduce",
    "introduce-me",
    "block",
    "unblock",
    "help",
    "my-data",
    "rounds",
    "community",
    "digest",
    "intro-settings",
}


async def test_development_sync_publishes_to_the_dev_guild_only(bot, fake):
    [synced] = fake.calls("PUT", rf"/applications/{APP_ID}/guilds/{GUILD}/commands")
    assert {c["name"] for c in synced.body} == EXPECTED
    rounds = next(c for c in synced.body if c["name"] == "rounds")
    assert {o["name"] for o in rounds["options"]} >= {"join", "pause", "schedule", "run-now", "swap"}
    assert fake.calls("PUT", rf"/applications/{APP_ID}/commands") == []


async def test_sync_commands_flag_publishes_globally(fake, core, settings):
    bot = PartnerBot(
        core, settings.model_copy(update={"discord_dev_guild_id": "", "discord_sync_commands": True})
    )
    await bot.login("fake-token")
    try:
        [synced] = fake.calls("PUT", rf"/applications/{APP_ID}/commands")
        assert {c["name"] for c in synced.body} == EXPECTED
        assert all(c.get("contexts") == [0] for c in synced.body)  # server-only commands
    finally:
        await bot.close()


async def test_sharding_options_reach_the_client(core, settings):
    bot = PartnerBot(core, settings.model_copy(update={"discord_shard_ids": "0,1", "discord_shard_count": 4}))
    assert (bot.shard_ids, bot.shard_count) == ([0, 1], 4)
    assert not bot.intents.members and not bot.intents.message_content and not bot.intents.presences


async def test_timezone_autocomplete(bot, fake):
    payload = load("interaction_autocomplete_timezone.json")
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["type"] == AUTOCOMPLETE_RESULT
    assert body["data"]["choices"][0] == {"name": "Europe/Berlin", "value": "Europe/Berlin"}


async def test_tag_autocomplete_offers_tags_from_the_board(bot, fake):
    await feed(bot, slash("offer", [opt("text", "Python, pitch decks")]))
    payload = slash("board", [{"name": "search", "type": 3, "value": "pit", "focused": True}])
    payload["type"] = 4
    await feed(bot, payload)
    assert answer(fake, payload)["data"]["choices"] == [{"name": "pitch decks", "value": "pitch decks"}]


async def test_slow_work_is_deferred_then_followed_up(bot, fake, core, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(interactions, "DEFER_AFTER_SECONDS", 0.05)
    original = core.router.run

    async def slow(actor: Any, line: str) -> Reply:
        await asyncio.sleep(0.3)
        return await original(actor, line)

    monkeypatch.setattr(core.router, "run", slow)
    payload = slash("offer", [opt("text", "Bookkeeping")])
    await feed(bot, payload)
    assert answer(fake, payload)["type"] == DEFERRED_MESSAGE
    [followup] = fake.calls("POST", rf"/webhooks/{APP_ID}/{payload['token']}")
    assert "Posted offer #1" in embed_text(followup.body)


def setup_payload(channel: str, role: str | None = None) -> dict[str, Any]:
    guild = load("guild_create.json")
    chosen = next(c for c in guild["channels"] if c["id"] == channel)
    options = [opt("matches_channel", channel, 7)]
    resolved: dict[str, Any] = {"channels": {channel: {**chosen, "permissions": MANAGE_GUILD_PERMS}}}
    if role:
        options.append(opt("manager_role", role, 8))
        resolved["roles"] = {role: next(r for r in guild["roles"] if r["id"] == role)}
    return slash(
        "community",
        [sub("setup", options)],
        actor_member=member(CARA, permissions=MANAGE_GUILD_PERMS),
        resolved=resolved,
    )


async def test_setup_names_the_missing_permission_and_changes_nothing(bot, fake, core, monkeypatch):
    lines: list[str] = []
    original = core.router.run

    async def recording(actor: Any, line: str) -> Reply:
        lines.append(line)
        return await original(actor, line)

    monkeypatch.setattr(core.router, "run", recording)

    async def saved(actor: Any, args: str) -> Reply:  # stands in for the rounds feature's /community
        return Reply.success(f"Saved {args.split()[1]}.")

    core.router.commands["community"] = CommandSpec("community", "/community setup", "Setup.", saved, True)
    payload = setup_payload(LOCKED_MATCHES)
    await feed(bot, payload)
    data = answer(fake, payload)["data"]
    assert data["flags"] & (1 << 6)
    assert "Create Private Threads permission in #locked-matches" in embed_text(data)
    assert lines == []

    fine = setup_payload(MATCHES, MANAGER_ROLE)
    await feed(bot, fine)
    assert "Saved manager_role." in embed_text(answer(fake, fine)["data"])
    assert lines == [
        f"/community setup matches_channel {MATCHES}",
        f"/community setup manager_role {MANAGER_ROLE}",
    ]
