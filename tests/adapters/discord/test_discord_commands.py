"""Slash commands through discord.py's parser and CommandTree into the real core, answered at the fake."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from bot.commands.registry import CommandSpec
from bot.domain.models import CommunityRef
from bot.services.reply import Reply
from tests.adapters.discord.payloads import (
    ANA,
    BEN,
    BOARD,
    CARA,
    DAN,
    GUILD,
    MANAGE_GUILD_PERMS,
    MANAGER_ROLE,
    answer,
    buttons,
    embed_text,
    feed,
    member,
    opt,
    resolved_member,
    resolved_members,
    slash,
    sub,
    user,
)

EPHEMERAL = 1 << 6


@pytest.fixture
def lines(core: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The command lines the router received (a recording wrapper around the real router)."""
    received: list[str] = []
    original = core.router.run

    async def recording(actor: Any, line: str) -> Reply:
        received.append(line)
        return await original(actor, line)

    monkeypatch.setattr(core.router, "run", recording)
    return received


async def test_offer_posts_and_answers_publicly_readable_embed_with_close_button(bot, fake, core):
    payload = slash("offer", [opt("text", "Pitch coaching, investor decks")])
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["type"] == 4  # answered at once, no defer needed
    text = embed_text(body["data"])
    assert "Posted offer #1 on the board: Pitch coaching, investor decks" in text
    assert "pitch coaching" in text  # the tags field
    assert [b["custom_id"] for b in buttons(body["data"])] == ["pb:offer.close:1"]
    assert body["data"]["allowed_mentions"] == {"parse": []}


async def test_offer_over_long_is_an_ephemeral_error_and_posts_nothing(bot, fake):
    payload = slash("offer", [opt("text", "x" * 600)])
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["data"]["flags"] & EPHEMERAL
    assert "600 characters long; the limit is 500" in embed_text(body["data"])
    board = slash("board")
    await feed(bot, board)
    assert "Nothing on the board" in embed_text(answer(fake, board)["data"])


async def test_need_private_is_not_listed(bot, fake):
    payload = slash("need", [opt("text", "A bookkeeper"), opt("private", True, 5)])
    await feed(bot, payload)
    assert "for matching only" in embed_text(answer(fake, payload)["data"])


async def test_mentions_in_posts_are_inert_on_the_board(bot, fake):
    await feed(bot, slash("offer", [opt("text", "@everyone @here <@&920000000000000002> free audits")]))
    board = slash("board", [opt("kind", "offers")])
    await feed(bot, board)
    data = answer(fake, board)["data"]
    text = embed_text(data)
    assert "@everyone" not in text and "@here" not in text and "<@&" not in text
    assert "@\u200beveryone" in text and "<\u200b@&920000000000000002>" in text
    assert data["allowed_mentions"] == {"parse": []}


async def test_board_paginates_with_persistent_buttons(bot, fake):
    for i in range(7):
        await feed(bot, slash("offer", [opt("text", f"Skill number {i}")]))
    board = slash("board", [opt("kind", "offers")])
    await feed(bot, board)
    data = answer(fake, board)["data"]
    assert "Page 1 of 2" in embed_text(data)
    assert [b["custom_id"] for b in buttons(data)] == ["pb:board.page:2 offers"]


async def test_board_with_too_many_words_is_an_ephemeral_error(bot, fake):
    payload = slash("board", [opt("search", "one two three four five six seven eight nine")])
    await feed(bot, payload)
    data = answer(fake, payload)["data"]
    assert data["flags"] & EPHEMERAL
    assert "at most 8 words" in embed_text(data)


async def test_profile_of_another_member(bot, fake):
    await feed(bot, slash("offer", [opt("text", "Design")], who=BEN))  # Ben becomes a member
    payload = slash("profile", [opt("member", BEN["id"], 6)], resolved=resolved_member(BEN))
    await feed(bot, payload)
    assert "Ben has not written an intro yet." in embed_text(answer(fake, payload)["data"])


async def test_profile_of_someone_outside_the_server_is_refused(bot, fake, lines):
    stranger = user("800000000000000099", "Stranger")
    payload = slash(
        "profile", [opt("member", stranger["id"], 6)], resolved={"users": {stranger["id"]: stranger}}
    )
    await feed(bot, payload)
    data = answer(fake, payload)["data"]
    assert data["flags"] & EPHEMERAL
    assert "Stranger is not a member of this server." in embed_text(data)
    assert lines == []


async def test_my_data_export_sends_a_json_file(bot, fake):
    await feed(bot, slash("offer", [opt("text", "Copywriting")]))
    payload = slash("my-data", [sub("export")])
    await feed(bot, payload)
    body = answer(fake, payload)
    assert body["data"]["flags"] & EPHEMERAL
    assert body["_files"] and body["_files"][0].endswith(".json")


async def test_help_lists_commands(bot, fake):
    payload = slash("help")
    await feed(bot, payload)
    assert "/offer" in embed_text(answer(fake, payload)["data"])


