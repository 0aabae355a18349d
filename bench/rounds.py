"""Round throughput: a community of N opted-in members, from the scheduled trigger to every message
handed to a messenger; once to one that accepts instantly, once to one limited to R messages/s.

python bench/rounds.py [--members 10000] [--rate 50] [--limited-members 2000]
Prints figures; asserts nothing about timings.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import Core, open_core
from bot.config import Settings
from bot.delivery.outbox import OutboxWorker
from bot.delivery.ports import OutboundMessage, RateLimited
from bot.demo.people import DEMO_MEMBERS
from bot.domain.clock import ManualClock
from bot.domain.models import CommunityRef
from bot.domain.rounds import Cadence, Schedule
from bot.storage.schema import communities, members, profiles, round_participants

COMMUNITY = CommunityRef("bench", "rounds")
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class InstantMessenger:
    def __init__(self) -> None:
        self.delivered = 0

    async def deliver(self, message: OutboundMessage) -> str:
        self.delivered += 1
        return message.key

    async def was_delivered(self, message: OutboundMessage) -> bool:
        return False


class LimitedMessenger(InstantMessenger):
    """A platform allowing ``rate`` messages per second: faster sends get 429 with Retry-After."""

    def __init__(self, rate: float) -> None:
        super().__init__()
        self._interval = 1.0 / rate
        self._next_allowed = time.monotonic()
        self.refused = 0

    async def deliver(self, message: OutboundMessage) -> str:
        now = time.monotonic()
        if now < self._next_allowed - self._interval:  # one message of burst allowed
            self.refused += 1
            raise RateLimited(self._next_allowed - now)
        self._next_allowed = max(self._next_allowed, now) + self._interval
        return await super().deliver(message)


async def seed(core: Core, count: int) -> None:
    """N members with varied profiles (demo intros with shuffled skills), all opted in, due now."""
    rng = random.Random(7)
    tenant = {"platform": COMMUNITY.platform, "community_id": COMMUNITY.community_id}
    async with core.engine.begin() as db:
        await db.execute(communities.insert().values(**tenant, name="bench", settings={}, created_at=START))
        member_rows, profile_rows, participant_rows = [], [], []
        for i in range(count):
            demo = DEMO_MEMBERS[i % len(DEMO_MEMBERS)]
            other = DEMO_MEMBERS[rng.randrange(len(DEMO_MEMBERS))]
            member_id = f"m{i:06d}"
            member_rows.append(
                {
                    **tenant,
                    "member_id": member_id,
                    "display_name": f"{demo.name} {i}",
                    "joined_at": START,
                    "findable": True,
                }
            )
            profile_rows.append(
                {
                    **tenant,
                    "member_id": member_id,
                    "headline": demo.headline,
                    "working_on": demo.working_on,
                    "looking_for": other.looking_for if i % 3 == 0 else demo.looking_for,
                    "strengths": demo.strengths,
                    "unique_edge": demo.unique_edge,
                    "skills": rng.sample(list(demo.skills + other.skills), k=min(4, len(demo.skills))),
                    "timezone": demo.timezone,
                    "languages": list(demo.languages),
                    "links": [],
                    "updated_at": START,
                }
            )
            participant_rows.append(
                {
                    **tenant,
                    "member_id": member_id,
                    "opted_in": True,
                    "skip_next": False,
                    "waiting": False,
                    "updated_at": START,
                }
            )
        await db.execute(members.insert(), member_rows)
        await db.execute(profiles.insert(), profile_rows)
        await db.execute(round_participants.insert(), participant_rows)
    async with core.storage.transaction(COMMUNITY) as uow:
        schedule = Schedule(Cadence.WEEKLY, START.weekday(), START.time(), "UTC")
        await uow.schedules.save(schedule, START, "bench-manager", START - timedelta(days=1))


async def trigger_and_deliver(count: int, messenger: InstantMessenger, rate: float, folder: Path) -> None:
    clock = ManualClock(START + timedelta(seconds=1))
    core = await open_core(Settings(database_url=f"sqlite+aiosqlite:///{folder}/bench.db"), clock=clock)
    await seed(core, count)
    worker = OutboxWorker(core.engine, messenger, rate_per_second=rate, batch_size=200)
    began = time.perf_counter()
    await core.run_due()  # the scheduled trigger: match, persist, queue every message
    queued_at = time.perf_counter()
    await worker.drain()
    done = time.perf_counter()
    sent = messenger.delivered
    total, sending = done - began, done - queued_at
    print(f"  members: {count}, messages: {sent}")
    print(f"  trigger -> all queued (match + persist + enqueue): {queued_at - began:.2f} s")
    print(f"  queued -> all handed to the messenger:             {sending:.2f} s")
    print(
        f"  trigger -> all handed to the messenger:            {total:.2f} s "
        f"({sent / total:.0f} messages/s overall)"
    )
    if isinstance(messenger, LimitedMessenger):
        achieved = sent / sending
        print(
            f"  limit {rate:.0f}/s: achieved {achieved:.1f}/s = {achieved / rate:.2f} of the limit "
            f"({messenger.refused} refused with 429)"
        )
    await core.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=50.0)  # Discord's global limit is 50 requests/s
    parser.add_argument("--limited-members", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"Instant messenger, {args.members} members:")
        await trigger_and_deliver(args.members, InstantMessenger(), 0.0, Path(folder) / "instant")
        print(f"Messenger limited to {args.rate:.0f} msgs/s, {args.limited_members} members:")
        await trigger_and_deliver(
            args.limited_members, LimitedMessenger(args.rate), args.rate, Path(folder) / "limited"
        )


if __name__ == "__main__":
    asyncio.run(main())
