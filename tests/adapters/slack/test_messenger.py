"""The Slack Messenger against the fake Web API: group DMs, idempotency keys, 429 storms, failure kinds."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from adapters.slack.messenger import SlackMessenger, delivery_duration, expected_finish, make_client
from bot.app import Core
from bot.delivery.ports import (
    DeliveryError,
    OutboundMessage,
    PermanentFailure,
    RateLimited,
    TransientFailure,
)
from bot.domain.models import CommunityRef
from bot.services.reply import Button, ButtonStyle, Reply
from bot.services.reply_codec import reply_from_dict, reply_to_dict
from bot.storage.schema import outbox
from tests.adapters.slack.conftest import ANA, BEN, CARLA, all_text, buttons
from tests.adapters.slack.fake_slack import FakeSlack, Scripted

COMMUNITY = CommunityRef("slack", "T0TEAM")
PAIRING = Reply(
    title="Your partner this week",
    text="Ana needs a pitch deck; Ben offered pitch coaching. Start with: what are you launching next?",
    buttons=(
        Button("We met", "checkin.met", "round1", ButtonStyle.PRIMARY),
        Button("Not this time", "checkin.skip", "round1"),
    ),
    ephemeral=False,
)


def message(key: str, *recipients: str, reply: Reply = PAIRING) -> OutboundMessage:
    return OutboundMessage(key=key, community=COMMUNITY, recipients=recipients, reply=reply)


def messenger(fake: FakeSlack, retries: int = 3) -> SlackMessenger:
    return SlackMessenger(make_client("xoxb-test", f"{fake.base_url}/api/", rate_limit_retries=retries))


async def test_a_pair_gets_one_group_dm_with_the_buttons_and_the_key_in_metadata(fake: FakeSlack) -> None:
    reference = await messenger(fake).deliver(message("round1:pair1", ANA, BEN))

    assert fake.to("conversations.open") == [{"users": f"{ANA},{BEN}"}]
    [post] = fake.to("chat.postMessage")
    assert reference == f"{post['channel']}/{fake.posts()[0]['ts']}"
    assert post["metadata"] == {"event_type": "partnerbot_message", "event_payload": {"key": "round1:pair1"}}
    assert "Ben offered pitch coaching" in all_text(post)
    assert [b["action_id"] for b in buttons(post)] == ["pb:checkin.met:0", "pb:checkin.skip:1"]
    assert [b["value"] for b in buttons(post)] == ["round1", "round1"]


async def test_one_recipient_gets_a_direct_message(fake: FakeSlack) -> None:
    await messenger(fake).deliver(message("dm1", CARLA, reply=Reply(text="Your round is out")))

    assert fake.to("conversations.open") == [{"users": CARLA}]
    assert fake.to("chat.postMessage")[0]["channel"] == f"D{CARLA}"


async def test_a_channel_recipient_is_posted_in_that_channel(fake: FakeSlack) -> None:
    slack = messenger(fake)
    digest = message("digest:2026-W48", "channel:C0DIGEST", reply=Reply(title="This week's offers"))

    await slack.deliver(digest)

    assert not fake.to("conversations.open")
    assert fake.to("chat.postMessage")[0]["channel"] == "C0DIGEST"
    assert await slack.was_delivered(digest)


async def test_a_channel_the_bot_cannot_read_has_none_of_its_messages(fake: FakeSlack) -> None:
    fake.script("conversations.history", Scripted(200, {"ok": False, "error": "not_in_channel"}))

    assert await messenger(fake).was_delivered(message("digest:w1", "channel:C0SECRET")) is False


async def test_was_delivered_finds_the_key_in_the_conversation_history(fake: FakeSlack) -> None:
    slack = messenger(fake)
    sent, other = message("round1:pair1", ANA, BEN), message("round1:pair2", ANA, BEN)

    assert await slack.was_delivered(sent) is False
    await slack.deliver(sent)

    assert await slack.was_delivered(sent) is True
    assert await slack.was_delivered(other) is False
    assert fake.to("conversations.history")[-1]["include_all_metadata"] in ("1", "true", True)


async def deliver_like_the_outbox(slack: SlackMessenger, outbound: OutboundMessage) -> int:
    """The outbox's loop in miniature: on a rate limit, wait, check, and try again. Returns attempts."""
    attempts = 0
    while True:
        attempts += 1
        try:
            await slack.deliver(outbound)
            return attempts
        except RateLimited as limited:
            assert limited.retry_after == 0
            if await slack.was_delivered(outbound):
                return attempts


async def test_a_429_storm_loses_no_message_and_doubles_none(fake: FakeSlack) -> None:
    slack = messenger(fake, retries=1)
    groups = [(ANA, BEN), (ANA, CARLA), (BEN, CARLA), (ANA,), (BEN,), (CARLA,)]
    fake.rate_limit("conversations.open", times=3)
    fake.rate_limit("chat.postMessage", times=4)

    attempts = [await deliver_like_the_outbox(slack, message(f"r1:{i}", *g)) for i, g in enumerate(groups)]

    assert max(attempts) > 1  # the storm did reach the port as RateLimited at least once
    assert len(fake.to("chat.postMessage", answered=429)) == 4
    keys = [post["metadata"]["event_payload"]["key"] for post in fake.posts()]
    assert sorted(keys) == sorted(f"r1:{i}" for i in range(len(groups)))


