"""The outbox worker delivering a round through the Slack Messenger: 429 storms, lost answers, crashes.

Runs once the delivery branch's OutboxWorker is present (after the merge into main); skipped before.
"""

from __future__ import annotations

from datetime import timedelta

from adapters.slack.messenger import SlackMessenger, make_client
from bot.app import Core
from bot.delivery.outbox import OutboxWorker
from bot.domain.clock import ManualClock
from bot.services.reply import Reply
from bot.services.reply_codec import reply_to_dict
from tests.adapters.slack.conftest import ANA, BEN, CARLA
from tests.adapters.slack.fake_slack import FakeSlack, Scripted
from tests.adapters.slack.test_messenger import COMMUNITY

GROUPS = [(ANA, BEN), (ANA, CARLA), (BEN, CARLA), (ANA,), (BEN,), (CARLA,)]


async def queue_round(core: Core) -> list[str]:
    now = core.clock.now()
    keys = [f"round:r1:g{i}" for i in range(len(GROUPS))]
    async with core.storage.transaction(COMMUNITY) as uow:
        await uow.communities.ensure(name="Acme", now=now)
        for key, group in zip(keys, GROUPS, strict=True):
            payload = reply_to_dict(Reply(title="Your partner this week", text=f"Meet {', '.join(group)}"))
            await uow.outbox.enqueue(key, list(group), payload, now)
    return keys


def posted_keys(fake: FakeSlack) -> list[str]:
    return sorted(post["metadata"]["event_payload"]["key"] for post in fake.posts())


async def test_a_round_survives_a_429_storm_and_a_lost_answer_exactly_once(
    core: Core, fake: FakeSlack
) -> None:
    keys = await queue_round(core)
    fake.rate_limit("conversations.open", times=2)
    fake.rate_limit("chat.postMessage", times=5)
    fake.script("chat.postMessage", Scripted(502, "<html>bad gateway</html>", perform=True))
    messenger = SlackMessenger(make_client("xoxb-test", f"{fake.base_url}/api/", rate_limit_retries=0))
    clock = core.clock
    assert isinstance(clock, ManualClock)

    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))

    worker = OutboxWorker(core.engine, messenger, clock, rate_per_second=50, sleep=sleep)

    stats = await worker.drain()

    assert posted_keys(fake) == sorted(keys)
    assert stats.rate_limited >= 1
    assert stats.sent == len(keys)
    assert await worker.unfinished() == 0
