"""Board benchmark: /board search and posting latency on 10,000 members and 50,000 posts (SQLite).

Run: python bench/board.py [--members 10000] [--posts 50000] [--queries 400]
Prints p50/p99 in milliseconds, measured in-process through the command router.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import Core, open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, CommunityRef, Member, Post, PostKind, PostStatus, Visibility
from bot.domain.text import post_tags
from bot.services.board import index_terms

COMMUNITY = CommunityRef("bench", "big")
SKILLS = [
    "python data pipelines",
    "web development",
    "pitch deck reviews",
    "contract law",
    "bookkeeping",
    "ux research",
    "seo audits",
    "supply chain",
    "3d printing",
    "grant writing",
    "video editing",
    "cybersecurity audits",
    "growth marketing",
    "react frontends",
    "kubernetes",
    "tax advice",
    "medical device regulation",
    "industrial design",
    "copywriting",
    "sales coaching",
    "photography",
    "translation german",
    "translation spanish",
    "event planning",
    "nutrition plans",
    "patent filing",
    "real estate",
    "logistics",
    "hr policies",
    "fundraising strategy",
]
SENTENCES = (
    "I can help with {s}, happy to look at your case",
    "Looking for someone who knows {s} for a project next month",
    "{s} for small firms, ten years of experience",
    "Need advice on {s} before we launch",
)
QUERIES = (
    "python",
    "design",
    "contract law",
    "seo",
    "translation spanish",
    "grant",
    "kube",
    "data pipelines",
    "tax",
    "zebra",
)


async def seed(core: Core, members: int, posts: int, rng: random.Random) -> None:
    now = core.clock.now()
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.communities.ensure("bench", now)
        for n in range(members):
            await uow.members.add(Member(f"m{n}", f"Member {n}", now))
    batch = 5000
    for start in range(0, posts, batch):
        async with core.storage.transaction(COMMUNITY) as uow:
            for n in range(start, min(posts, start + batch)):
                text = rng.choice(SENTENCES).format(s=rng.choice(SKILLS))
                kind = PostKind.OFFER if n % 2 else PostKind.NEED
                created = now - timedelta(minutes=posts - n)
                post = Post(
                    0,
                    f"m{rng.randrange(members)}",
                    kind,
                    text,
                    post_tags(text),
                    Visibility.EVERYONE,
                    PostStatus.OPEN,
                    created,
                    created + timedelta(days=60),
                )
                await uow.posts.add(post, index_terms(text, post.tags))


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   (n={len(ordered)})"


async def measure(core: Core, lines: list[str], actor: Actor) -> list[float]:
    samples = []
    for line in lines:
        started = time.perf_counter()
        await core.router.run(actor, line)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--keep", help="seed into (or reuse) this SQLite file instead of a temp one")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "bench.db"
        reuse = path.exists()
        clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
        core = await open_core(Settings(database_url=f"sqlite+aiosqlite:///{path}"), clock)
        if not reuse:
            started = time.perf_counter()
            await seed(core, args.members, args.posts, rng)
            print(
                f"seeded {args.members:,} members and {args.posts:,} posts "
                f"in {time.perf_counter() - started:.1f} s"
            )
        actor = Actor(COMMUNITY, "m1", "Member 1")
        kinds = ("", "offers ", "needs ")
        searches = [f"/board {rng.choice(kinds)}{rng.choice(QUERIES)}" for _ in range(args.queries)]
        browse = [f"/board {rng.choice(kinds)}".strip() for _ in range(args.queries)]
        pages = [f"/board offers {rng.choice(QUERIES)}" for _ in range(args.queries // 4)]
        posting = [f"/offer {rng.choice(SKILLS)}, {rng.choice(SKILLS)}" for _ in range(args.queries)]
        await measure(core, searches[:20], actor)  # warm the caches
        print(f"/board search words : {percentiles(await measure(core, searches, actor))}")
        print(f"/board browse       : {percentiles(await measure(core, browse, actor))}")
        print(f"/board offers <word>: {percentiles(await measure(core, pages, actor))}")
        print(f"/offer (posting)    : {percentiles(await measure(core, posting, actor))}")
        await core.close()


if __name__ == "__main__":
    asyncio.run(main())
