"""Managers' side of match rounds: schedule, cancel, preview with quality figures, swap, run now,
settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.domain.clock import Clock
from bot.domain.errors import NotFound, UserError
from bot.domain.models import Actor, CommunityRef, Member
from bot.domain.round_records import Placement, Round, Trigger
from bot.domain.round_settings import (
    change_setting,
    describe_settings,
    round_settings,
    with_round_settings,
)
from bot.domain.rounds import RoundState, Schedule, format_local, member_zone
from bot.domain.text import whole_number
from bot.matching.model import MatchInput, MatchSettings
from bot.services.members import ensure_member, resolve_member
from bot.services.reply import Button, ButtonStyle, Field, Item, Reply
from bot.services.rounds_inputs import candidates_of, groups_of, has_blocked_group, past_pairings
from bot.services.rounds_quality import NeedMet, RoundQuality, engine_meets, measure
from bot.services.rounds_runner import RoundBusy, RoundRunner
from bot.storage.protocols import Storage, UnitOfWork

RUN_NOW_ACTION = "rounds.run-now"
ScheduleListener = Callable[[], Awaitable[None]]
T = TypeVar("T")
MANAGER_SWAP_REASON = "Put together by your community manager."
MANAGER_LEFT_OUT = "Your community manager rearranged this round's groups, and no partner was left for you."


class RoundManagerService:
    def __init__(
        self, storage: Storage, clock: Clock, runner: RoundRunner, meets: NeedMet = engine_meets
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._runner = runner
        self._meets = meets
        self.schedule_listeners: list[ScheduleListener] = []
        """Called after a manager changes a schedule (the scheduler re-arms its jobs)."""

    async def schedule(self, actor: Actor, schedule: Schedule) -> Reply:
        now = self._clock.now()
        next_run = schedule.next_run(now)
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            await uow.schedules.save(schedule, next_run, actor.member_id, now)
        await self._schedule_changed()
        zone = member_zone(None, schedule.timezone)
        return Reply.success(
            f"Match rounds scheduled: {schedule.describe()}.",
            fields=(Field("Next round", format_local(next_run, zone)),),
        )

    async def cancel(self, actor: Actor) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            stored = await uow.schedules.get()
            pending = await uow.rounds.pending()
            if stored is None and pending is None:
                return Reply(text="No round is scheduled, so there is nothing to cancel.")
            await uow.schedules.delete()
            if pending is not None:
                await uow.rounds.delete(pending.round_id)  # a preview that was never sent
        await self._schedule_changed()
        return Reply.success(
            "Match rounds cancelled: no more scheduled rounds. /rounds schedule to start again."
        )

    async def preview(self, actor: Actor) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
        round_ = await _busy_guard(self._runner.match(actor.community))
        return await self._preview_reply(actor.community, round_)

    async def swap(self, actor: Actor, first: str, second: str) -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            pending = await uow.rounds.pending()
            if pending is None or pending.state is not RoundState.MATCHED:
                raise NotFound("There is no preview to change; run /rounds preview first.")
            a, b = await resolve_member(uow, first), await resolve_member(uow, second)
            placements = {p.member_id: p for p in await uow.rounds.placements(pending.round_id)}
            for member in (a, b):
                if member.member_id not in placements:
                    raise UserError(
                        f"{member.display_name} is not in the next round, so they cannot be swapped."
                    )
            pa, pb = placements[a.member_id], placements[b.member_id]
            if pa.group_no == pb.group_no:
                raise UserError(f"{a.display_name} and {b.display_name} are already in the same group.")
            placements[a.member_id], placements[b.member_id] = _moved(pa, pb), _moved(pb, pa)
            if has_blocked_group(list(placements.values()), await uow.blocks.pairs()):
                # Neutral on purpose: saying why would tell the manager who blocked whom.
                raise UserError("That swap is not possible; try another member.")
            touched = {pa.group_no, pb.group_no} - {None}
            explained = await self._explain(uow, [p for p in placements.values() if p.group_no in touched])
            await uow.rounds.replace_placements(
                pending.round_id, [explained.get(m, p) for m, p in placements.items()]
            )
        return await self._preview_reply(
            actor.community, pending, note=f"Swapped {a.display_name} and {b.display_name}."
        )

    async def run_now(self, actor: Actor, preview: str = "") -> Reply:
        """Run a round now; ``preview`` (a preview button's value: its round id) sends that preview
        only if it is still the one waiting, so a second click runs nothing."""
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
        chosen = whole_number(preview)
        outcome = await _busy_guard(
            self._runner.run(actor.community, Trigger.MANUAL, None, preview=chosen, ran_by=actor.member_id)
        )
        return Reply.success(
            f"Round #{outcome.round_id} is on its way: {outcome.groups} group(s), "
            f"{outcome.left_out} member(s) without a partner (each is told why), "
            f"{outcome.messages} message(s) queued."
        )

    async def settings(self, actor: Actor, key: str = "", value: str = "") -> Reply:
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            community_settings = await uow.communities.settings()
            current = round_settings(community_settings)
            if key:
                current = change_setting(current, key, value)
                await uow.communities.save_settings(with_round_settings(community_settings, current))
        fields = tuple(Field(name, shown, inline=True) for name, shown in describe_settings(current))
        text = (
            f"Saved: {key} is now {value.strip()}."
            if key
            else "Match round settings (change with /rounds settings <key> <value>):"
        )
        return Reply(title="Match round settings", text=text, fields=fields)

    async def _preview_reply(self, community: CommunityRef, round_: Round, note: str = "") -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            placements = await uow.rounds.placements(round_.round_id)
            ids = [p.member_id for p in placements]
            members = await uow.members.get_many(ids)
            candidates = await candidates_of(uow, ids, now)
            stored = await uow.schedules.get()
        groups = groups_of(placements)
        left_out = [p for p in placements if p.group_no is None]
        quality = measure(groups, left_out, candidates, self._meets, now)
        when = (
            f"It goes out on {format_local(stored.next_run_at, member_zone(None, stored.schedule.timezone))}"
            if stored
            else "No round is scheduled"
        )
        items = tuple(_group_item(number, group, members) for number, group in groups.items())
        return Reply(
            title=f"Preview of the next round: {len(groups)} group(s)",
            text=" ".join(
                part
                for part in (
                    note,
                    f"{when}; nothing is sent yet.",
                    "/rounds swap <member> <member> to change it.",
                )
                if part
            ),
            fields=_quality_fields(quality, members),
            items=items,
            buttons=(Button("Send it now", RUN_NOW_ACTION, str(round_.round_id), style=ButtonStyle.PRIMARY),),
            ephemeral=True,
        )

    async def _explain(self, uow: UnitOfWork, changed: list[Placement]) -> dict[str, Placement]:
        """New score, reasons and starter for groups a manager changed, from the matching engine run
        on each group alone; a plain note when the engine would not group them so."""
        now = self._clock.now()
        settings = round_settings(await uow.communities.settings())
        candidates = await candidates_of(uow, [p.member_id for p in changed], now)
        history, _ = await past_pairings(uow, settings.lookback)
        explained: dict[str, Placement] = {}
        for number, group in groups_of(changed).items():
            ids = [p.member_id for p in group]
            match_input = MatchInput(
                tuple(candidates[m] for m in ids if m in candidates),
                history,
                settings=MatchSettings(group_size=min(len(ids), 3), lookback_rounds=settings.lookback),
            )
            result = self._runner.matcher(match_input)
            same = [g for g in result.groups if set(g.members) == set(ids)]
            for p in group:
                explained[p.member_id] = (
                    Placement(
                        p.member_id,
                        number,
                        same[0].score,
                        same[0].reasons,
                        same[0].starter,
                        same[0].is_repeat,
                    )
                    if same
                    else Placement(p.member_id, number, 0.0, (MANAGER_SWAP_REASON,))
                )
        return explained

    async def _schedule_changed(self) -> None:
        for listener in self.schedule_listeners:
            await listener()


async def _busy_guard(call: Awaitable[T]) -> T:
    try:
        return await call
    except RoundBusy:
        raise UserError("A round of this community is running right now; try again in a minute.") from None


def _moved(member: Placement, into: Placement) -> Placement:
    """``member`` placed where ``into`` was: in their group (explained afresh later), or left out."""
    if into.group_no is not None:
        return Placement(member.member_id, into.group_no)
    return Placement(member.member_id, None, left_out_reason=MANAGER_LEFT_OUT, odd_one_out=True)


def _group_item(number: int, group: list[Placement], members: dict[str, Member]) -> Item:
    names = [members[p.member_id].display_name if p.member_id in members else p.member_id for p in group]
    first = group[0]
    fields = (Field("Conversation starter", first.starter),) if first.starter else ()
    body = "\n".join(f"• {reason}" for reason in first.reasons)
    repeat = " · repeat" if first.is_repeat else ""
    return Item(
        f"{number}. {' + '.join(names)}", body=body, fields=fields, footer=f"score {first.score:.2f}{repeat}"
    )


def _quality_fields(quality: RoundQuality, members: dict[str, Member]) -> tuple[Field, ...]:
    odd = ", ".join(
        f"{members[m].display_name if m in members else m} ({reason})" for m, reason in quality.odd_ones
    )
    return (
        Field(
            "Needs met by a partner's offer",
            f"{quality.needs_met_share:.0%} of {quality.members} members",
            inline=True,
        ),
        Field("Mutual matches", str(quality.mutual), inline=True),
        Field("Repeats", str(quality.repeats), inline=True),
        Field("Groups with under 2 h of shared working time", str(quality.short_overlap), inline=True),
        Field("Odd one out", odd or "nobody"),
    )
