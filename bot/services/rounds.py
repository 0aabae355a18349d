"""Members' side of match rounds: join, leave, pause, status, and the buttons of round messages."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.errors import NotFound, UserError
from bot.domain.models import Actor
from bot.domain.round_records import Answer, NoReason, Participant
from bot.domain.rounds import format_local, member_zone, parse_pause
from bot.domain.text import whole_number
from bot.services.members import ensure_member
from bot.services.profiles import OPEN_INTRO_ACTION
from bot.services.reply import Button, ButtonStyle, Field, Reply
from bot.services.rounds_messages import no_reason_from, why_not_message
from bot.storage.protocols import Storage, UnitOfWork

ANSWER_THANKS = {
    Answer.MET: "Great, glad you met! Thanks for telling us.",
    Answer.NOT_YET: "Noted: not yet. There is still time; say hello in your match's conversation.",
}
NO_REASON_THANKS = {
    NoReason.NO_REPLY: "Thanks. Sorry they did not answer; you keep your place in the next round.",
    NoReason.SCHEDULING: "Thanks. Finding a time is hard; maybe try a short async exchange first.",
    NoReason.NOT_A_FIT: "Thanks. We will not suggest this match again soon.",
}


class RoundMemberService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def join(self, actor: Actor) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            if await uow.profiles.get(actor.member_id) is None:
                return Reply(
                    text=(
                        "Before you join match rounds, please write your intro: partners are chosen "
                        "from what you offer and need. Then run /rounds join again."
                    ),
                    buttons=(Button("Write my intro", OPEN_INTRO_ACTION, style=ButtonStyle.PRIMARY),),
                )
            current = await uow.participants.get(actor.member_id)
            if current is not None and current.opted_in and not current.is_paused(now):
                return Reply(text="You are already in the match rounds. /rounds status shows the next one.")
            waiting = current.waiting if current else False
            await uow.participants.save(Participant(actor.member_id, opted_in=True, waiting=waiting), now)
            when = await _next_round_text(uow, actor.member_id)
        return Reply.success(f"You are in! {when} /rounds pause or /rounds leave any time.")

    async def leave(self, actor: Actor) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            current = await uow.participants.get(actor.member_id)
            if current is None or not current.opted_in:
                return Reply(text="You are not in the match rounds. /rounds join to take part.")
            await uow.participants.save(Participant(actor.member_id, opted_in=False), now)
        return Reply.success("You left the match rounds; no more pairings. /rounds join to come back.")

    async def pause(self, actor: Actor, duration: str) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            current = await uow.participants.get(actor.member_id)
            if current is None or not current.opted_in:
                raise UserError(
                    "You are not in the match rounds, so there is nothing to pause. /rounds join first."
                )
            zone = await _zone_of(uow, actor.member_id)
            until = parse_pause(duration, now, zone)
            await uow.participants.save(dataclasses.replace(current, paused_until=until), now)
        return Reply.success(
            f"Paused until {format_local(until, zone)}. You will be back in the rounds automatically, "
            "and I will tell you. /rounds join resumes earlier."
        )

    async def status(self, actor: Actor) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            current = await uow.participants.get(actor.member_id)
            zone = await _zone_of(uow, actor.member_id)
            when = await _next_round_text(uow, actor.member_id)
        if current is None or not current.opted_in:
            state = "You are not in the match rounds. /rounds join to take part."
        elif current.paused_until is not None and current.is_paused(now):
            state = f"You are paused until {format_local(current.paused_until, zone)}."
        elif current.skip_next:
            state = "You are in the match rounds, but skipping the next one."
        else:
            state = "You are in the next match round."
        return Reply(title="Match rounds", text=state, fields=(Field("Next round", when),))

    async def skip_next(self, actor: Actor, _value: str = "") -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            current = await uow.participants.get(actor.member_id)
            if current is None or not current.opted_in:
                return Reply(text="You are not in the match rounds, so there is nothing to skip.")
            await uow.participants.save(dataclasses.replace(current, skip_next=True), now)
        return Reply.success("Done: you will skip the next round, and be back for the one after.")

    async def answer(self, actor: Actor, round_value: str, answer: Answer) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            round_id = await _own_round(uow, actor, round_value)
            await uow.rounds.record_answer(round_id, actor.member_id, answer, None, self._clock.now())
        if answer is Answer.NO:
            return why_not_message(round_id)
        return Reply.success(ANSWER_THANKS[answer])

    async def answer_why_not(self, actor: Actor, value: str) -> Reply:
        round_value, reason = no_reason_from(value)
        if reason is None:
            raise UserError("That answer is out of date; please use the buttons of the latest check-in.")
        async with self._storage.transaction(actor.community) as uow:
            round_id = await _own_round(uow, actor, round_value)
            await uow.rounds.record_answer(round_id, actor.member_id, Answer.NO, reason, self._clock.now())
        return Reply.success(NO_REASON_THANKS[reason])


async def _own_round(uow: UnitOfWork, actor: Actor, round_value: str) -> int:
    """The round a button names, if the clicking member was in one of its groups."""
    round_id = whole_number(round_value)
    if round_id is None:
        raise NotFound("That button does not name a round; please use the buttons of your match message.")
    placements = await uow.rounds.placements(round_id)
    if not any(p.member_id == actor.member_id and p.group_no is not None for p in placements):
        raise NotFound("You were not matched in that round, so there is nothing to answer.")
    return round_id


async def _zone_of(uow: UnitOfWork, member_id: str) -> ZoneInfo:
    profile = await uow.profiles.get(member_id)
    stored = await uow.schedules.get()
    return member_zone(profile.timezone if profile else None, stored.schedule.timezone if stored else "UTC")


async def _next_round_text(uow: UnitOfWork, member_id: str) -> str:
    stored = await uow.schedules.get()
    if stored is None:
        return "No round is scheduled yet; a manager sets one with /rounds schedule."
    zone = await _zone_of(uow, member_id)
    return f"The next round is on {format_local(stored.next_run_at, zone)}."
