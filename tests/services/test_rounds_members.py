"""Members join, leave, pause and ask their status; pauses end by themselves with a DM."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from bot.storage.schema import round_members, round_participants
from tests.services.rounds_support import (
    MANAGER,
    join_many,
    member,
    open_test_core,
    queued,
    text_of,
    write_intro,
)


async def test_join_asks_for_an_intro_first_then_opts_in(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    ana = member("Ana")
    first = await core.router.run(ana, "/rounds join")
    assert "write your intro" in first.text and first.buttons[0].action == "intro.open"
    assert "not in the match rounds" in (await core.router.run(ana, "/rounds status")).text
    await write_intro(core, ana)
    assert (await core.router.run(ana, "/rounds join")).tone == "success"
    assert "already" in (await core.router.run(ana, "/rounds join")).text
    assert "in the next match round" in (await core.router.run(ana, "/rounds status")).text
    left = await core.router.run(ana, "/rounds leave")
    assert left.tone == "success"
    assert "not in the match rounds" in (await core.router.run(ana, "/rounds status")).text
    await core.close()


async def test_status_gives_the_next_round_in_the_members_own_timezone(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    ana = member("Ana")
    await write_intro(core, ana, timezone="America/New_York")
    await core.router.run(ana, "/rounds join")
    await core.router.run(MANAGER, "/rounds schedule weekly monday 09:00 Europe/Paris")
    status = text_of(await core.router.run(ana, "/rounds status"))
    # 09:00 in Paris (UTC+1) on Monday 9 March 2026 is 04:00 in New York (UTC-4 since 8 March).
    assert "Monday 09 March 2026 at 04:00 (America/New_York)" in status
    await core.close()


async def test_pause_ends_by_itself_and_says_so(tmp_path: Path) -> None:
    core, clock = await open_test_core(tmp_path)
    ana = member("Ana")
    await write_intro(core, ana)
    await core.router.run(ana, "/rounds join")
    paused = await core.router.run(ana, "/rounds pause 10d")
    assert paused.tone == "success" and "Paused until" in paused.text
    assert "paused until" in (await core.router.run(ana, "/rounds status")).text
    clock.advance(timedelta(days=9))
    await core.run_due()
    assert await queued(core, "pause-end:") == []
    clock.advance(timedelta(days=1, minutes=1))
    await core.run_due()
    await core.run_due()  # a second sweep does not repeat the message
    [notice] = await queued(core, "pause-end:")
    assert notice.recipients == (ana.member_id,) and "pause is over" in notice.reply.text
    assert "in the next match round" in (await core.router.run(ana, "/rounds status")).text
    await core.close()


async def test_bad_pause_and_unknown_subcommands_change_nothing(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    ana = member("Ana")
    await write_intro(core, ana)
    assert (await core.router.run(ana, "/rounds pause 2w")).tone == "error"  # not joined yet
    await core.router.run(ana, "/rounds join")
    for line in ["/rounds pause", "/rounds pause someday", "/rounds dance", "/rounds join now"]:
        assert (await core.router.run(ana, line)).tone == "error", line
    assert "in the next match round" in (await core.router.run(ana, "/rounds status")).text
    await core.close()


async def test_manager_subcommands_are_refused_to_members(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    ana = member("Ana")
    for sub in ["schedule weekly mon 09:00 UTC", "cancel", "preview", "run-now", "settings", "swap a b"]:
        reply = await core.router.run(ana, f"/rounds {sub}")
        assert reply.tone == "error" and "Only community managers" in reply.text
    refused = await core.router.run(ana, "/community stats")
    assert refused.tone == "error" and "managers" in refused.text
    await core.close()


async def test_round_data_is_in_the_export_and_goes_with_my_data_delete(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 2)
    await core.router.run(MANAGER, "/rounds run-now")
    export = await core.router.run(actors[0], "/my-data export")
    assert export.attachment is not None
    data = json.loads(export.attachment.content)["data"]
    assert len(data["round_participants"]) == 1 and len(data["round_members"]) == 1
    await core.router.run(actors[0], "/my-data delete confirm")
    async with core.engine.connect() as db:
        for table in (round_members, round_participants):
            rows = (await db.execute(table.select().where(table.c.member_id == actors[0].member_id))).all()
            assert rows == []
    await core.close()


async def test_rounds_help_lists_manager_subcommands_to_managers_only(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    for_member = text_of(await core.router.run(member("Ana"), "/rounds help"))
    for_manager = text_of(await core.router.run(MANAGER, "/rounds help"))
    assert "/rounds pause" in for_member and "/rounds preview" not in for_member
    assert "/rounds preview" in for_manager and "/rounds swap" in for_manager
    await core.close()
