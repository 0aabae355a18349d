"""Running a round: match (or reuse the preview), persist each state, then queue the messages.

Under a database lease per community, so two instances never run a round of one community at once.
Each state is committed before what follows it; messages are queued in the same transaction as the
move to "delivering", and an outbox worker sends them. A crash at any point resumes from the state.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.models import CommunityRef
from bot.domain.round_records import Placement, Round, Trigger
from bot.domain.round_settings import round_settings
from bot.domain.rounds import RoundState
from bot.services.reply_codec import reply_to_dict
from bot.services.rounds_inputs import (
    Matcher,
    build_input,
    eligible_now,
    groups_of,
    has_blocked_group,
    placements_from,
)
from bot.services.rounds_messages import left_out_message, pairing_message
from bot.storage.protocols import Storage, UnitOfWork
from bot.storage.sql.leases import SqlLeases

log = logging.getLogger(__name__)

LEASE_NAME = "round"
DEFAULT_GROUP_SIZE = 2


def round_prefix(round_id: int) -> str:
    """The idempotency-key prefix of every message of a round."""
    return f"round:{round_id}:"


class RoundBusy(Exception):
    """Another instance (or task) holds this community's round lease."""


class SlotTaken(RoundBusy):
    """The scheduled slot was already run (or skipped, or the schedule changed) by another instance."""


@dataclass(frozen=True, slots=True)
class RoundOutcome:
    round_id: int  # 0: no round (a scheduled slot with nobody in the rounds)
    groups: int
    left_out: int
    messages: int


