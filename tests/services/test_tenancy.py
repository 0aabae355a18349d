"""Two communities on one database: nothing one does is visible to the other."""

from __future__ import annotations

from bot.app import Core
from bot.domain.models import CommunityRef
from tests.conftest import make_actor

ANA_HERE = make_actor("Ana Lima", community=CommunityRef("slack", "T1"), member_id="U1")
ANA_THERE = make_actor("Ana Lima", community=CommunityRef("discord", "T1"), member_id="U1")


async def test_posts_profiles_and_members_stay_in_their_community(core: Core) -> None:
    await core.router.run(ANA_HERE, "/offer Secret sauce consulting")
    answers = {"headline": "Here only", "working_on": "x", "looking_for": "y"}
    await core.router.submit(ANA_HERE, "intro.save", answers)

    assert (await core.router.run(ANA_THERE, "/board")).items == ()
    assert (await core.router.run(ANA_THERE, "/board secret")).items == ()
    assert "no intro yet" in (await core.router.run(ANA_THERE, "/profile")).text
    assert "There is no offer #1" in (await core.router.run(ANA_THERE, "/offer close 1")).text
    assert (await core.router.run(ANA_HERE, "/board")).items[0].body == "Secret sauce consulting"


async def test_deleting_in_one_community_keeps_the_other(core: Core) -> None:
    await core.router.run(ANA_HERE, "/offer Here")
    await core.router.run(ANA_THERE, "/offer There")
    await core.router.run(ANA_HERE, "/my-data delete confirm")
    assert (await core.router.run(ANA_HERE, "/board")).items == ()
    assert [i.body for i in (await core.router.run(ANA_THERE, "/board")).items] == ["There"]
