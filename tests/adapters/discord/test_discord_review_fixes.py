"""Review findings on Discord: lookalike threads, masked links, fingerprints, revoked tokens, double sends."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.discord.messenger import PRIVATE_THREAD
from adapters.discord.translate import nonce_for
from tests.adapters.discord.payloads import ANA, BEN, DAN, GENERAL, GUILD, MATCHES
from tests.adapters.discord.test_discord_delivery import configure, members_exist, pairing

KEY = "round:1:group:1"


def lookalike(thread_id: str, **overrides: Any) -> dict[str, Any]:
    """A thread named with the group's tag, as a member could create one by hand."""
    thread = {
        "id": thread_id,
        "type": 11,
        "guild_id": GUILD,
        "parent_id": GENERAL,
        "name": f"lol · {nonce_for(KEY)[:8]}",
        "owner_id": DAN["id"],
        "member_count": 1,
        "message_count": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 10080,
            "archive_timestamp": "2026-11-23T00:00:00+00:00",
            "locked": False,
        },
    }
    return {**thread, **overrides}


@pytest.mark.parametrize(
    "overrides",
    [
        {},  # a member's public thread elsewhere
        {"type": PRIVATE_THREAD, "parent_id": MATCHES},  # a member's private thread in the right place
        {"type": PRIVATE_THREAD, "owner_id": "BOT", "parent_id": GENERAL},  # ours, but not in matches
    ],
)
async def test_a_thread_that_only_looks_like_the_groups_is_never_adopted(bot, fake, core, overrides):
    await members_exist(bot)
    await configure(core, matches_channel=MATCHES)
    evil = "990000000000000666"
    if overrides.get("owner_id") == "BOT":
        overrides = {**overrides, "owner_id": str(bot.user.id)}
    fake.threads[evil] = lookalike(evil, **overrides)
    fake.thread_members[evil] = [DAN["id"]]

    ref = await bot.messenger.deliver(await pairing(core, KEY))

    assert not ref.startswith(f"thread:{evil}/")
    assert fake.thread_members[evil] == [DAN["id"]]
    assert fake.calls("POST", rf"/channels/{evil}/messages") == []
    created = [t for t in fake.threads if t != evil]
    assert len(created) == 1 and ref.startswith(f"thread:{created[0]}/")
    assert set(fake.thread_members[created[0]]) >= {ANA["id"], BEN["id"]}
