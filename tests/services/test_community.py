"""/community stats and setup, for managers."""

from __future__ import annotations

from pathlib import Path

from bot.domain.models import PostKind, Visibility
from bot.services.reply import Field
from bot.services.stats import StatsWindow
from bot.storage.protocols import UnitOfWork
from tests.services.rounds_support import MANAGER, join_many, member, open_test_core, text_of, write_intro


async def test_stats_count_members_rounds_and_show_skill_gaps(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    actors = await join_many(core, 4)
    await write_intro(core, member("Lurker"), 7)  # a profile, not in rounds
    for actor in actors[:3]:
        await core.board.post(actor, PostKind.NEED, "bookkeeping", Visibility.EVERYONE)
    await core.board.post(actors[3], PostKind.OFFER, "bookkeeping", Visibility.EVERYONE)
    await core.router.run(MANAGER, "/rounds run-now")
    stats = text_of(await core.router.run(MANAGER, "/community stats 4"))
    assert "Community stats (last 4 rounds)" in stats
    assert "With a profile: 5" in stats and "In match rounds: 4" in stats
    assert "Rounds run: 1" in stats and "Groups made: 2" in stats
    assert "bookkeeping (needed by 3, offered by 1)" in stats
    assert "Check-in answer rate: 0% (0 of 4)" in stats
    assert (await core.router.run(MANAGER, "/community stats lots")).tone == "error"
    await core.close()


async def test_other_features_add_their_own_stats_section(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)

    async def intro_section(uow: UnitOfWork, window: StatsWindow) -> list[Field]:
        return [Field("Intros made", "7")]

    core.stats.sections.append(intro_section)
    shown = text_of(await core.router.run(MANAGER, "/community stats"))
    assert "Intros made: 7" in shown and "Rounds run: 0" in shown
    await core.close()


async def test_setup_stores_channel_ids_and_refuses_unknown_keys(tmp_path: Path) -> None:
    core, _ = await open_test_core(tmp_path)
    saved = await core.router.run(MANAGER, "/community setup matches_channel C0123")
    assert "Saved matches_channel" in saved.text
    async with core.storage.transaction(MANAGER.community) as uow:
        assert (await uow.communities.settings()).matches_channel == "C0123"
    shown = text_of(await core.router.run(MANAGER, "/community setup"))
    assert "matches_channel: C0123" in shown and "manager_role: not set" in shown
    bad_lines = [
        "/community setup colour blue",
        "/community setup intro_channel",
        "/community setup board_channel a b",
    ]
    for bad in bad_lines:
        assert (await core.router.run(MANAGER, bad)).tone == "error", bad
    await core.close()
