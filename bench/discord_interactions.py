"""Benchmark: interaction answer latency through discord.py + core + SQLite, and DM delivery throughput.

Run: python bench/discord_interactions.py [--n 300]. Uses the tests' fake Discord REST server on
localhost, so figures measure partnerbot and discord.py, not Discord's network.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import discord  # noqa: E402

from adapters.discord.app import PartnerBot  # noqa: E402
from bot.app import open_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.ports import OutboundMessage  # noqa: E402
from bot.domain.models import CommunityRef  # noqa: E402
from bot.services.reply import Reply  # noqa: E402
from tests.adapters.discord.fake_discord import FakeDiscord  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "discord"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


async def timed_interaction(bot: PartnerBot, fake: FakeDiscord, payload: dict[str, Any]) -> float:
    start = time.perf_counter()
    bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
    async with asyncio.timeout(10):
        await fake.until(lambda: fake.interaction_answers(payload["id"]))
    return time.perf_counter() - start


def command(i: int, name: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    payload = load("interaction_slash_offer.json")
    payload["id"] = str(1400000000000000000 + i)
    payload["token"] = f"t{i}"
    payload["member"]["user"]["id"] = str(800000000000000000 + i % 50)
    payload["data"]["name"] = name
    payload["data"]["options"] = options
    return payload


def report(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(len(ms) * 0.95) - 1]
    median = statistics.median(ms)
    print(f"{label:<28} n={len(ms):<5} p50={median:7.2f} ms  p95={p95:7.2f} ms  max={ms[-1]:7.2f} ms")


async def main(n: int) -> None:
    fake = FakeDiscord()
    fake.add_guild(load("guild_create.json"))
    discord.http.Route.BASE = await fake.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{folder}/bench.db", discord_dev_guild_id="")
        core = await open_core(settings)
        bot = PartnerBot(core, settings)
        await bot.login("fake-token")
        bot._connection.parse_guild_create(load("guild_create.json"))  # type: ignore[arg-type]
        text = [{"name": "text", "type": 3, "value": "pitch decks, python, bookkeeping"}]
        offers = [await timed_interaction(bot, fake, command(i, "offer", text)) for i in range(n)]
        search = [{"name": "search", "type": 3, "value": "python"}]
        boards = [await timed_interaction(bot, fake, command(n + i, "board", search)) for i in range(n)]
        report("/offer (insert + index)", offers)
        report(f"/board search over {n} posts", boards)

        community = CommunityRef("discord", "900000000000000001")
        start = time.perf_counter()
        for i in range(n):
            user = str(800000000000000000 + i)
            message = OutboundMessage(f"bench:{i}", community, (user,), Reply(text=f"Hello {i}"))
            await bot.messenger.deliver(message)
        elapsed = time.perf_counter() - start
        label = "DM deliveries (open + send)"
        print(f"{label:<28} n={n:<5} {n / elapsed:7.1f} msg/s (fake server: no Discord rate limit)")
        await bot.close()
        await core.close()
    await fake.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    asyncio.run(main(parser.parse_args().n))
