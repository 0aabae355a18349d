"""The verbs other features add to the router, through Slack unchanged; each skips until its feature is in.

They prove the adapter routes every verb generically: /rounds, /community, /find, /introduce-me,
/introduce, /block, /unblock, /digest and /intro-settings need no Slack code of their own.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from adapters.slack.messenger import SlackMessenger
from bot.delivery.ports import OutboundMessage
from bot.services.reply_codec import reply_from_dict
from bot.storage.schema import outbox
from tests.adapters.slack.conftest import ANA, BEN, CARLA, Slack, all_text, button, buttons
from tests.adapters.slack.test_intro_modal import ANSWERS
from tests.adapters.slack.test_messenger import COMMUNITY

CASES = [
    # (user, command, text, what they read) -- a happy path and an error path per verb
    (ANA, "/rounds", "status", "You are not in the match rounds"),
    (ANA, "/rounds", "frob", "“frob” is not a /rounds subcommand"),
    (
        CARLA,
        "/rounds",
        "schedule weekly monday 09:00 Europe/Lisbon",
        "Match rounds scheduled: weekly on Monday",
    ),
    (CARLA, "/community", "stats", "Community stats"),
    (ANA, "/community", "stats", "Only community managers can use /community."),
    (ANA, "/find", "python", "Ben Okafor"),
    (ANA, "/find", "", "Please say what you are looking for."),
    (ANA, "/introduce-me", f"<@{BEN}|ben> help with decks", "I asked Ben Okafor for an intro"),
    (ANA, "/introduce-me", "", "Please name a member."),
    (ANA, "/block", f"<@{BEN}|ben>", "Blocked Ben Okafor"),
    (ANA, "/unblock", "<@W0OTHER|stranger>", "No member called “W0OTHER”"),
    (CARLA, "/digest", "<#C0DIGEST|general> monday 9", "The weekly digest will be posted in #C0DIGEST"),
    (CARLA, "/digest", "sometime", "Please give a channel, a weekday and an hour."),
    (CARLA, "/intro-settings", "days 5", "Intro requests wait 5 days"),
    (CARLA, "/intro-settings", "days x", "is not a setting I know"),
]


def needs(slack: Slack, *verbs: str) -> None:
    missing = [verb for verb in verbs if verb not in slack.core.router.commands]
    if missing:
        pytest.skip(f"/{missing[0]} is not in this build yet")


@pytest.mark.parametrize(("user", "command", "text", "expected"), CASES)
async def test_feature_verbs_work_through_slack(
    slack: Slack, user: str, command: str, text: str, expected: str
) -> None:
    needs(slack, command.removeprefix("/"))
    await slack.command("/offer", "python data pipelines", user=BEN)
    await slack.command("/profile", user=CARLA)

    await slack.command(command, text, user=user)

    answer = slack.last_response()
    assert expected in all_text(answer).replace("&lt;", "<").replace("&gt;", ">")
    assert answer["response_type"] == "ephemeral"


async def outbound(slack: Slack) -> list[OutboundMessage]:
    async with slack.core.engine.connect() as db:
        rows = (await db.execute(sa.select(outbox).order_by(outbox.c.message_id))).all()
    return [
        OutboundMessage(row.idempotency_key, COMMUNITY, tuple(row.recipients), reply_from_dict(row.payload))
        for row in rows
    ]


async def test_an_intro_request_carries_accept_and_decline_and_a_retried_accept_connects_once(
    slack: Slack,
) -> None:
    needs(slack, "introduce-me")
    await slack.command("/profile", user=BEN)
    await slack.command("/introduce-me", f"<@{BEN}|ben> help with decks", user=ANA)
    [request] = await outbound(slack)
    await SlackMessenger(slack.bot.client).deliver(request)
    dm = slack.fake.to("chat.postMessage")[-1]
    assert dm["channel"] == f"D{BEN}"
    assert [b["text"]["text"] for b in buttons(dm)] == ["Accept", "Decline"]

    payload = slack.click_payload(button(dm, "Accept"), user=BEN)
    await slack.interaction(payload)
    await slack.interaction(payload, retry_num=1)

    assert "You and Ana Lima are connected" in all_text(slack.last_response())
    connections = [m for m in await outbound(slack) if set(m.recipients) == {ANA, BEN}]
    assert len(connections) == 1
    await SlackMessenger(slack.bot.client).deliver(connections[0])
    assert slack.fake.to("chat.postMessage")[-1]["channel"] == f"G{ANA}_{BEN}"


async def test_a_round_run_now_reaches_the_pair_in_a_group_dm_with_the_reasons(slack: Slack) -> None:
    needs(slack, "rounds")
    people = [
        (ANA, "a pitch deck designer", "python data pipelines"),
        (BEN, "a python data engineer", "pitch decks"),
    ]
    for user, need, offer in people:
        await slack.command("/intro", user=user)
        view = slack.fake.to("views.open")[-1]["view"]
        answers = {**ANSWERS, "looking_for": need, "strengths": offer}
        await slack.interaction(slack.submission(answers, view, user=user))
        await slack.command("/rounds", "join", user=user)

    await slack.command("/rounds", "run-now", user=CARLA)

    assert "Round #1 is on its way" in all_text(slack.last_response())
    [pairing] = await outbound(slack)
    await SlackMessenger(slack.bot.client).deliver(pairing)
    post = slack.fake.to("chat.postMessage")[-1]
    assert post["channel"] == f"G{ANA}_{BEN}"
    assert "pitch" in all_text(post)
    assert all(b["action_id"].startswith("pb:") for b in buttons(post))


async def test_a_manager_group_chosen_with_community_setup_decides_who_manages(slack: Slack) -> None:
    needs(slack, "community")
    slack.fake.usergroups["S0TEAM"] = [ANA]
    await slack.command("/community", "stats", user=ANA)
    assert "Only community managers" in all_text(slack.last_response())

    await slack.command("/community", "setup manager_role <!subteam^S0TEAM|@team>", user=CARLA)
    await slack.command("/community", "stats", user=ANA)

    assert "Community stats" in all_text(slack.last_response())
