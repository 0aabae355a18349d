"""Helpers of the match-round tests: a core on a SQLite file with a manual clock, members, the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.app import Core, open_core
from bot.config import Settings
from bot.demo.people import DEMO_MEMBERS
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, CommunityRef
from bot.services.reply import Reply
from bot.services.reply_codec import reply_from_dict
from bot.storage.schema import outbox

COMMUNITY = CommunityRef("console", "demo")
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


async def open_test_core(
    tmp_path: Path, start: datetime = START, database_url: str | None = None
) -> tuple[Core, ManualClock]:
    clock = ManualClock(start)
    url = database_url or f"sqlite+aiosqlite:///{tmp_path}/t.db"
    return await open_core(Settings(database_url=url), clock=clock), clock


def member(name: str, *, manager: bool = False) -> Actor:
    return Actor(COMMUNITY, name.lower().replace(" ", "-"), name, is_manager=manager)


MANAGER = member("Mia Manager", manager=True)


async def write_intro(core: Core, actor: Actor, index: int = 0, **overrides: str) -> None:
    """An intro from the demo people (``index`` picks one), with ``overrides`` of its answers."""
    demo = DEMO_MEMBERS[index % len(DEMO_MEMBERS)]
    answers = {
        "headline": demo.headline,
        "working_on": demo.working_on,
        "looking_for": demo.looking_for,
        "strengths": demo.strengths,
        "skills": ", ".join(demo.skills),
        "timezone": demo.timezone,
    } | overrides
    reply = await core.profiles.save_intro(actor, answers)
    assert reply.tone != "error", reply.text


async def join_many(core: Core, count: int) -> list[Actor]:
    actors = [member(f"Member {i:02d}") for i in range(count)]
    for i, actor in enumerate(actors):
        await write_intro(core, actor, i)
        assert (await core.router.run(actor, "/rounds join")).tone == "success"
    return actors


@dataclass(frozen=True)
class Queued:
    key: str
    recipients: tuple[str, ...]
    reply: Reply
    status: str


async def queued(core: Core, prefix: str = "") -> list[Queued]:
    async with core.engine.connect() as db:
        rows = (
            await db.execute(
                sa.select(outbox)
                .where(outbox.c.idempotency_key.startswith(prefix))
                .order_by(outbox.c.message_id)
            )
        ).all()
    return [
        Queued(r.idempotency_key, tuple(r.recipients), reply_from_dict(r.payload), r.status) for r in rows
    ]


async def mark_all_sent(core: Core) -> None:
    """What the outbox worker does once every message went out."""
    async with core.engine.begin() as db:
        await db.execute(outbox.update().values(status="sent"))


def text_of(reply: Reply) -> str:
    parts: list[Any] = [reply.title, reply.text, *(f"{f.label}: {f.value}" for f in reply.fields)]
    for item in reply.items:
        parts += [item.title, item.body, *(f"{f.label}: {f.value}" for f in item.fields), item.footer]
    return "\n".join(str(p) for p in parts if p)
