"""/my-data on data other features hold: intro answers of others, outbox messages, the round schedule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.app import Core
from bot.domain.models import Actor
from bot.services.intro_messages import DECLINE_ACTION
from bot.storage.schema import outbox, round_schedules
from tests.services.intro_helpers import actor, join, make_core

ZOE = actor("zoe", "Zoe")
BO = actor("bo-coach", "Bo Coach")
DI = actor("di-ops", "Di Ops")
MIA = actor("mia", "Mia", manager=True)

ZOE_INTRO = {
    "headline": "Data engineer",
    "working_on": "Building a SaaS for bakeries",
    "looking_for": "fundraising deck, pitch coaching, marketing",
    "strengths": "python, data pipelines",
    "skills": "python, sql",
}
BO_INTRO = {
    "headline": "Pitch coach",
    "working_on": "Growing my coaching practice",
    "looking_for": "data engineer, python, analytics",
    "strengths": "pitch coaching, fundraising deck",
    "skills": "pitch decks",
}


async def export(core: Core, who: Actor) -> dict[str, list[dict[str, Any]]]:
    reply = await core.router.run(who, "/my-data export")
    assert reply.attachment is not None
    data: dict[str, list[dict[str, Any]]] = json.loads(reply.attachment.content)["data"]
    return data


async def outbox_rows(core: Core) -> list[tuple[str, list[str], str]]:
    async with core.engine.connect() as db:
        rows = (
            await db.execute(
                sa.select(outbox.c.idempotency_key, outbox.c.recipients, outbox.c.status).order_by(
                    outbox.c.message_id
                )
            )
        ).all()
    return [(key, list(recipients), status) for key, recipients, status in rows]


async def test_export_does_not_reveal_who_declined_an_intro(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    try:
        for who, answers in ((ZOE, ZOE_INTRO), (BO, BO_INTRO), (DI, ZOE_INTRO)):
            await join(core, who, answers)
        await core.router.run(DI, '/introduce Zoe "Bo Coach" you two')
        await core.router.click(BO, DECLINE_ACTION, "1")

        [request] = (await export(core, ZOE))["intro_requests"]
        assert request["status"] == "declined"
        assert request["declined_by"] is None
        assert request["b_accepted"] is None  # Bo's answer is Bo's
        [own] = (await export(core, BO))["intro_requests"]
        assert own["declined_by"] == BO.member_id
        assert own["a_accepted"] is None
    finally:
        await core.close()


async def pair_zoe_and_bo(core: Core) -> None:
    await join(core, ZOE, ZOE_INTRO)
    await join(core, BO, BO_INTRO)
    await join(core, MIA, ZOE_INTRO)
    for who in (ZOE, BO):
        await core.router.run(who, "/rounds join")
    await core.router.run(MIA, "/rounds run-now")


async def test_export_includes_messages_to_the_member_and_the_schedule_she_set(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    try:
        await pair_zoe_and_bo(core)
        await core.router.run(MIA, "/rounds schedule weekly monday 10:00 UTC")
        zoe_messages = [row for row in await outbox_rows(core) if ZOE.member_id in row[1]]
        assert zoe_messages

        assert [m["idempotency_key"] for m in (await export(core, ZOE))["outbox"]] == [
            key for key, _, _ in zoe_messages
        ]
        mia = await export(core, MIA)
        assert [s["set_by"] for s in mia["round_schedules"]] == [MIA.member_id]
        assert (await export(core, ZOE))["round_schedules"] == []
    finally:
        await core.close()


async def test_delete_keeps_the_partners_pending_pairing_without_her(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    try:
        await pair_zoe_and_bo(core)
        async with core.storage.transaction(ZOE.community) as uow:
            await uow.outbox.enqueue("zoe-alone", [ZOE.member_id], {"text": "hi"}, core.clock.now())
        pairing = [row for row in await outbox_rows(core) if set(row[1]) >= {ZOE.member_id, BO.member_id}]
        assert pairing and pairing[0][2] == "pending"

        await core.router.run(ZOE, "/my-data delete confirm")

        rows = await outbox_rows(core)
        assert all(ZOE.member_id not in recipients for _, recipients, _ in rows)
        assert "zoe-alone" not in [key for key, _, _ in rows]
        kept = {key: recipients for key, recipients, _ in rows}
        assert kept[pairing[0][0]] == [r for r in pairing[0][1] if r != ZOE.member_id]
    finally:
        await core.close()


async def test_delete_clears_the_manager_from_the_schedule_but_keeps_it(tmp_path: Path) -> None:
    core, _ = await make_core(tmp_path)
    try:
        await join(core, MIA, ZOE_INTRO)
        await core.router.run(MIA, "/rounds schedule weekly monday 10:00 UTC")

        await core.router.run(MIA, "/my-data delete confirm")

        async with core.engine.connect() as db:
            setters = (await db.execute(sa.select(round_schedules.c.set_by))).scalars().all()
        assert setters == [None]
    finally:
        await core.close()
