"""Outbox throughput: messages/second claimed and sent by 1, 2 and 4 worker processes on Postgres and
by one worker on SQLite, against an instant messenger. Prints figures; asserts nothing about speed.

Run: python bench/outbox.py [--messages 5000] [--postgres-url postgresql+asyncpg://...]
(the Postgres server defaults to PARTNERBOT_TEST_POSTGRES_URL, see scripts/postgres-for-tests)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.schema import outbox

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


async def seed(url: str, count: int) -> None:
    engine = create_engine(url)
    now = datetime.now(UTC)
    rows = [
        {
            "platform": "slack",
            "community_id": f"T{i % 10}",
            "idempotency_key": f"round:bench:{i}",
            "recipients": [f"m{i}"],
            "payload": {"title": "Your match this week", "text": f"Meet m{i + 1}."},
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for i in range(count)
    ]
    try:
        await upgrade_to_head(engine)
        async with engine.begin() as db:
            await db.execute(outbox.insert(), rows)
    finally:
        await engine.dispose()


async def sent_count(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as db:
            total = await db.scalar(
                sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status == "sent")
            )
        return int(total or 0)
    finally:
        await engine.dispose()


def run_workers(url: str, processes: int) -> float:
    """Start the workers, wait for them; seconds from the first one's start to the last one's end."""
    command = [sys.executable, "-m", "adapters.outbox_worker", "--database-url", url, "--discard"]
    command += ["--until-done", "--rate", "0", "--batch", "50", "--lease", "60", "--poll", "0.05"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen([*command, "--worker-id", f"bench-{i}"], cwd=ROOT, env=env, stdout=subprocess.PIPE)
        for i in range(processes)
    ]
    reports = []
    for worker in workers:
        out, _ = worker.communicate(timeout=600)
        if worker.returncode:
            raise SystemExit(f"worker failed with exit code {worker.returncode}")
        reports.append(json.loads(out.decode().strip().splitlines()[-1]))
    return max(r["finished"] for r in reports) - min(r["started"] for r in reports)


async def postgres_database(server_url: str) -> tuple[str, str]:
    import asyncpg

    server = make_url(server_url)
    name = f"partnerbot_bench_{uuid.uuid4().hex[:10]}"
    dsn = server.render_as_string(hide_password=False).replace("+asyncpg", "")
    admin = await asyncpg.connect(dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return server.set(database=name).render_as_string(hide_password=False), dsn


async def drop_database(dsn: str, url: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(dsn)
    await admin.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    await admin.close()


def measure(label: str, url: str, processes: int, count: int) -> None:
    asyncio.run(seed(url, count))
    seconds = run_workers(url, processes)
    sent = asyncio.run(sent_count(url))
    print(
        f"{label:<10} {processes:>7} {count:>9} {sent:>6} {seconds:>8.2f} {count / seconds:>10.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("PARTNERBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--workers", default="1,2,4", help="worker process counts on Postgres")
    args = parser.parse_args()
    print(f"{'backend':<10} {'workers':>7} {'messages':>9} {'sent':>6} {'seconds':>8} {'msgs/s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        measure("sqlite", f"sqlite+aiosqlite:///{tmp}/bench.db", 1, args.messages)
    for processes in (int(n) for n in args.workers.split(",")):
        try:
            url, dsn = asyncio.run(postgres_database(args.postgres_url))
        except Exception as error:  # the SQLite figure still stands without a server
            print(f"postgres   skipped: {error.__class__.__name__}: {error}")
            return
        try:
            measure("postgres", url, processes, args.messages)
        finally:
            asyncio.run(drop_database(dsn, url))
    print(f"(cpu cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}; started {time.ctime()})")


if __name__ == "__main__":
    main()
