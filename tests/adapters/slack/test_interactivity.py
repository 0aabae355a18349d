"""Buttons and the App Home tab: a click changes what the core holds; Home shows the member's state."""

from __future__ import annotations

from tests.adapters.slack.conftest import ANA, BEN, Slack, all_text, button, fixture_json


async def test_clicking_mark_fulfilled_closes_the_post(slack: Slack) -> None:
    await slack.command("/offer", "Python, data pipelines")
    posted = slack.last_response()

    response = await slack.click(button(posted, "Mark fulfilled"))

    assert response.status == 200
    assert "Marked offer #1 as fulfilled" in all_text(slack.last_response())
    await slack.command("/board")
    assert "Nothing on the board matches" in all_text(slack.last_response())


async def test_a_click_by_someone_else_is_refused_and_changes_nothing(slack: Slack) -> None:
    await slack.command("/offer", "Python")
    mark = button(slack.last_response(), "Mark fulfilled")

    await slack.click(mark, user=BEN)

    assert "is not yours" in all_text(slack.last_response())
    await slack.command("/board")
    assert "#1 Offer · Ana Lima" in all_text(slack.last_response())


async def test_a_button_of_an_unknown_action_says_it_no_longer_works(slack: Slack) -> None:
    await slack.click({"action_id": "pb:vanished.action:0", "text": {"type": "plain_text", "text": "Old"}})

    assert "That button no longer works" in all_text(slack.last_response())


async def test_app_home_shows_profile_open_posts_and_shortcuts(slack: Slack) -> None:
    await slack.command("/need", "a designer")

    await slack.event(fixture_json("app_home_opened.json"))

    published = slack.fake.to("views.publish")[-1]
    assert published["user_id"] == ANA
    home = all_text(published["view"])
    assert "You have no intro yet" in home
    assert "#1 Need" in home and "a designer" in home
    assert "Browse the board" in home


async def test_a_click_in_app_home_updates_the_home_tab(slack: Slack) -> None:
    await slack.command("/need", "a designer")
    await slack.event(fixture_json("app_home_opened.json"))
    home = slack.fake.to("views.publish")[-1]["view"]

    await slack.click(button(home, "Mark fulfilled"), home=True)

    refreshed = all_text(slack.fake.to("views.publish")[-1]["view"])
    assert "Marked need #1 as fulfilled" in refreshed
    assert "None yet" in refreshed


async def test_the_messages_tab_does_not_publish_home(slack: Slack) -> None:
    event = fixture_json("app_home_opened.json")
    event["event"]["tab"] = "messages"

    await slack.event(event)

    assert not slack.fake.to("views.publish")


async def test_posts_render_mentions_inert_and_escaped(slack: Slack) -> None:
    await slack.command("/offer", "<!channel> ping <!here> &lt;b&gt; &amp; <@U0BEN|ben> <!subteam^S1|@devs>")

    await slack.command("/board")
    text = all_text(slack.last_response())
    assert "<!" not in text and "<@" not in text
    assert "@\u200bchannel ping @\u200bhere &lt;b&gt; &amp; U0BEN S1" in text


async def test_an_over_long_post_is_refused_with_the_limit(slack: Slack) -> None:
    await slack.command("/offer", "x" * 600)

    assert "the limit is 500" in all_text(slack.last_response())
    await slack.command("/board")
    assert "Nothing on the board matches" in all_text(slack.last_response())
