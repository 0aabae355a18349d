"""/find latency on a community of 10,000 members and 50,000 posts: index build, p50/p99 per query.

Run: python -m bench.find [--members N] [--posts N] [--queries N]. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bot.app import open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, CommunityRef, PostKind
from bot.storage.schema import communities, members, posts, profiles

SKILLS = """contract law; partnership agreements; tax returns; bookkeeping; payroll; web design;
Webflow sites; logo design; brand identity; copywriting; SEO; Google Ads; social media marketing;
pitch decks; fundraising; investor relations; financial modelling; Python; data pipelines;
machine learning; React front-end; mobile apps; iOS development; cloud infrastructure; AWS;
cybersecurity audits; UX research; product management; customer interviews; sales coaching;
cold outreach; recruiting engineers; HR policies; photography; video editing; podcast editing;
event planning; public speaking; translation to Spanish; export logistics; supply chain;
e-commerce stores; Shopify; packaging design; food safety; restaurant operations; real estate;
grant writing; nonprofit governance; community building""".replace("\n", " ").split(";")
SKILLS = [s.strip() for s in SKILLS]
QUERIES = [
    "I need a lawyer for a partnership agreement",
    "someone to build a website for my bakery",
    "help with my tax return",
    "a designer for our new logo and brand",
    "investor intros and a pitch deck review",
    "a data engineer who knows Python",
    "marketing on social media for a restaurant",
    "translation of our site to Spanish",
]
COMMUNITY = CommunityRef("bench", "big")
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _phrase(rng: random.Random, n: int) -> str:
    return ", ".join(rng.sample(SKILLS, n))


async def seed(core_engine: sa.ext.asyncio.AsyncEngine, n_members: int, n_posts: int, seed_: int) -> None:
    rng = random.Random(seed_)
    tenant = {"platform": COMMUNITY.platform, "community_id": COMMUNITY.community_id}
    async with core_engine.begin() as db:
        await db.execute(communities.insert().values(**tenant, name="big", settings={}, created_at=START))
        await db.execute(
            members.insert(),
            [
                {
                    **tenant,
                    "member_id": f"m{i}",
                    "display_name": f"Member {i}",
                    "joined_at": START,
                    "findable": True,
                }
                for i in range(n_members)
            ],
        )
        await db.execute(
            profiles.insert(),
            [
                {
                    **tenant,
                    "member_id": f"m{i}",
                    "headline": f"Independent {rng.choice(SKILLS)} specialist",
                    "working_on": "Growing my business",
                    "looking_for": _phrase(rng, 2),
                    "strengths": _phrase(rng, 3),
                    "unique_edge": "",
                    "skills": rng.sample(SKILLS, 2),
                    "timezone": None,
                    "languages": [],
                    "links": [],
                    "updated_at": START,
                }
                for i in range(n_members)
            ],
        )
        rows = []
        for _ in range(n_posts):
            kind = rng.choice(("offer", "need"))
            verb = "I can help with" if kind == "offer" else "Looking for help with"
            rows.append(
                {
                    **tenant,
                    "author_id": f"m{rng.randrange(n_members)}",
                    "kind": kind,
                    "text": f"{verb} {_phrase(rng, 2)}",
                    "tags": [],
                    "visibility": "everyone",
                    "status": "open",
                    "created_at": START,
                    "expires_at": START + timedelta(days=30),
                }
            )
        await db.execute(posts.insert(), rows)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(n_members: int, n_posts: int, n_queries: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(START + timedelta(hours=1))
        core = await open_core(Settings(database_url=f"sqlite+aiosqlite:///{Path(folder)}/bench.db"), clock)
        t0 = time.perf_counter()
        await seed(core.engine, n_members, n_posts, 7)
        print(f"seeded {n_members} members, {n_posts} posts in {time.perf_counter() - t0:.1f} s")
        asker = Actor(COMMUNITY, "m0", "Member 0")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        await core.find.indexes.ensure_built(COMMUNITY, clock.now())
        index = core.find.indexes.cached(COMMUNITY)
        assert index is not None
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        print(
            f"index build (once per community): {time.perf_counter() - t0:.2f} s "
            f"({len(index.offers)} offer docs, {len(index.needs)} need docs; peak memory +{grown:.0f} MB)"
        )
        for label, who_needs in (("/find", False), ("/find --who-needs", True)):
            timings, cpu = [], []
            for i in range(n_queries):
                query = QUERIES[i % len(QUERIES)]
                t0, c0 = time.perf_counter(), time.process_time()
                reply = await core.find.find(asker, query, who_needs=who_needs)
                timings.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                assert reply.items, query
            print(
                f"{label}: {n_queries} queries, wall p50 {statistics.median(timings):.1f} ms, "
                f"p99 {_pct(timings, 0.99):.1f} ms, max {max(timings):.1f} ms; "
                f"CPU p50 {statistics.median(cpu):.1f} ms, p99 {_pct(cpu, 0.99):.1f} ms"
            )
        timings = []
        for i in range(50):
            clock.advance(timedelta(seconds=1))
            author = Actor(COMMUNITY, f"m{i + 1}", f"Member {i + 1}")
            await core.board.post(author, PostKind.OFFER, f"podcast editing and {SKILLS[i % len(SKILLS)]}")
            t0 = time.perf_counter()
            await core.find.find(asker, "a podcast editor")
            timings.append((time.perf_counter() - t0) * 1000)
        print(
            f"/find right after a new post (incremental update): p50 {statistics.median(timings):.1f} ms, "
            f"p99 {_pct(timings, 0.99):.1f} ms"
        )
        await core.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(run(args.members, args.posts, args.queries))


if __name__ == "__main__":
    main()
