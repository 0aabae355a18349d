"""`partnerbot run` end to end: gateway (GUILDS intent only), a slash command over it, outbox delivery."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import UTC, datetime

from adapters.discord.options import add_run_arguments, apply_run_arguments
from adapters.platforms import run_platforms
from bot.app import Core
from bot.config import Settings
from bot.domain.models import CommunityRef
from bot.services.reply import Reply
from bot.services.reply_codec import reply_to_dict
from tests.adapters.discord.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord.payloads import ANA, GUILD, answer, embed_text, load, opt, slash

GUILDS_INTENT = 1


async def test_run_connects_answers_commands_and_delivers_the_outbox(
    fake: FakeDiscord, settings: Settings, core: Core
):
    fake.gateway_guilds.append(load("guild_create.json"))
    configured = settings.model_copy(update={"discord_token": "fake-token", "health_port": 0})
    running = asyncio.create_task(run_platforms(configured))
    try:
        async with asyncio.timeout(10):
            await fake.until(
                lambda: fake.identified and fake.calls("PUT", rf"/applications/{APP_ID}/guilds/\d+/commands")
            )
            assert fake.identified["intents"] == GUILDS_INTENT  # no privileged intent
            payload = slash("offer", [opt("text", "Bookkeeping")])
            await fake.dispatch("INTERACTION_CREATE", payload)
            await fake.until(lambda: fake.interaction_answers(payload["id"]))
            assert "Posted offer #1" in embed_text(answer(fake, payload)["data"])

            # A message queued by any feature goes out through the Discord messenger.
            reply = Reply(text="Your partner this week: Ben", ephemeral=False)
            # (`run` uses the system clock, so the message is queued at the real time, not the test's.)
            async with core.storage.transaction(CommunityRef("discord", GUILD)) as uow:
                await uow.outbox.enqueue(
                    "round:1:m:ana", [ANA["id"]], reply_to_dict(reply), datetime.now(UTC)
                )
            await fake.until(lambda: fake.messages.get(fake.dm_channels.get(ANA["id"], ""), []))
        assert "Your partner this week: Ben" in embed_text(fake.messages[fake.dm_channels[ANA["id"]]][0])
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


async def test_run_without_tokens_explains_what_to_set(settings: Settings, capsys):
    assert await run_platforms(settings.model_copy(update={"discord_token": "", "slack_bot_token": ""})) == 2
    assert "DISCORD_TOKEN" in capsys.readouterr().err


async def test_shard_ids_without_a_count_are_refused_clearly(settings: Settings, capsys):
    chosen = settings.model_copy(update={"discord_token": "t", "discord_shard_ids": "0,1"})
    assert await run_platforms(chosen) == 2
    assert "--shard-ids needs --shard-count" in capsys.readouterr().err


def test_run_options_for_sync_and_sharding():
    parser = argparse.ArgumentParser()
    add_run_arguments(parser)
    chosen = apply_run_arguments(
        Settings(), parser.parse_args(["--sync-commands", "--shard-ids", "2,3", "--shard-count", "4"])
    )
    assert (chosen.discord_sync_commands, chosen.discord_shard_ids, chosen.discord_shard_count) == (
        True,
        "2,3",
        4,
    )
    assert apply_run_arguments(Settings(), parser.parse_args([])).discord_sync_commands is False


async def test_a_refused_token_stops_with_a_clear_message(fake: FakeDiscord, settings: Settings, capsys):
    fake.fail_next("GET", r"/users/@me", 401, {"message": "401: Unauthorized", "code": 0})
    assert await run_platforms(settings.model_copy(update={"discord_token": "wrong"})) == 2
    assert "Discord refused DISCORD_TOKEN" in capsys.readouterr().err
