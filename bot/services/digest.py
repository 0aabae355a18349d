"""The weekly gives-and-asks digest: the week's new offers and needs, posted in the board channel.

A digest is an outbox message whose single recipient is ``channel:<channel id>``; adapters post
such a message in that channel instead of opening a DM (see docs/intros.md).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.models import Actor, CommunityRef, CommunitySettings, Member, Post, PostKind
from bot.domain.profiles import parse_timezone
from bot.domain.text import whole_number
from bot.services.find import ASK_INTRO_ACTION
from bot.services.members import ensure_member
from bot.services.reply import Button, ButtonStyle, Item, Reply
from bot.services.reply_codec import reply_to_dict
from bot.storage.protocols import Storage, UnitOfWork

CHANNEL_PREFIX = "channel:"
DIGEST_USAGE = "/digest <channel> <weekday> <hour 0-23> [timezone] · /digest off · /digest preview"
PER_KIND = 10
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CHANNEL = re.compile(r"^<?#?([\w.-]+)(?:\|[^>]*)?>?$")


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """When and where the digest goes; ``weekday`` 0 is Monday, ``hour`` is local to ``timezone``."""

    channel_id: str
    weekday: int
    hour: int
    timezone: str = "UTC"

    @classmethod
    def of(cls, settings: CommunitySettings) -> DigestSchedule | None:
        extra = settings.extra
        channel, weekday, hour = (
            extra.get("digest_channel"),
            extra.get("digest_weekday"),
            extra.get("digest_hour"),
        )
        if not isinstance(channel, str) or not isinstance(weekday, int) or not isinstance(hour, int):
            return None
        timezone = extra.get("digest_timezone")
        return cls(channel, weekday, hour, timezone if isinstance(timezone, str) else "UTC")

    def due_at(self, now: datetime) -> datetime:
        """This week's digest moment (Monday-based weeks, in the schedule's timezone)."""
        local = now.astimezone(ZoneInfo(self.timezone))
        monday = (local - timedelta(days=local.weekday())).date()
        moment = datetime.combine(
            monday + timedelta(days=self.weekday), time(self.hour), ZoneInfo(self.timezone)
        )
        return moment.astimezone(UTC)

    def is_due(self, now: datetime) -> bool:
        """Whether this week's digest time has come; a digest missed while down goes out later that week."""
        return now >= self.due_at(now)

    def describe(self) -> str:
        return (
            f"#{self.channel_id} every {WEEKDAYS[self.weekday].title()} at {self.hour:02d}:00 {self.timezone}"
        )


def parse_schedule(args: str) -> DigestSchedule:
    parts = args.split()
    if len(parts) not in (3, 4):
        raise UserError(f"Please give a channel, a weekday and an hour. Usage: {DIGEST_USAGE}")
    channel = _CHANNEL.match(parts[0])
    if channel is None:
        raise UserError(f"“{parts[0]}” is not a channel; name it like #board.")
    day = parts[1].lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(day[:3])] if len(day) >= 3 else []
    if not matches:
        raise UserError(f"“{parts[1]}” is not a weekday; use Monday to Sunday.")
    hour_text = parts[2].split(":")[0]
    hour = whole_number(hour_text, maximum=23)
    if hour is None:
        raise UserError(f"“{parts[2]}” is not an hour; use 0 to 23, e.g. 9 or 09:00.")
    timezone = parse_timezone(parts[3]) if len(parts) == 4 else "UTC"
    return DigestSchedule(channel.group(1), matches[0], hour, timezone)


def week_key(now: datetime, timezone: str) -> str:
    year, week, _ = now.astimezone(ZoneInfo(timezone)).isocalendar()
    return f"{year}-W{week:02d}"


class DigestService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def configure(self, actor: Actor, args: str) -> Reply:
        """Managers: /digest <channel> <weekday> <hour> [tz], /digest off, or /digest to see it."""
        schedule = parse_schedule(args) if args.strip() and args.strip().lower() != "off" else None
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            settings = await uow.communities.settings()
            if not args.strip():
                current = DigestSchedule.of(settings)
                where = current.describe() if current else "off"
                return Reply(text=f"The weekly gives-and-asks digest: {where}. Usage: {DIGEST_USAGE}")
            extra = {k: v for k, v in settings.extra.items() if not k.startswith("digest_")}
            if schedule is not None:
                extra |= {
                    "digest_channel": schedule.channel_id,
                    "digest_weekday": schedule.weekday,
                    "digest_hour": schedule.hour,
                    "digest_timezone": schedule.timezone,
                }
            await uow.communities.save_settings(dataclasses.replace(settings, extra=extra))
        if schedule is None:
            return Reply.success("The weekly digest is off.")
        return Reply.success(f"The weekly digest will be posted in {schedule.describe()}.")

    async def preview(self, actor: Actor) -> Reply:
        now = self._clock.now()
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, now)
            digest = await build_digest(uow, now)
        return digest or Reply(text="No new offers or needs this week: the digest would be skipped.")

    async def send_if_due(self, community: CommunityRef) -> bool:
        """The sweeper's call: queue this week's digest once its hour has come; False otherwise."""
        async with self._storage.transaction(community) as uow:
            schedule = DigestSchedule.of(await uow.communities.settings())
        if schedule is None or not schedule.is_due(self._clock.now()):
            return False
        return await self.send_weekly_digest(community)

    async def send_weekly_digest(self, community: CommunityRef) -> bool:
        """The scheduler's call at the configured hour: queue this week's digest once; False if skipped."""
        now = self._clock.now()
        async with self._storage.transaction(community) as uow:
            schedule = DigestSchedule.of(await uow.communities.settings())
            if schedule is None:
                return False
            digest = await build_digest(uow, now)
            if digest is None:
                return False
            key = f"digest:{week_key(now, schedule.timezone)}"
            recipient = CHANNEL_PREFIX + schedule.channel_id
            return await uow.outbox.enqueue(key, [recipient], reply_to_dict(digest), now)


async def build_digest(uow: UnitOfWork, now: datetime) -> Reply | None:
    """This week's listed offers and needs, each need with "I can help"; None when there are none."""
    since = now - timedelta(days=7)
    needs = await uow.directory.listed_since(since, now, PostKind.NEED, PER_KIND)
    offers = await uow.directory.listed_since(since, now, PostKind.OFFER, PER_KIND)
    if not needs and not offers:
        return None
    authors = await uow.members.get_many(list({p.author_id for p in needs + offers}))
    total = sum([await uow.directory.count_listed_since(since, now, kind) for kind in PostKind])
    more = total - len(needs) - len(offers)
    footer = f"{more} more on /board." if more > 0 else "Post yours with /offer or /need."
    return Reply(
        title="This week's gives and asks",
        text=f"{len(offers)} new offer(s) and {len(needs)} new need(s). Can you help? "
        "One click asks for an intro.",
        items=tuple(_item(p, authors.get(p.author_id)) for p in needs + offers),
        footer=footer,
        ephemeral=False,
    )


def _item(post: Post, author: Member | None) -> Item:
    name = author.display_name if author else "a former member"
    if post.kind is PostKind.NEED:
        help_button = Button(
            "I can help", ASK_INTRO_ACTION, f"{post.author_id} p{post.post_id}", ButtonStyle.PRIMARY
        )
        return Item(title=f"Need #{post.post_id} · {name}", body=post.text, buttons=(help_button,))
    return Item(title=f"Offer #{post.post_id} · {name}", body=post.text)