async def test_a_long_retry_after_reaches_the_outbox_at_once_instead_of_holding_the_call(
    fake: FakeSlack,
) -> None:
    fake.rate_limit("chat.postMessage", times=1, retry_after=30)
    started = time.monotonic()

    with pytest.raises(RateLimited) as raised:
        await messenger(fake, retries=3).deliver(message("k", ANA))

    assert raised.value.retry_after == 30
    assert time.monotonic() - started < 5
    assert not fake.posts()


async def test_the_client_waits_out_a_short_429_by_itself(fake: FakeSlack) -> None:
    fake.rate_limit("chat.postMessage", times=1)

    await messenger(fake).deliver(message("k", ANA))

    assert len(fake.to("chat.postMessage", answered=None)) == 2
    assert len(fake.posts()) == 1


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (Scripted(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}), RateLimited),
        (Scripted(500, "<html>Internal Server Error</html>"), TransientFailure),
        (Scripted(503, {"ok": False, "error": "service_unavailable"}), TransientFailure),
        (Scripted(200, {"ok": False, "error": "fatal_error"}), TransientFailure),
        (Scripted(200, {"ok": False, "error": "channel_not_found"}), PermanentFailure),
        (Scripted(200, {"ok": False, "error": "cannot_dm_bot"}), PermanentFailure),
        (Scripted(200, {"ok": False, "error": "is_archived"}), PermanentFailure),
        (Scripted(200, {"ok": False, "error": "account_inactive"}), TransientFailure),
    ],
)
async def test_slack_failures_map_to_the_ports_kinds(
    fake: FakeSlack, answer: Scripted, kind: type[DeliveryError]
) -> None:
    fake.script("chat.postMessage", answer)

    with pytest.raises(kind) as raised:
        await messenger(fake, retries=0).deliver(message("k", ANA))

    if isinstance(raised.value, RateLimited):
        assert raised.value.retry_after == 7
    assert not fake.posts()


async def test_a_message_posted_whose_answer_got_lost_is_not_sent_again(fake: FakeSlack) -> None:
    fake.script("chat.postMessage", Scripted(503, "<html>upstream timeout</html>", perform=True))
    slack = messenger(fake)
    outbound = message("round1:pair1", ANA, BEN)

    reference = await slack.deliver(outbound)

    assert reference == f"G{ANA}_{BEN}/{fake.posts()[0]['ts']}"
    assert len(fake.posts()) == 1
    assert await slack.was_delivered(outbound)


async def test_a_5xx_before_posting_is_transient_and_is_not_retried_blindly(fake: FakeSlack) -> None:
    fake.script("chat.postMessage", Scripted(500, "<html>Internal Server Error</html>"))

    with pytest.raises(TransientFailure):
        await messenger(fake).deliver(message("k", ANA))

    assert len(fake.to("chat.postMessage", answered=None)) == 1
    assert fake.to("conversations.history")


async def test_an_unknown_user_is_a_permanent_failure(fake: FakeSlack) -> None:
    with pytest.raises(PermanentFailure, match="user_not_found"):
        await messenger(fake).deliver(message("k", ANA, "U0NOBODY"))


async def test_an_unreachable_slack_is_a_transient_failure(fake: FakeSlack) -> None:
    base = fake.base_url
    await fake.stop()
    slack = SlackMessenger(make_client("xoxb-test", f"{base}/api/"))

    with pytest.raises(TransientFailure):
        await slack.deliver(message("k", ANA))


def test_big_rounds_get_an_expected_finish_time_from_the_tier_3_limit() -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    assert delivery_duration(0) == timedelta(0)
    assert delivery_duration(50) == timedelta(minutes=1)
    assert delivery_duration(1201) == timedelta(minutes=25)
    assert expected_finish(500, start) == start + timedelta(minutes=10)
    assert SlackMessenger.delivery_duration(120) == timedelta(minutes=3)


async def test_a_queued_round_message_reaches_the_pair_as_a_group_dm(fake: FakeSlack, core: Core) -> None:
    """From the outbox table (as the rounds code queues it) to Slack, through the reply codec."""
    now = core.clock.now()
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.communities.ensure(name="Acme", now=now)
        await uow.outbox.enqueue("round1:pair1", [ANA, BEN], reply_to_dict(PAIRING), now)
    async with core.engine.connect() as db:
        row = (await db.execute(sa.select(outbox))).one()
    queued = OutboundMessage(
        row.idempotency_key, COMMUNITY, tuple(row.recipients), reply_from_dict(row.payload)
    )

    await messenger(fake).deliver(queued)

    assert fake.to("conversations.open") == [{"users": f"{ANA},{BEN}"}]
    [post] = fake.to("chat.postMessage")
    assert post["channel"] == f"G{ANA}_{BEN}"
    assert "Your partner this week" in all_text(post)
    assert [b["text"]["text"] for b in buttons(post)] == ["We met", "Not this time"]
