"""Use cases of double opt-in intros: ask, propose as a connector, answer, expire, block."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.errors import NotAllowed, NotFound, UserError
from bot.domain.intros import (
    REASON_MAX_CHARS,
    IntroKind,
    IntroRequest,
    IntroSettings,
    IntroStatus,
    answer_allowed,
    check_new_request,
    cooldown_until,
)
from bot.domain.models import Actor, CommunityRef, Member, PostKind
from bot.domain.text import clean_text
from bot.services import intro_messages as messages
from bot.services.member_refs import take_member
from bot.services.members import ensure_member
from bot.services.reply import Field, Reply
from bot.services.reply_codec import reply_to_dict
from bot.storage.protocols import Storage, UnitOfWork

ASK_USAGE = "/introduce-me <member> [why]"
CONNECT_USAGE = '/introduce <member A> <member B> [why] (quote names with spaces: "Ana Lima")'
CONNECTOR_REFUSAL = "I can't propose that intro right now."
"""What a connector hears about a pair already asked, declined or blocked: nothing they may not know."""


class IntroService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def ask(self, actor: Actor, args: str) -> Reply:
        """/introduce-me: the asker is side A and has said yes by asking."""
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, now)
            try:
                target, why = await take_member(uow, args, ASK_USAGE)
            except NotFound as missing:
                raise NotFound(
                    f"{missing.message} To find who can help with something, try /find {args}."
                ) from None
            return await self._ask(uow, me, target, _reason(why), now)

    async def ask_member(self, actor: Actor, value: str) -> Reply:
        """The "ask for an intro" button: ``value`` is "<member id> [p<post id>]"."""
        member_id, _, doc = value.partition(" ")
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, now)
            target = await uow.members.get(member_id)
            if target is None:
                raise NotFound("That member is no longer here.")
            why = ""
            if doc.startswith("p") and doc[1:].isdigit():
                post = await uow.posts.get(int(doc[1:]))
                if post is not None and post.author_id == target.member_id:
                    verb = (
                        "can help with your need"
                        if post.kind is PostKind.NEED
                        else "is interested in your offer"
                    )
                    why = f"{me.display_name} {verb} #{post.post_id}: “{post.text}”"
            return await self._ask(uow, me, target, why[:REASON_MAX_CHARS], now)

    async def _ask(self, uow: UnitOfWork, me: Member, target: Member, why: str, now: datetime) -> Reply:
        settings = IntroSettings.of(await uow.communities.settings())
        check_new_request(
            requester_id=me.member_id,
            sides=(me.member_id, target.member_id),
            open_count=await uow.intros.count_open_by(me.member_id, now),
            settings=settings,
        )
        await self._check_pair(uow, me, target, (target.member_id,), now)
        request = await uow.intros.add(
            _new(IntroKind.DIRECT, me.member_id, (me.member_id, target.member_id), why, now, settings)
        )
        profile = await uow.profiles.get(me.member_id)
        ask = messages.ask_direct(request, me, profile, settings.expiry_days)
        await _send(uow, f"intro:{request.request_id}:ask:{target.member_id}", [target.member_id], ask, now)
        return Reply.success(
            f"I asked {target.display_name} for an intro, with your intro and your reason. You will "
            f"hear back when they answer (they have {settings.expiry_days} days); nothing is shared "
            "until they say yes."
        )

    async def introduce(self, actor: Actor, args: str) -> Reply:
        """/introduce A B: a connector proposes; both sides must accept."""
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            me = await ensure_member(uow, actor, now)
            a, rest = await take_member(uow, args, CONNECT_USAGE)
            b, why = await take_member(uow, rest, CONNECT_USAGE)
            if me.member_id in (a.member_id, b.member_id):
                other = b if me.member_id == a.member_id else a
                raise UserError(
                    f"To meet {other.display_name} yourself, use /introduce-me {other.display_name}."
                )
            settings = IntroSettings.of(await uow.communities.settings())
            check_new_request(
                requester_id=me.member_id,
                sides=(a.member_id, b.member_id),
                open_count=await uow.intros.count_open_by(me.member_id, now),
                settings=settings,
            )
            for side in (a, b):
                if side.member_id in await uow.blocks.blocked_by(me.member_id):
                    raise UserError(f"You blocked {side.display_name}; /unblock {side.display_name} first.")
                if await uow.blocks.between(me.member_id, side.member_id):
                    raise UserError(CONNECTOR_REFUSAL)
            await self._check_pair(uow, a, b, (a.member_id, b.member_id), now, connector=True)
            request = await uow.intros.add(
                _new(
                    IntroKind.CONNECTOR, me.member_id, (a.member_id, b.member_id), _reason(why), now, settings
                )
            )
            profiles = await uow.profiles.get_many([a.member_id, b.member_id])
            for side, other in ((a, b), (b, a)):
                ask = messages.ask_connector(
                    request, me, other, profiles.get(other.member_id), settings.expiry_days
                )
                key = f"intro:{request.request_id}:ask:{side.member_id}"
                await _send(uow, key, [side.member_id], ask, now)
        return Reply.success(
            f"I asked {a.display_name} and {b.display_name}; I will connect them if both accept, "
            "and tell you when they do."
        )

    async def _check_pair(
        self,
        uow: UnitOfWork,
        a: Member,
        b: Member,
        answerers: tuple[str, ...],
        now: datetime,
        connector: bool = False,
    ) -> None:
        """Blocks, a request already waiting, and the cool-down after a decline. A connector is told
        none of these: they are the two sides' business (who blocked or declined whom)."""
        blocked = await uow.blocks.between(a.member_id, b.member_id)
        waiting = await uow.intros.open_between(a.member_id, b.member_id, now)
        until = cooldown_until(await uow.intros.last_decline(a.member_id, b.member_id, answerers))
        declined_recently = until is not None and until > now
        if connector:
            if blocked or waiting or declined_recently:
                raise UserError(CONNECTOR_REFUSAL)
            return
        if blocked:
            if b.member_id in await uow.blocks.blocked_by(a.member_id):
                raise UserError(f"You blocked {b.display_name}; /unblock {b.display_name} first.")
            raise NotAllowed(f"An intro to {b.display_name} is not possible.")
        if any(a.member_id in r.answerers() for r in waiting):
            raise UserError(f"An intro with {b.display_name} is waiting for your answer: see its message.")
        if waiting:
            raise UserError(f"An intro between you and {b.display_name} is already waiting for an answer.")
        if until is not None and declined_recently:
            raise UserError(
                f"An intro between you was declined recently; it can be asked again after "
                f"{until.date().isoformat()}."
            )

    async def answer(self, actor: Actor, request_id: int, yes: bool) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            request = await uow.intros.get(request_id)
            if request is None:
                raise NotFound("That intro request no longer exists.")
            answer_allowed(request, actor.member_id, now)
            names = await _names(uow, request)
            other = names.get(request.other_side(actor.member_id), messages.NAME_FALLBACK)
            if not yes:
                await close_request(uow, request, IntroStatus.DECLINED, now, declined_by=actor.member_id)
                return Reply.success(
                    f"Declined. {other} is told kindly, without details; nothing was shared."
                )
            request = request.accepted_by(actor.member_id)
            if request.answerers():
                await uow.intros.save(request)
                return Reply.success(f"Thanks! I will connect you with {other} as soon as they accept too.")
            request = dataclasses.replace(request, status=IntroStatus.ACCEPTED, decided_at=now)
            await uow.intros.save(request)
            await self._connect(uow, request, now)
        return Reply.success(f"You and {other} are connected: look for a message with you both.")

    async def _connect(self, uow: UnitOfWork, request: IntroRequest, now: datetime) -> None:
        people = await uow.members.get_many([request.member_a, request.member_b, request.requester_id])
        a, b = people[request.member_a], people[request.member_b]
        connector = people.get(request.requester_id) if request.kind is IntroKind.CONNECTOR else None
        profiles = await uow.profiles.get_many([a.member_id, b.member_id])
        hello = messages.connected(request, a, b, profiles, connector)
        await _send(uow, f"intro:{request.request_id}:connect", [a.member_id, b.member_id], hello, now)
        if connector is not None:
            key = f"intro:{request.request_id}:thanks"
            await _send(uow, key, [connector.member_id], messages.thanks(a, b), now)

    async def expire_due(self, community: CommunityRef) -> int:
        """Close the requests nobody answered in time; the scheduler calls this every hour or so."""
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            overdue = await uow.intros.overdue(now)
            for request in overdue:
                await close_request(uow, request, IntroStatus.EXPIRED, now)
        return len(overdue)

    async def configure(self, actor: Actor, changes: dict[str, int]) -> Reply:
        """Managers: change the intro settings (keys of ``IntroSettings.of``), then show them."""
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            settings = await uow.communities.settings()
            if changes:
                settings = dataclasses.replace(settings, extra=settings.extra | changes)
                await uow.communities.save_settings(settings)
        current = IntroSettings.of(settings)
        return Reply.success(
            f"Intro requests wait {current.expiry_days} days for an answer; each member may have "
            f"{current.max_open} open at a time."
        )


