"""A stand-alone outbox worker process delivering to the console inbox file (console, tests, bench)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from collections.abc import Sequence

from adapters.console.messenger import InboxFileMessenger
from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import OutboundMessage
from bot.storage.database import create_engine


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Deliver the outbox into a JSON-lines inbox file.")
    parser.add_argument("--database-url", required=True)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--inbox", help="file the messages are appended to")
    target.add_argument(
        "--discard", action="store_true", help="an instant messenger that keeps nothing (bench)"
    )
    parser.add_argument("--worker-id", default=None)
    parser.add_argument("--rate", type=float, default=0.0, help="messages per second (0: unlimited)")
    parser.add_argument("--lease", type=float, default=60.0, help="seconds a claim lasts")
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--no-fsync", action="store_true", help="skip fsync per line (benchmarks)")
    parser.add_argument(
        "--until-done", action="store_true", help="exit once no message is pending or in doubt"
    )
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between polls when idle")
    return parser


class DiscardingMessenger:
    """Accepts everything at once and remembers nothing: measures the outbox, not a platform."""

    async def deliver(self, message: OutboundMessage) -> str:
        return message.key

    async def was_delivered(self, message: OutboundMessage) -> bool:
        return False

    def close(self) -> None:
        pass


async def run(args: argparse.Namespace) -> int:
    engine = create_engine(args.database_url)
    messenger: InboxFileMessenger | DiscardingMessenger = (
        DiscardingMessenger() if args.discard else InboxFileMessenger(args.inbox, fsync=not args.no_fsync)
    )
    worker = OutboxWorker(
        engine,
        messenger,
        rate_per_second=args.rate,
        worker_id=args.worker_id,
        lease_seconds=args.lease,
        batch_size=args.batch,
    )
    try:
        if not args.until_done:
            await worker.run_forever(asyncio.Event(), idle_seconds=args.poll)
            return 0
        started = time.time()
        while True:
            if not await worker.run_once():
                if not await worker.unfinished():
                    break
                # Others hold the rest; wait for them to finish or for their leases to run out.
                await asyncio.sleep(args.poll)
        report = {"worker": worker.worker_id, "started": started, "finished": time.time()}
        print(json.dumps(report | dataclasses.asdict(worker.stats)), flush=True)
        return 0
    finally:
        messenger.close()
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(build_parser().parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
