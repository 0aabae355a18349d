"""A bot process for the crash test: runs the due round, then delivers its messages to an inbox file.

python -m tests.scheduling.round_process <database url> <inbox file> <messages per second>
"""

from __future__ import annotations

import asyncio
import sys

from adapters.console.messenger import InboxFileMessenger
from bot.app import open_core
from bot.config import Settings
from bot.delivery.outbox import OutboxWorker


async def main(database_url: str, inbox: str, rate: float) -> None:
    core = await open_core(Settings(database_url=database_url))
    await core.run_due()  # the scheduled round (or, after a crash, whatever is left of it)
    worker = OutboxWorker(core.engine, InboxFileMessenger(inbox), rate_per_second=rate, lease_seconds=1.0)
    while await worker.unfinished():
        if not await worker.run_once():
            await asyncio.sleep(0.1)  # rows a killed worker claimed come back when their lease ends
    await core.run_due()  # every message is out: the round is delivered
    await core.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