def _new(
    kind: IntroKind,
    requester: str,
    sides: tuple[str, str],
    reason: str,
    now: datetime,
    settings: IntroSettings,
) -> IntroRequest:
    return IntroRequest(
        request_id=0,
        kind=kind,
        requester_id=requester,
        member_a=sides[0],
        member_b=sides[1],
        reason=reason,
        status=IntroStatus.PENDING,
        created_at=now,
        expires_at=now + timedelta(days=settings.expiry_days),
        a_accepted=kind is IntroKind.DIRECT,  # asking is the requester's yes
    )


async def close_request(
    uow: UnitOfWork,
    request: IntroRequest,
    status: IntroStatus,
    now: datetime,
    declined_by: str | None = None,
) -> None:
    """Settle a request without a connection and tell, kindly, those who were waiting for it."""
    await uow.intros.save(
        dataclasses.replace(request, status=status, declined_by=declined_by, decided_at=now)
    )
    names = await _names(uow, request)
    told = [request.requester_id]
    if request.kind is IntroKind.CONNECTOR:
        told += [m for m in request.sides if m not in request.answerers()]  # they had said yes
    for member_id in (m for m in told if m != declined_by):
        note = messages.not_this_time(request, names, member_id, expired=status is IntroStatus.EXPIRED)
        await _send(uow, f"intro:{request.request_id}:{status.value}:{member_id}", [member_id], note, now)


