"""A round killed (SIGKILL) in the middle of delivery, then started again: every member gets exactly
one pairing message, and no pairing changes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.rounds import Cadence, Schedule
from bot.services.rounds_inputs import groups_of
from bot.storage.schema import rounds
from tests.services.rounds_support import MANAGER, join_many, open_test_core

MEMBERS = 40
ROOT = Path(__file__).resolve().parents[2]


def pairings_in(inbox: Path) -> list[tuple[str, frozenset[str]]]:
    if not inbox.exists():
        return []
    records = [json.loads(line) for line in inbox.read_text().splitlines() if line.strip()]
    return [(r["key"], frozenset(r["recipients"])) for r in records if r["key"].startswith("round:")]


async def start(url: str, inbox: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.scheduling.round_process", url, str(inbox), "20", cwd=ROOT
    )


@pytest.mark.slow
async def test_sigkill_in_the_middle_of_delivery_loses_nothing_and_sends_nothing_twice(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/t.db"
    inbox = tmp_path / "inbox.jsonl"
    now = datetime.now(UTC)
    core, _ = await open_test_core(tmp_path, start=now)
    actors = await join_many(core, MEMBERS)
    async with core.storage.transaction(MANAGER.community) as uow:
        slot = now - timedelta(minutes=1)
        await uow.schedules.save(
            Schedule(Cadence.WEEKLY, slot.weekday(), slot.time(), "UTC"), slot, "mia", now
        )

    first = await start(url, inbox)
    for _ in range(300):  # until some, not all, pairings are out
        await asyncio.sleep(0.05)
        if len(pairings_in(inbox)) >= 4:
            break
    os.kill(first.pid, signal.SIGKILL)
    await first.wait()
    before = pairings_in(inbox)
    assert 4 <= len(before) < MEMBERS // 2, "the kill must land in the middle of delivery"
    async with core.storage.transaction(MANAGER.community) as uow:
        [sent] = await uow.rounds.sent(5)
        planned = {
            frozenset(p.member_id for p in g)
            for g in groups_of(await uow.rounds.placements(sent.round_id)).values()
        }

    second = await start(url, inbox)
    assert await asyncio.wait_for(second.wait(), 60) == 0

    after = pairings_in(inbox)
    assert len({key for key, _ in after}) == len(after) == MEMBERS // 2
    assert Counter(m for _, group in after for m in group) == Counter({a.member_id: 1 for a in actors})
    assert {group for _, group in after} == planned  # the groups are the ones matched before the crash
    async with core.engine.connect() as db:
        assert [r.state for r in (await db.execute(rounds.select())).all()] == ["delivered"]
    await core.close()
