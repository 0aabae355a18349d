"""Slack acknowledgement latency: signed commands into the Bolt app, Web API at a local fake; prints figures.

Run: python -m bench.slack_ack [--commands 300] [--concurrency 1 10 50]
Slack wants every command acknowledged within 3 s; this measures how long the ack takes while the
core's work (SQLite writes, the response_url answer) runs behind it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.slack.app import build_slack_bot
from bot.app import open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from tests.adapters.slack.conftest import Slack, signed_headers, slack_settings
from tests.adapters.slack.fake_slack import FakeSlack


async def run(commands: int, concurrency: int, folder: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    users = [f"U{n:05d}" for n in range(50)]
    for user in users:
        fake.add_user(user, f"Member {user}")
    database = f"sqlite+aiosqlite:///{folder}/bench-{concurrency}.db"
    core = await open_core(
        Settings(_env_file=None, database_url=database),  # type: ignore[call-arg]
        clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)),
    )
    bot = build_slack_bot(core, slack_settings(fake))
    slack = Slack(bot, fake, core)
    gate = asyncio.Semaphore(concurrency)
    acks: list[float] = []

    async def one(n: int) -> None:
        body = slack.command_body("/offer", f"skill {n}, python, design", user=users[n % len(users)])
        headers = signed_headers(body, "application/x-www-form-urlencoded")
        async with gate:
            started = time.perf_counter()
            response = await bot.app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))
            acks.append(time.perf_counter() - started)
            assert response.status == 200

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(commands)))
    await bot.listeners.settled(120)
    total = time.perf_counter() - started
    answered = len(fake.to("response_url"))
    cuts = statistics.quantiles(acks, n=100)
    print(
        f"concurrency {concurrency:>3}: {commands} commands, ack p50 {cuts[49] * 1000:6.1f} ms, "
        f"p95 {cuts[94] * 1000:6.1f} ms, max {max(acks) * 1000:6.1f} ms; all answered in {total:5.2f} s "
        f"({commands / total:5.0f}/s), answers {answered}"
    )
    await core.close()
    await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for concurrency in args.concurrency:
            asyncio.run(run(args.commands, concurrency, Path(folder)))


if __name__ == "__main__":
    main()