async def _send(uow: UnitOfWork, key: str, recipients: list[str], reply: Reply, now: datetime) -> None:
    """Queue a message in the same transaction as the change it announces."""
    await uow.outbox.enqueue(key, recipients, reply_to_dict(reply), now)


async def _names(uow: UnitOfWork, request: IntroRequest) -> dict[str, str]:
    people = await uow.members.get_many([request.member_a, request.member_b, request.requester_id])
    return {member_id: member.display_name for member_id, member in people.items()}


def _reason(raw: str) -> str:
    return clean_text(raw, what="the reason", max_chars=REASON_MAX_CHARS, required=False)


async def intro_stats(uow: UnitOfWork, since: datetime) -> list[Field]:
    """Intro requests made since ``since`` and where they stand, for /community stats."""
    counts = await uow.intros.count_by_status(since)
    made = sum(counts.values())
    return [
        Field("Intro requests made", str(made), inline=True),
        Field("Accepted", str(counts.get(IntroStatus.ACCEPTED, 0)), inline=True),
        Field("Declined", str(counts.get(IntroStatus.DECLINED, 0)), inline=True),
        Field("Expired", str(counts.get(IntroStatus.EXPIRED, 0)), inline=True),
        Field("Waiting for an answer", str(counts.get(IntroStatus.PENDING, 0)), inline=True),
    ]
