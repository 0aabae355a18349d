"""Worker processes killed with SIGKILL mid-delivery: every message still arrives exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from adapters.console.messenger import read_inbox
from bot.storage.database import create_engine, upgrade_to_head
from tests.delivery.conftest import ACME, round_keys, seed
from tests.support.databases import postgres_database

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _start(url: str, inbox: Path, worker_id: str, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "adapters.outbox_worker", "--database-url", url, "--inbox", str(inbox)]
    command += ["--worker-id", worker_id, "--until-done", "--poll", "0.1", *extra]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _lines(inbox: Path) -> int:
    try:
        return inbox.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


async def _wait_for_lines(inbox: Path, at_least: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while _lines(inbox) < at_least:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, f"only {_lines(inbox)} deliveries after 30 s"
        await asyncio.sleep(0.02)


async def _finish(*processes: subprocess.Popen[bytes]) -> None:
    for process in processes:
        _out, err = await asyncio.to_thread(process.communicate, timeout=60)
        assert process.returncode == 0, err.decode()


async def _prepare(url: str, count: int) -> None:
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine)
        await seed(engine, count)
    finally:
        await engine.dispose()


def _assert_exactly_once(inbox: Path, count: int) -> None:
    records = [json.loads(line) for line in inbox.read_text().splitlines()]
    per_member = Counter(member for record in records for member in record["recipients"])
    assert per_member == Counter({member: 1 for _, member in round_keys(count)})
    assert Counter(record["key"] for record in records) == Counter({key: 1 for key, _ in round_keys(count)})
    # What the console's /inbox shows a member: their one message.
    assert [r["reply"]["title"] for r in read_inbox(inbox, "m7", str(ACME))] == ["Your match this week"]


async def test_sqlite_worker_killed_mid_delivery_then_restarted(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/crash.db"
    inbox = tmp_path / "inbox.jsonl"
    await _prepare(url, 300)
    first = _start(url, inbox, "solo", "--rate", "150", "--lease", "30")
    await _wait_for_lines(inbox, 80, first)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert _lines(inbox) < 300, "the worker finished before it could be killed"
    # Same worker id: its stale claims are taken back at once; in-doubt ones are checked first.
    await _finish(_start(url, inbox, "solo", "--lease", "30"))
    _assert_exactly_once(inbox, 300)


@pytest.mark.postgres
async def test_three_postgres_workers_one_killed_each_message_sent_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox.jsonl"
    async with postgres_database() as url:
        await _prepare(url, 3000)
        workers = [
            _start(url, inbox, f"w{i}", "--lease", "2", "--no-fsync", "--batch", "10") for i in range(3)
        ]
        await _wait_for_lines(inbox, 600, workers[0])
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait()
        await _finish(*workers[1:])
        _assert_exactly_once(inbox, 3000)
