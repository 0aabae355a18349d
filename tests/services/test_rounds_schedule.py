"""Scheduled rounds: they run at their time, remind a day before, skip what is too late, never twice."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.delivery.ports import FailedDelivery
from bot.domain.models import Actor, CommunityRef
from bot.domain.round_records import Trigger
from bot.matching.model import MatchInput, MatchResult
from bot.services.rounds_runner import RoundBusy
from bot.storage.schema import rounds
from tests.services.rounds_support import MANAGER, join_many, member, open_test_core, queued, text_of

MONDAY_9_PARIS = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)


async def states(core) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    async with core.engine.connect() as db:
        rows = (await db.execute(rounds.select().order_by(rounds.c.round_id))).all()
    return [(row.state, row.note) for row in rows]


async def test_scheduled_round_reminds_the_day_before_and_runs_once_at_its_time(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    actors = await join_many(core, 4)
    scheduled = text_of(await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris"))
    assert "Monday 09 March 2026 at 09:00 (Europe/Paris)" in scheduled
    clock.set(MONDAY_9_PARIS - timedelta(days=1, minutes=30))
    await core.run_due()
    assert await queued(core, "reminder:") == []
    clock.set(MONDAY_9_PARIS - timedelta(hours=23))
    await core.run_due()
    await core.run_due()
    reminders = await queued(core, "reminder:")
    assert sorted(r.recipients[0] for r in reminders) == sorted(a.member_id for a in actors)
    assert reminders[0].reply.buttons[0].label == "Skip this one"
    clock.set(MONDAY_9_PARIS + timedelta(seconds=5))
    await core.run_due()
    await core.run_due()
    assert len(await queued(core, "round:")) == 2
    assert [s for s, _ in await states(core)] == ["delivering"]
    status = text_of(await core.router.run(actors[0], "/rounds status"))
    assert "16 March 2026" in status  # the schedule moved on to the next week
    await core.close()


async def test_reminders_can_be_turned_off(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds settings reminders off")
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(MONDAY_9_PARIS - timedelta(hours=2))
    await core.run_due()
    assert await queued(core, "reminder:") == []
    await core.close()


async def test_round_missed_within_grace_runs_once_on_start(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(MONDAY_9_PARIS + timedelta(hours=5, minutes=59))  # the bot was down until now
    await core.run_due()
    await core.run_due()
    assert [s for s, _ in await states(core)] == ["delivering"]
    assert len(await queued(core, "round:")) == 1
    await core.close()


async def test_round_missed_beyond_grace_is_recorded_skipped_and_the_manager_told(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(MONDAY_9_PARIS + timedelta(hours=6, minutes=1))
    await core.run_due()
    await core.run_due()
    [(state, note)] = await states(core)
    assert state == "skipped" and "missed" in note
    assert await queued(core, "round:") == []
    [notice] = await queued(core, "skipped:")
    assert notice.recipients == (MANAGER.member_id,)
    assert "skipped" in notice.reply.text and "16 March 2026" in notice.reply.text
    await core.close()


async def test_weeks_of_downtime_run_only_the_latest_slot_if_it_is_within_grace(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(MONDAY_9_PARIS + timedelta(weeks=3, hours=1))  # 30 March: the day after the DST change
    await core.run_due()
    assert [s for s, _ in await states(core)] == ["skipped", "delivering"]
    await core.close()


async def test_two_runs_of_one_community_never_overlap(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    await join_many(core, 4)
    runner = core.round_runner
    real, release = runner.matcher, threading.Event()

    def slow_matcher(match_input: MatchInput) -> MatchResult:
        release.wait(5)  # holds the first run inside its lease
        return real(match_input)

    runner.matcher = slow_matcher
    first = asyncio.create_task(runner.run(MANAGER.community, Trigger.MANUAL, None))
    await asyncio.sleep(0.3)
    with pytest.raises(RoundBusy):
        await runner.run(MANAGER.community, Trigger.MANUAL, None)
    busy_reply = await core.router.run(MANAGER, "/rounds run-now")
    release.set()
    outcome = await first
    assert busy_reply.tone == "error" and "running right now" in busy_reply.text
    assert outcome.groups == 2 and len(await queued(core, "round:")) == 2
    await core.close()


async def test_a_pairing_that_cannot_be_delivered_is_reported_to_the_manager(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    actors = await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    await core.router.run(MANAGER, "/rounds run-now")
    [pairing] = await queued(core, "round:")
    failed = FailedDelivery(pairing.key, pairing.recipients, "DMs closed", clock.now())
    await core.round_sweeper.delivery_failed(MANAGER.community, failed)
    await core.round_sweeper.delivery_failed(MANAGER.community, failed)
    [notice] = await queued(core, "failed:")
    assert notice.recipients == (MANAGER.member_id,)
    assert all(a.display_name in notice.reply.text for a in actors) and "DMs closed" in notice.reply.text
    await core.close()


async def test_rounds_keep_nine_oclock_in_paris_through_the_dst_change(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path, start=datetime(2026, 3, 20, 12, 0, tzinfo=UTC))
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(datetime(2026, 3, 23, 8, 0, 30, tzinfo=UTC))  # 09:00 in Paris, winter time (UTC+1)
    await core.run_due()
    assert len(await queued(core, "round:")) == 1
    await core.run_due()
    clock.set(datetime(2026, 3, 30, 6, 59, tzinfo=UTC))  # 08:59 in Paris, summer time (UTC+2)
    await core.run_due()
    assert len(await queued(core, "round:")) == 1
    clock.set(datetime(2026, 3, 30, 7, 0, 30, tzinfo=UTC))  # 09:00 in Paris
    await core.run_due()
    assert len(await queued(core, "round:")) == 2
    assert "Monday 06 April 2026 at 09:00 (Europe/Paris)" in text_of(
        await core.router.run(MANAGER, "/rounds status")
    )
    await core.close()


@pytest.mark.parametrize("late", [timedelta(minutes=1), timedelta(days=1)], ids=["run", "skipped"])
async def test_a_sweep_holding_a_stale_schedule_does_not_see_to_the_slot_a_second_time(
    tmp_path: Path, late: timedelta
) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 4)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    clock.set(MONDAY_9_PARIS + late)
    async with core.storage.transaction(MANAGER.community) as uow:
        stale = await uow.schedules.get()  # another instance's sweep read the schedule ...
    assert stale is not None
    await core.round_sweeper.run_due(clock.now())  # ... while this one saw to the slot
    before, messages = await states(core), len(await queued(core, ""))
    assert len(before) == 1
    await core.round_sweeper._scheduled_round(MANAGER.community, stale, clock.now())
    assert await states(core) == before and len(await queued(core, "")) == messages
    await core.close()


async def _fail_pairing(core, clock) -> None:  # type: ignore[no-untyped-def]
    [pairing] = await queued(core, "round:")
    failed = FailedDelivery(pairing.key, pairing.recipients, "DMs closed", clock.now())
    await core.round_sweeper.delivery_failed(MANAGER.community, failed)


async def test_the_manager_who_ran_a_round_without_a_schedule_hears_of_its_failures(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    other = member("Omar Organiser", manager=True)
    await core.router.run(other, "/rounds run-now")
    await _fail_pairing(core, clock)
    [notice] = await queued(core, "failed:")
    assert notice.recipients == (other.member_id,) and "DMs closed" in notice.reply.text
    await core.close()


async def test_a_failure_of_a_round_whose_manager_deleted_their_data_is_only_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds run-now")
    async with core.storage.transaction(MANAGER.community) as uow:
        await uow.forget_member(MANAGER.member_id)
    await _fail_pairing(core, clock)
    assert await queued(core, "failed:") == []
    assert "nobody to tell" in caplog.text
    await core.close()


async def test_one_community_whose_due_work_fails_does_not_stall_the_others(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    core, clock = await open_test_core(tmp_path)
    await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 UTC")
    broken = CommunityRef("console", "broken")
    boss = Actor(broken, "boss", "Boss", is_manager=True)
    await core.router.run(boss, "/rounds schedule weekly monday 09:00 UTC")
    sweeper = core.round_sweeper
    healthy = sweeper.run_due_for

    async def run_due_for(community: CommunityRef, now: datetime) -> None:
        if community == broken:
            raise RuntimeError("corrupt row")
        await healthy(community, now)

    sweeper.run_due_for = run_due_for  # type: ignore[method-assign]
    clock.advance(timedelta(hours=1, minutes=1))
    await sweeper.run_due()
    assert len(await queued(core, "round:")) == 1 and "corrupt row" in caplog.text
    await core.close()
