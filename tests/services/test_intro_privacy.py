"""A connector proposing an intro learns nothing about the two sides' pending intros, declines or blocks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Core
from bot.services.intro_messages import DECLINE_ACTION
from bot.services.intros import CONNECTOR_REFUSAL
from tests.services.intro_helpers import actor, join, make_core
from tests.services.test_privacy_gaps import BO_INTRO, ZOE_INTRO

ZOE = actor("zoe", "Zoe")
BO = actor("bo-coach", "Bo Coach")
DI = actor("di-ops", "Di Ops")
CY = actor("cy-dev", "Cy Dev")


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    opened, _ = await make_core(tmp_path)
    for who in (ZOE, BO, DI, CY):
        await join(opened, who, ZOE_INTRO if who is not BO else BO_INTRO)
    yield opened
    await opened.close()


async def test_a_pending_intro_between_them_is_not_revealed(core: Core) -> None:
    await core.router.run(ZOE, "/introduce-me Bo Coach")
    reply = await core.router.run(DI, '/introduce Zoe "Bo Coach"')
    assert reply.text == CONNECTOR_REFUSAL


async def test_a_recent_decline_is_not_revealed(core: Core) -> None:
    await core.router.run(ZOE, "/introduce-me Bo Coach")
    await core.router.click(BO, DECLINE_ACTION, "1")
    reply = await core.router.run(DI, '/introduce Zoe "Bo Coach"')
    assert reply.text == CONNECTOR_REFUSAL
    assert "declined" not in reply.text


async def test_a_block_between_them_or_against_the_connector_is_not_revealed(core: Core) -> None:
    await core.router.run(CY, "/block Di Ops")
    assert (await core.router.run(ZOE, '/introduce "Cy Dev" "Di Ops"')).text == CONNECTOR_REFUSAL
    await core.router.run(BO, "/block Zoe")
    assert (await core.router.run(ZOE, '/introduce "Bo Coach" "Cy Dev"')).text == CONNECTOR_REFUSAL


async def test_the_sides_themselves_still_hear_why(core: Core) -> None:
    await core.router.run(ZOE, "/introduce-me Bo Coach")
    reply = await core.router.run(ZOE, "/introduce-me Bo Coach")
    assert "already waiting" in reply.text
