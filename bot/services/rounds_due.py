"""Time-driven round work: scheduled rounds (with a grace window), reminders, check-ins, closing,
pause ends and delivery progress. ``run_due(now)`` does whatever is due at ``now``; the scheduler,
the console's clock and tests all call it."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.delivery.ports import FailedDelivery
from bot.domain.clock import Clock
from bot.domain.models import CommunityRef
from bot.domain.round_records import Round, StoredSchedule, Trigger
from bot.domain.round_settings import round_settings
from bot.domain.rounds import RoundState, format_local, member_zone
from bot.services.reply_codec import reply_to_dict
from bot.services.rounds_inputs import eligible_now, groups_of
from bot.services.rounds_messages import checkin_message, manager_notice, pause_over_message, reminder_message
from bot.services.rounds_runner import RoundBusy, RoundRunner, SlotTaken, round_prefix
from bot.storage.protocols import Storage, UnitOfWork
from bot.storage.sql.due import REMINDER_LEAD, SqlDueWork
from bot.storage.sql.outbox import PENDING, SENDING

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(hours=6)
CLOSE_AFTER_CHECKIN = timedelta(days=3)


class RoundSweeper:
    def __init__(
        self,
        storage: Storage,
        due: SqlDueWork,
        runner: RoundRunner,
        clock: Clock,
        grace: timedelta = DEFAULT_GRACE,
    ) -> None:
        self._storage = storage
        self._due = due
        self._runner = runner
        self._clock = clock
        self.grace = grace
        self._lock = asyncio.Lock()

    async def run_due(self, now: datetime | None = None) -> int:
        """Do all round work due at ``now`` (default: the clock's time); returns communities touched."""
        async with self._lock:  # the scheduler's jobs may fire together; one sweep at a time
            moment = now or self._clock.now()
            communities = await self._due.communities_due(moment)
            for community in communities:
                try:
                    await self.run_due_for(community, moment)
                except RoundBusy:
                    log.info("round of %s is running elsewhere; will look again", community)
                except Exception:
                    # One community's broken data must not stall the rounds of all the others.
                    log.exception("due round work of %s failed; will look again", community)
            return len(communities)

    async def delivery_failed(self, community: CommunityRef, failed: FailedDelivery) -> None:
        """The outbox worker's failure hook: tell the manager who ran the round (or set the schedule)
        that one of its messages could not be delivered (DMs closed, member gone), so they can reach
        out themselves."""
        if not failed.key.startswith("round:") or ":checkin:" in failed.key:
            return
        round_id = failed.key.split(":")[1]
        async with self._storage.transaction(community) as uow:
            ran = await uow.rounds.get(int(round_id)) if round_id.isdigit() else None
            stored = await uow.schedules.get()
            manager = ran.ran_by if ran is not None and ran.ran_by else stored.set_by if stored else None
            members = await uow.members.get_many([*failed.recipients, *([manager] if manager else [])])
            if manager is None or manager not in members:
                log.warning("nobody to tell that %s of %s failed: %s", failed.key, community, failed.reason)
                return
            names = ", ".join(members[m].display_name if m in members else m for m in failed.recipients)
            text = f"A match-round message to {names} could not be delivered ({failed.reason})."
            await uow.outbox.enqueue(
                f"failed:{failed.key}", [manager], reply_to_dict(manager_notice(text)), self._clock.now()
            )

    async def run_due_for(self, community: CommunityRef, now: datetime) -> None:
        async with self._storage.transaction(community) as uow:
            await self._resume_paused(uow, now)
            await self._advance_rounds(uow, now)
            stored = await uow.schedules.get()
            if stored is not None and stored.next_run_at > now:
                await self._remind(uow, stored, now)
        if stored is not None and stored.next_run_at <= now:
            await self._scheduled_round(community, stored, now)

    async def _scheduled_round(self, community: CommunityRef, stored: StoredSchedule, now: datetime) -> None:
        """Run the latest missed slot if it is within the grace window; record older ones as skipped."""
        slot, missed = stored.next_run_at, 0
        following = stored.schedule.next_run(slot, stored.anchor_at)
        while following <= now:
            slot, missed = following, missed + 1
            following = stored.schedule.next_run(slot, stored.anchor_at)
        if now - slot > self.grace:
            slot, missed = following, missed + 1  # nothing runnable: skip them all
        if missed and not await self._record_skipped(community, stored, slot, missed, now):
            return  # another instance saw to these slots first
        if slot <= now:
            try:
                await self._runner.run(community, Trigger.SCHEDULE, slot)
            except SlotTaken:
                log.info("the round of %s at %s was already run elsewhere", community, slot)

    async def _record_skipped(
        self, community: CommunityRef, stored: StoredSchedule, next_slot: datetime, missed: int, now: datetime
    ) -> bool:
        async with self._storage.transaction(community) as uow:
            if not await uow.schedules.advance_from(stored.next_run_at, next_slot):
                return False
            note = f"{missed} scheduled round(s) missed while the bot was down (grace {self.grace})"
            skipped = await uow.rounds.create(
                RoundState.SKIPPED,
                Trigger.SCHEDULE,
                stored.next_run_at,
                stored.schedule.group_size,
                now,
                note=note,
            )
            await uow.rounds.set_state(skipped.round_id, RoundState.SKIPPED, ran_by=stored.set_by)
            zone = member_zone(None, stored.schedule.timezone)
            text = (
                f"The bot was down at the time of {missed} scheduled round(s) and it was too late to run "
                f"them (more than {_hours(self.grace)} late), so they were skipped. "
            )
            if next_slot > now:
                text += f"The next round is on {format_local(next_slot, zone)}."
            if not await uow.members.get_many([stored.set_by]):
                log.warning("nobody to tell that %d round(s) of %s were skipped", missed, community)
                return True
            key = f"skipped:{stored.next_run_at.isoformat()}:{stored.set_by}"
            await uow.outbox.enqueue(key, [stored.set_by], reply_to_dict(manager_notice(text)), now)
        return True

    async def _resume_paused(self, uow: UnitOfWork, now: datetime) -> None:
        for participant in await uow.participants.pauses_ended(now):
            assert participant.paused_until is not None
            await uow.participants.set_flags([participant.member_id], now, paused_until=None)
            if participant.opted_in:
                key = f"pause-end:{participant.member_id}:{participant.paused_until.isoformat()}"
                await uow.outbox.enqueue(
                    key, [participant.member_id], reply_to_dict(pause_over_message()), now
                )

    async def _advance_rounds(self, uow: UnitOfWork, now: datetime) -> None:
        settings = round_settings(await uow.communities.settings())
        for sending in await uow.rounds.in_state(RoundState.DELIVERING):
            if not await _unsent(uow, sending):
                await uow.rounds.set_state(
                    sending.round_id,
                    RoundState.DELIVERED,
                    delivered_at=now,
                    next_step_at=now + timedelta(days=settings.checkin_days),
                )
        for delivered in await uow.rounds.in_state(RoundState.DELIVERED):
            if delivered.next_step_at is not None and delivered.next_step_at <= now:
                await self._check_in(uow, delivered, now)
        for checked in await uow.rounds.in_state(RoundState.CHECKED_IN):
            if checked.next_step_at is not None and checked.next_step_at <= now:
                await uow.rounds.set_state(
                    checked.round_id, RoundState.CLOSED, closed_at=now, next_step_at=None
                )

    async def _check_in(self, uow: UnitOfWork, delivered: Round, now: datetime) -> None:
        await uow.rounds.set_state(
            delivered.round_id,
            RoundState.CHECKED_IN,
            checked_in_at=now,
            next_step_at=now + CLOSE_AFTER_CHECKIN,
        )
        placements = await uow.rounds.placements(delivered.round_id)
        members = await uow.members.get_many([p.member_id for p in placements])
        for number, group in groups_of(placements).items():
            ids = [p.member_id for p in group]
            names = [members[i].display_name if i in members else i for i in ids]
            reply = checkin_message(delivered.round_id, names)
            await uow.outbox.enqueue(
                f"{round_prefix(delivered.round_id)}checkin:g{number}", ids, reply_to_dict(reply), now
            )

    async def _remind(self, uow: UnitOfWork, stored: StoredSchedule, now: datetime) -> None:
        slot = stored.next_run_at
        if slot - REMINDER_LEAD > now or stored.reminded_for == slot:
            return
        await uow.schedules.mark_reminded(slot)
        if not round_settings(await uow.communities.settings()).reminders:
            return
        eligible = await eligible_now(uow, now)
        profiles = await uow.profiles.get_many([p.member_id for p in eligible])
        for participant in eligible:
            profile = profiles.get(participant.member_id)
            zone = member_zone(profile.timezone if profile else None, stored.schedule.timezone)
            reply = reminder_message(slot, zone)
            key = f"reminder:{slot.isoformat()}:{participant.member_id}"
            await uow.outbox.enqueue(key, [participant.member_id], reply_to_dict(reply), now)


async def _unsent(uow: UnitOfWork, sending: Round) -> int:
    progress = await uow.outbox.progress(round_prefix(sending.round_id))
    return sum(count for status, count in progress.items() if status in (PENDING, SENDING))


def _hours(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g} hours"
