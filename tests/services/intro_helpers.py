"""Factories for the intro and /find tests: a core on a real SQLite file, members, the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.app import Core, open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, CommunityRef
from bot.services.reply import Reply
from bot.services.reply_codec import reply_from_dict
from bot.storage.schema import outbox

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HOME = CommunityRef("console", "home")
ELSEWHERE = CommunityRef("console", "elsewhere")


async def make_core(tmp_path: Path) -> tuple[Core, ManualClock]:
    clock = ManualClock(START)
    core = await open_core(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/t.db"), clock=clock)
    return core, clock


def actor(member_id: str, name: str, community: CommunityRef = HOME, manager: bool = False) -> Actor:
    return Actor(community, member_id, name, is_manager=manager)


INTROS = {
    "ana": {
        "headline": "Contract lawyer for small firms",
        "working_on": "Growing my practice",
        "looking_for": "A web designer for my firm's site",
        "strengths": "Contract law, partnership agreements, shareholder deals",
        "skills": "contract law, negotiation",
    },
    "ben": {
        "headline": "Founder of a two-person bakery chain",
        "working_on": "Taking on a business partner",
        "looking_for": "Legal advice on a partnership agreement",
        "strengths": "Baking, retail operations",
        "skills": "baking, retail",
    },
    "cleo": {
        "headline": "Community organiser",
        "working_on": "Local business network",
        "looking_for": "Sponsors for meetups",
        "strengths": "Event planning, knowing everyone",
    },
}


async def join(core: Core, who: Actor, answers: dict[str, str] | None = None) -> None:
    """The member writes their intro (which also makes them a member)."""
    reply = await core.router.submit(who, "intro.save", answers or INTROS[who.member_id])
    assert reply.tone != "error", reply.text


@dataclass(frozen=True)
class Sent:
    key: str
    recipients: list[str]
    reply: Reply


async def sent(core: Core, community: CommunityRef = HOME) -> list[Sent]:
    async with core.engine.connect() as db:
        rows = (
            await db.execute(
                sa.select(outbox.c.idempotency_key, outbox.c.recipients, outbox.c.payload)
                .where(
                    outbox.c.platform == community.platform, outbox.c.community_id == community.community_id
                )
                .order_by(outbox.c.message_id)
            )
        ).all()
    return [Sent(key, list(recipients), reply_from_dict(payload)) for key, recipients, payload in rows]


def text_of(reply: Reply) -> str:
    """Everything a reader sees in a reply, as one string."""
    parts: list[Any] = [reply.title, reply.text, reply.footer]
    parts += [f"{f.label}: {f.value}" for f in reply.fields]
    parts += [f"{i.title} {i.body} {i.footer}" for i in reply.items]
    return "\n".join(str(p) for p in parts)