# Every verb of DESIGN.md reaches the router as the console's text line.
ROUTED = [
    (slash("intro"), "/intro"),
    (slash("profile"), "/profile"),
    (slash("board", [opt("kind", "needs"), opt("search", "python  data")]), "/board needs python data"),
    (slash("find", [opt("what", "a fundraising deck")]), "/find a fundraising deck"),
    (slash("find", [opt("what", "python"), opt("who_needs", True, 5)]), "/find --who-needs python"),
    (
        slash(
            "introduce",
            [opt("member", BEN["id"], 6), opt("other", CARA["id"], 6), opt("why", "both in fintech")],
            resolved=resolved_members(BEN, CARA),
        ),
        f"/introduce {BEN['id']} {CARA['id']} both in fintech",
    ),
    (
        slash(
            "introduce-me", [opt("member", BEN["id"], 6), opt("why", "tax")], resolved=resolved_member(BEN)
        ),
        f"/introduce-me {BEN['id']} tax",
    ),
    (slash("block"), "/block"),
    (slash("block", [opt("member", BEN["id"], 6)], resolved=resolved_member(BEN)), f"/block {BEN['id']}"),
    (slash("unblock", [opt("member", BEN["id"], 6)], resolved=resolved_member(BEN)), f"/unblock {BEN['id']}"),
    (slash("my-data", [sub("delete")]), "/my-data delete"),
    (slash("rounds", [sub("join")]), "/rounds join"),
    (slash("rounds", [sub("leave")]), "/rounds leave"),
    (slash("rounds", [sub("pause", [opt("duration", "2w")])]), "/rounds pause 2w"),
    (slash("rounds", [sub("status")]), "/rounds status"),
    (slash("rounds", [sub("preview")]), "/rounds preview"),
    (slash("rounds", [sub("run-now")]), "/rounds run-now"),
    (slash("rounds", [sub("cancel")]), "/rounds cancel"),
    (
        slash("rounds", [sub("settings", [opt("key", "lookback"), opt("value", "4")])]),
        "/rounds settings lookback 4",
    ),
    (
        slash(
            "rounds",
            [
                sub(
                    "schedule",
                    [
                        opt("cadence", "weekly"),
                        opt("weekday", "monday"),
                        opt("time", "09:30"),
                        opt("timezone", "Europe/Berlin"),
                        opt("group_size", 3, 4),
                    ],
                )
            ],
        ),
        "/rounds schedule weekly monday 09:30 Europe/Berlin 3",
    ),
    (
        slash(
            "rounds",
            [sub("swap", [opt("member", BEN["id"], 6), opt("other", CARA["id"], 6)])],
            resolved=resolved_members(BEN, CARA),
        ),
        f"/rounds swap {BEN['id']} {CARA['id']}",
    ),
    (slash("community", [sub("stats")]), "/community stats"),
    (slash("community", [sub("stats", [opt("rounds", 4, 4)])]), "/community stats 4"),
    (slash("digest", [sub("status")]), "/digest"),
    (slash("digest", [sub("off")]), "/digest off"),
    (
        slash(
            "digest",
            [sub("schedule", [opt("channel", BOARD, 7), opt("weekday", "friday"), opt("hour", 16, 4)])],
            resolved={"channels": {BOARD: {"id": BOARD, "name": "board", "type": 0, "permissions": "0"}}},
        ),
        f"/digest {BOARD} friday 16",
    ),
    (
        slash("intro-settings", [opt("days", 7, 4), opt("max_open", 3, 4)]),
        "/intro-settings days 7 max-open 3",
    ),
]


@pytest.mark.parametrize(("payload", "line"), ROUTED, ids=[line for _, line in ROUTED])
async def test_every_verb_reaches_the_router_and_is_answered(bot, fake, lines, payload, line):
    payload = json.loads(json.dumps(payload))
    payload["id"] = str(int(payload["id"]) + 10_000)  # unique per parametrised run
    await feed(bot, payload)
    assert lines == [line]
    assert answer(fake, payload)["type"] in {4, 9}  # a message, or the intro modal


@pytest.fixture
def managers_only_command(core: Any) -> None:
    """A manager-only verb (the rounds helper adds the real ones) to observe the adapter's manager check."""

    async def stats(actor: Any, args: str) -> Reply:
        return Reply(text=f"stats for {actor.display_name}")

    core.router.commands["community"] = CommandSpec("community", "/community stats", "Stats.", stats, True)


async def test_non_manager_is_refused(bot, fake, managers_only_command):
    payload = slash("community", [sub("stats")], who=DAN)
    await feed(bot, payload)
    data = answer(fake, payload)["data"]
    assert data["flags"] & EPHEMERAL
    assert "Only community managers can use /community." in embed_text(data)


async def test_manage_server_permission_makes_a_manager(bot, fake, managers_only_command):
    payload = slash("community", [sub("stats")], actor_member=member(CARA, permissions=MANAGE_GUILD_PERMS))
    await feed(bot, payload)
    assert "stats for Cara" in embed_text(answer(fake, payload)["data"])


async def test_configured_manager_role_makes_a_manager(bot, fake, core, managers_only_command):
    community = CommunityRef("discord", GUILD)
    async with core.storage.transaction(community) as uow:
        await uow.communities.ensure(name=GUILD, now=core.clock.now())
        current = await uow.communities.settings()
        await uow.communities.save_settings(
            dataclasses.replace(current, extra={"manager_role": MANAGER_ROLE})
        )
    payload = slash("community", [sub("stats")], actor_member=member(BEN, roles=(MANAGER_ROLE,)))
    await feed(bot, payload)
    assert "stats for Ben" in embed_text(answer(fake, payload)["data"])
    refused = slash("community", [sub("stats")], who=ANA)
    await feed(bot, refused)
    assert "Only community managers" in embed_text(answer(fake, refused)["data"])
