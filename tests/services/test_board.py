"""The offers/needs board: posting, closing, expiry, visibility, search and pagination."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Core
from bot.domain.clock import ManualClock
from bot.domain.models import PostKind, PostStatus
from bot.services.reply import Reply, Tone
from tests.conftest import COMMUNITY, make_actor

ANA = make_actor("Ana Lima")
BEN = make_actor("Ben Okafor")


async def board_titles(core: Core, line: str = "/board") -> list[str]:
    reply = await core.router.run(ANA, line)
    return [item.title for item in reply.items]


async def count_posts(core: Core) -> int:
    async with core.storage.transaction(COMMUNITY) as uow:
        _, total = await uow.posts.search(
            kind=None, word_prefixes=(), visibility=None, now=core.clock.now(), limit=1, offset=0
        )
    return total


async def test_an_offer_is_listed_with_its_number_author_and_tags(core: Core) -> None:
    reply = await core.router.run(ANA, "/offer Python, python , data-pipelines")
    assert reply.tone is Tone.SUCCESS and "#1" in reply.text
    board = await core.router.run(BEN, "/board offers")
    assert [i.title for i in board.items] == ["#1 Offer · Ana Lima"]
    assert "python, data-pipelines" in board.items[0].footer


async def test_board_is_newest_first_and_filters_by_kind(core: Core, clock: ManualClock) -> None:
    await core.router.run(ANA, "/offer Bookkeeping for small firms")
    clock.advance(timedelta(minutes=1))
    await core.router.run(BEN, "/need A bookkeeper for my shop")
    assert await board_titles(core) == ["#2 Need · Ben Okafor", "#1 Offer · Ana Lima"]
    assert await board_titles(core, "/board needs") == ["#2 Need · Ben Okafor"]


async def test_search_matches_words_of_text_and_tags_by_prefix(core: Core) -> None:
    await core.router.run(ANA, "/offer Pitch deck reviews #fundraising")
    await core.router.run(BEN, "/offer Industrial design of furniture")
    assert await board_titles(core, "/board fundrais") == ["#1 Offer · Ana Lima"]
    assert await board_titles(core, "/board offers design furniture") == ["#2 Offer · Ben Okafor"]
    assert await board_titles(core, "/board pitch furniture") == []


async def test_board_pages_through_many_posts(core: Core, clock: ManualClock) -> None:
    for n in range(12):
        clock.advance(timedelta(seconds=1))
        await core.router.run(ANA, f"/offer Help number {n}")
    first = await core.router.run(BEN, "/board")
    assert first.page is not None and (first.page.number, first.page.total_pages) == (1, 3)
    third = await core.router.click(BEN, first.page.action, first.page.value_for(3))
    assert [i.body for i in third.items] == ["Help number 1", "Help number 0"]


async def test_a_private_need_is_never_listed_on_the_board(core: Core) -> None:
    reply = await core.router.run(ANA, "/need --private Someone to take over my failing shop")
    assert "matching only" in reply.text
    assert await board_titles(core) == []
    assert await board_titles(core, "/board shop") == []


async def test_closing_marks_fulfilled_and_hides_the_post(core: Core) -> None:
    await core.router.run(ANA, "/offer Logo design")
    reply = await core.router.run(ANA, "/offer close 1")
    assert reply.tone is Tone.SUCCESS
    assert await board_titles(core) == []
    again = await core.router.run(ANA, "/offer close 1")
    assert "already closed" in again.text


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/offer", "Please say what you offer"),
        ("/need   ", "Please say what you need"),
        ("/offer " + "x" * 501, "limit is 500"),
        ("/need help\x1b[31m", "control characters"),
        ("/offer close", "Please give the number"),
        ("/offer close two", "not a post number"),
        ("/offer close 99", "There is no offer #99"),
        ("/need close 1", "There is no need #1"),
        ("/board " + " ".join(f"w{i}" for i in range(9)), "at most 8 words"),
        ("/my-data explode", "export or delete"),
        ("/intro now", "did not expect"),
        ("/frobnicate", "don't know the command"),
    ],
)
async def test_bad_input_gets_a_clear_error_and_changes_nothing(core: Core, line: str, problem: str) -> None:
    await core.router.run(ANA, "/offer Logo design")
    reply = await core.router.run(ANA, line)
    assert reply.tone is Tone.ERROR and reply.ephemeral
    assert problem in reply.text
    assert await count_posts(core) == 1


async def test_only_the_author_can_close_a_post(core: Core) -> None:
    await core.router.run(ANA, "/offer Logo design")
    reply = await core.router.run(BEN, "/offer close 1")
    assert reply.tone is Tone.ERROR and "not yours" in reply.text
    assert await board_titles(core) == ["#1 Offer · Ana Lima"]


async def test_mentions_are_stored_as_typed(core: Core) -> None:
    await core.router.run(ANA, "/offer Ask @everyone <@123> <!channel>")
    async with core.storage.transaction(COMMUNITY) as uow:
        post = await uow.posts.get(1)
    assert post is not None and post.text == "Ask @everyone <@123> <!channel>"


async def expiring_post(core: Core) -> int:
    reply: Reply = await core.router.run(ANA, "/need A co-founder")
    assert reply.tone is Tone.SUCCESS
    return 1


async def test_posts_expire_after_the_community_setting(core: Core, clock: ManualClock) -> None:
    await expiring_post(core)
    clock.advance(timedelta(days=29))
    assert await board_titles(core) == ["#1 Need · Ana Lima"]
    clock.advance(timedelta(days=2))
    assert await board_titles(core) == []


async def test_keeping_a_post_open_extends_it(core: Core, clock: ManualClock) -> None:
    await expiring_post(core)
    clock.advance(timedelta(days=28))
    reply = await core.router.click(ANA, "post.keep", "1")
    assert reply.tone is Tone.SUCCESS
    clock.advance(timedelta(days=20))
    assert await board_titles(core) == ["#1 Need · Ana Lima"]
    async with core.storage.transaction(COMMUNITY) as uow:
        post = await uow.posts.get(1)
    assert post is not None and post.status is PostStatus.OPEN and post.kind is PostKind.NEED


async def test_keep_open_refuses_a_closed_post(core: Core) -> None:
    await core.router.run(ANA, "/offer python help")
    await core.router.run(ANA, "/offer close 1")
    reply = await core.router.click(ANA, "post.keep", "1")
    assert reply.text == "#1 is closed; post it again if you still need it."
    assert await board_titles(core) == []


async def test_keep_open_twice_does_not_stack(core: Core, clock: ManualClock) -> None:
    await core.router.run(ANA, "/offer python help")  # expires in 30 days
    clock.advance(timedelta(days=28))
    first = await core.router.click(ANA, "post.keep", "1")
    second = await core.router.click(ANA, "post.keep", "1")
    assert first.text == second.text
    assert (clock.now() + timedelta(days=30)).date().isoformat() in second.text
    clock.advance(timedelta(days=31))
    assert await board_titles(core) == []


async def queued_messages(core: Core) -> list[tuple[str, list[str], dict[str, object]]]:
    import sqlalchemy as sa

    from bot.storage.schema import outbox

    async with core.engine.connect() as connection:
        rows = await connection.execute(
            sa.select(outbox.c.idempotency_key, outbox.c.recipients, outbox.c.payload)
        )
        return [(row[0], row[1], row[2]) for row in rows]


async def test_authors_are_asked_a_few_days_before_expiry_once(core: Core, clock: ManualClock) -> None:
    await expiring_post(core)
    clock.advance(timedelta(days=26))
    assert await core.board.remind_expiring(COMMUNITY) == 0
    clock.advance(timedelta(days=1, hours=1))
    assert await core.board.remind_expiring(COMMUNITY) == 1
    assert await core.board.remind_expiring(COMMUNITY) == 0
    [(key, recipients, payload)] = await queued_messages(core)
    assert recipients == [ANA.member_id]
    assert "Keep it open?" in str(payload["text"])
    assert key.startswith("post-expiry:1:")


async def test_overdue_posts_are_marked_expired(core: Core, clock: ManualClock) -> None:
    await expiring_post(core)
    clock.advance(timedelta(days=31))
    await core.board.remind_expiring(COMMUNITY)
    async with core.storage.transaction(COMMUNITY) as uow:
        post = await uow.posts.get(1)
    assert post is not None and post.status is PostStatus.EXPIRED


async def test_mine_lists_only_my_open_posts_with_a_close_button(core: Core) -> None:
    await core.router.run(ANA, "/offer Bookkeeping for small firms")
    await core.router.run(ANA, "/need A designer for my logo")
    await core.router.run(BEN, "/offer Logo design")
    closed = await core.router.run(ANA, "/offer close 1")
    assert closed.tone is Tone.SUCCESS
    mine = await core.board.mine(ANA)
    assert [i.title for i in mine.items] == ["#2 Need"]
    assert mine.items[0].buttons[0].action == "need.close" and mine.items[0].buttons[0].value == "2"
    empty = await core.board.mine(make_actor("Cleo Park"))
    assert not empty.items and "/offer" in empty.text


async def test_tag_suggestions_come_from_open_public_posts_matching_the_last_word(core: Core) -> None:
    await core.router.run(ANA, "/offer Python, data-pipelines")
    private = await core.router.run(BEN, "/need --private Python, tax-returns")
    assert private.tone is Tone.SUCCESS
    assert await core.board.tags_starting(COMMUNITY, "pyth") == ["python", "data-pipelines"]
    assert await core.board.tags_starting(COMMUNITY, "tax") == []  # only in a private need
    assert await core.board.tags_starting(COMMUNITY, "x" * 5000) == []  # a search would refuse it
