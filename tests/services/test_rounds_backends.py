"""A whole round on SQLite and on a real Postgres server: schedule, run, deliver, check in, stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.schema import rounds
from tests.services.rounds_support import MANAGER, join_many, mark_all_sent, open_test_core, queued, text_of
from tests.support.databases import BACKENDS, backend_database

MONDAY_9_PARIS = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scheduled_round_from_trigger_to_closing(backend: str, tmp_path: Path) -> None:
    async with backend_database(backend, tmp_path) as url:
        core, clock = await open_test_core(tmp_path, database_url=url)
        actors = await join_many(core, 5)
        await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
        await core.router.run(MANAGER, "/rounds settings checkin 2")
        clock.set(MONDAY_9_PARIS - timedelta(hours=20))
        await core.run_due()
        assert len(await queued(core, "reminder:")) == 5
        clock.set(MONDAY_9_PARIS + timedelta(minutes=1))
        await core.run_due()
        await core.run_due()
        pairings = await queued(core, "round:1:")
        assert sorted(r for p in pairings for r in p.recipients) == sorted(a.member_id for a in actors)
        await mark_all_sent(core)
        await core.run_due()  # delivered
        clock.advance(timedelta(days=1))
        await core.run_due()
        assert await queued(core, "round:1:checkin:") == []  # the check-in is due two days after delivery
        clock.advance(timedelta(days=1, minutes=1))
        await core.run_due()
        assert len(await queued(core, "round:1:checkin:")) == len(pairings)
        await core.router.click(actors[0], "rounds.met", "1")
        stats = text_of(await core.router.run(MANAGER, "/community stats"))
        assert "Rounds run: 1" in stats and "Check-in answer rate: 20% (1 of 5)" in stats
        clock.advance(timedelta(days=3, minutes=1))
        await core.run_due()
        async with core.engine.connect() as db:
            assert [r.state for r in (await db.execute(rounds.select())).all()] == ["closed"]
        await core.close()
