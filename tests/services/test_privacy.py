"""/my-data: a member exports everything, or deletes everything and no row of theirs remains."""

from __future__ import annotations

import json

import sqlalchemy as sa

from bot.app import Core
from bot.services.reply import Tone
from bot.storage.schema import metadata
from tests.conftest import make_actor
from tests.services.test_profiles import ANSWERS, save

ANA = make_actor("Ana Lima")
BEN = make_actor("Ben Okafor")


async def rows_mentioning(core: Core, value: str) -> dict[str, int]:
    """How many rows of each table contain ``value`` in any column: the privacy oracle."""
    found: dict[str, int] = {}
    async with core.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = (await connection.execute(sa.select(table))).all()
            hits = sum(1 for row in rows if any(value in json.dumps(v, default=str) for v in row))
            if hits:
                found[table.name] = hits
    return found


async def test_export_contains_profile_and_posts(core: Core) -> None:
    await save(core)
    await core.router.run(ANA, "/offer Pitch deck reviews")
    reply = await core.router.run(ANA, "/my-data export")
    assert reply.attachment is not None
    data = json.loads(reply.attachment.content)["data"]
    assert data["profiles"][0]["unique_edge"] == ANSWERS["unique_edge"]
    assert [p["text"] for p in data["posts"]] == ["Pitch deck reviews"]


async def test_delete_asks_first_and_changes_nothing_until_confirmed(core: Core) -> None:
    await save(core)
    reply = await core.router.run(ANA, "/my-data delete")
    assert "cannot be undone" in reply.text
    assert (await core.router.run(BEN, "/profile Ana Lima")).title == "Ana Lima"


async def test_after_delete_no_row_of_the_member_remains(core: Core) -> None:
    await save(core)
    await core.router.run(ANA, "/offer Pitch deck reviews")
    await core.router.run(ANA, "/need --private A lawyer for term sheets")
    await core.board.remind_expiring(ANA.community)  # nothing due yet, but touches the outbox
    async with core.storage.transaction(ANA.community) as uow:
        await uow.outbox.enqueue("test-dm", [ANA.member_id], {"text": "hello"}, core.clock.now())
    await core.router.run(BEN, "/offer Bookkeeping")
    assert await rows_mentioning(core, ANA.member_id)

    delete = await core.router.run(ANA, "/my-data delete")
    reply = await core.router.click(ANA, delete.buttons[0].action, delete.buttons[0].value)

    assert reply.tone is Tone.SUCCESS
    assert await rows_mentioning(core, ANA.member_id) == {}
    assert await rows_mentioning(core, "term sheets") == {}
    assert await rows_mentioning(core, BEN.member_id)