class RoundRunner:
    def __init__(
        self,
        storage: Storage,
        leases: SqlLeases,
        clock: Clock,
        matcher: Matcher,
        *,
        lease_ttl: timedelta = timedelta(minutes=10),
        holder: str | None = None,
    ) -> None:
        self._storage = storage
        self._leases = leases
        self._clock = clock
        self.matcher = matcher
        self._lease_ttl = lease_ttl
        self.holder = holder or f"instance-{uuid.uuid4().hex[:12]}"

    async def match(self, community: CommunityRef) -> Round:
        """The pending round, matched on who is eligible right now (a preview until it is sent)."""
        async with self._lease(community):
            await self._require_two(community)
            return await self._matched(community, force=True)

    async def run(
        self,
        community: CommunityRef,
        trigger: Trigger,
        slot: datetime | None,
        *,
        preview: int | None = None,
        ran_by: str | None = None,
    ) -> RoundOutcome:
        """Match (or reuse a still-valid preview) and queue every message of the round.

        ``preview``: the round id of the preview a manager chose to send; checked under the lease so
        a second click on its button cannot run another round."""
        async with self._lease(community):
            if trigger is Trigger.SCHEDULE and not await self._slot_due(community, slot):
                raise SlotTaken(f"slot {slot} of {community} was already run or skipped")
            if preview is not None:
                await self._check_preview(community, preview)
            if trigger is Trigger.MANUAL:
                await self._require_two(community)
            elif slot is not None and not await self._eligible_count(community):
                return await self._pass_empty_slot(community, slot)
            pending = await self._matched(community, force=False)
            outcome = await self._send(community, pending, trigger, slot, ran_by)
            if outcome is None:  # someone blocked a partner between matching and sending
                pending = await self._matched(community, force=True)
                outcome = await self._send(community, pending, trigger, slot, ran_by)
            if outcome is None:
                raise RuntimeError(f"round {pending.round_id} of {community} still pairs a blocked pair")
            return outcome

    async def _eligible_count(self, community: CommunityRef) -> int:
        async with self._storage.transaction(community) as uow:
            return len(await eligible_now(uow, self._clock.now()))

    async def _require_two(self, community: CommunityRef) -> None:
        """A manager's round or preview needs someone to pair; a lone member would only be told
        there was nobody for them, and an empty round would count in the stats."""
        count = await self._eligible_count(community)
        if count < 2:
            raise UserError(f"Only {count} member(s) are in the rounds; at least two are needed.")

    async def _pass_empty_slot(self, community: CommunityRef, slot: datetime) -> RoundOutcome:
        """A scheduled slot with nobody in the rounds: no round, just on to the next slot. (A single
        member still gets a round, and is told why nobody was paired with them.)"""
        async with self._storage.transaction(community) as uow:
            stored = await uow.schedules.get()
            if stored is not None:
                await uow.schedules.advance(stored.schedule.next_run(slot, stored.anchor_at))
        log.info("nobody is in the rounds of %s; slot %s passed without a round", community, slot)
        return RoundOutcome(0, 0, 0, 0)

    async def _check_preview(self, community: CommunityRef, round_id: int) -> None:
        async with self._storage.transaction(community) as uow:
            pending = await uow.rounds.pending()
            chosen = await uow.rounds.get(round_id)
        if pending is not None and pending.round_id == round_id and pending.state is RoundState.MATCHED:
            return
        if chosen is not None and chosen.state not in (RoundState.SCHEDULED, RoundState.MATCHED):
            raise UserError(f"That preview was already sent as round #{round_id}.")
        raise UserError("That preview is no longer current; run /rounds preview to see the next round.")

    async def _slot_due(self, community: CommunityRef, slot: datetime | None) -> bool:
        """Whether ``slot`` is still the schedule's next run, read under the lease: a sweep that read
        the schedule before another instance ran the slot must not run it a second time."""
        async with self._storage.transaction(community) as uow:
            stored = await uow.schedules.get()
        return stored is not None and stored.next_run_at == slot

    async def _matched(self, community: CommunityRef, *, force: bool) -> Round:
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            settings = round_settings(await uow.communities.settings())
            stored = await uow.schedules.get()
            group_size = stored.schedule.group_size if stored else DEFAULT_GROUP_SIZE
            eligible = await eligible_now(uow, now)
            pending = await uow.rounds.pending()
            if pending is not None and pending.state is RoundState.MATCHED and not force:
                placements = await uow.rounds.placements(pending.round_id)
                placed = {p.member_id for p in placements}
                unblocked = not has_blocked_group(placements, await uow.blocks.pairs())
                if placed == {p.member_id for p in eligible} and unblocked:
                    return pending  # the preview (perhaps with a manager's swaps), or a crash's leftover
            if pending is None:
                pending = await uow.rounds.create(RoundState.SCHEDULED, Trigger.MANUAL, None, group_size, now)
            match_input = await build_input(uow, eligible, settings, group_size, now)
        # Matching is CPU work; a thread keeps the event loop answering commands meanwhile.
        result = await asyncio.to_thread(self.matcher, match_input)
        async with self._storage.transaction(community) as uow:
            await uow.rounds.replace_placements(pending.round_id, placements_from(result))
            await uow.rounds.set_state(pending.round_id, RoundState.MATCHED, matched_at=self._clock.now())
            found = await uow.rounds.get(pending.round_id)
        assert found is not None
        return found

    async def _send(
        self,
        community: CommunityRef,
        pending: Round,
        trigger: Trigger,
        slot: datetime | None,
        ran_by: str | None,
    ) -> RoundOutcome | None:
        """Queue the round's messages; None (nothing changed) when a group holds a blocked pair."""
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            placements = await uow.rounds.placements(pending.round_id)
            if has_blocked_group(placements, await uow.blocks.pairs()):
                return None
            stored = await uow.schedules.get()
            scheduled = stored if trigger is Trigger.SCHEDULE and slot is not None else None
            await uow.rounds.set_state(
                pending.round_id,
                RoundState.DELIVERING,
                delivering_at=now,
                trigger=trigger.value,
                slot=slot,
                ran_by=scheduled.set_by if scheduled is not None else ran_by,
            )
            messages = await self._enqueue(uow, pending.round_id, placements, now)
            await self._update_participants(uow, placements, now)
            if scheduled is not None and slot is not None:
                await uow.schedules.advance(scheduled.schedule.next_run(slot, scheduled.anchor_at))
        groups = groups_of(placements)
        left_out = sum(1 for p in placements if p.group_no is None)
        log.info("round %s of %s: %d groups, %d left out", pending.round_id, community, len(groups), left_out)
        return RoundOutcome(pending.round_id, len(groups), left_out, messages)

    async def _enqueue(
        self, uow: UnitOfWork, round_id: int, placements: list[Placement], now: datetime
    ) -> int:
        ids = [p.member_id for p in placements]
        members = await uow.members.get_many(ids)
        profiles = await uow.profiles.get_many(ids)
        prefix = round_prefix(round_id)
        count = 0
        for number, group in groups_of(placements).items():
            reply = pairing_message(round_id, group, members, profiles)
            recipients = [p.member_id for p in group]
            count += await uow.outbox.enqueue(f"{prefix}g{number}", recipients, reply_to_dict(reply), now)
        for p in placements:
            if p.group_no is None:
                reply = left_out_message(p.left_out_reason or "No partner was free for you this time.")
                count += await uow.outbox.enqueue(
                    f"{prefix}m:{p.member_id}", [p.member_id], reply_to_dict(reply), now
                )
        return count

    @staticmethod
    async def _update_participants(uow: UnitOfWork, placements: list[Placement], now: datetime) -> None:
        left_out = [p.member_id for p in placements if p.group_no is None]
        grouped = [p.member_id for p in placements if p.group_no is not None]
        await uow.participants.set_flags(left_out, now, waiting=True)
        await uow.participants.set_flags(grouped, now, waiting=False)
        # Whoever asked to skip this round has now skipped it.
        skippers = [p.member_id for p in await uow.participants.eligible(now) if p.skip_next]
        await uow.participants.set_flags(skippers, now, skip_next=False)

    def _lease(self, community: CommunityRef) -> _Lease:
        return _Lease(self, community)


class _Lease:
    """The community's round lease for the length of an ``async with`` block."""

    def __init__(self, runner: RoundRunner, community: CommunityRef) -> None:
        self._runner = runner
        self._community = community
        # One holder per run, not per process: two tasks of one instance must exclude each other too.
        self._holder = f"{runner.holder}:{uuid.uuid4().hex[:8]}"

    async def __aenter__(self) -> None:
        r = self._runner
        if not await r._leases.acquire(
            self._community, LEASE_NAME, self._holder, r._clock.now(), r._lease_ttl
        ):
            raise RoundBusy(f"a round of {self._community} is already running")

    async def __aexit__(self, *exc: object) -> None:
        await self._runner._leases.release(self._community, LEASE_NAME, self._holder)
