"""Forged or stale requests are refused; Slack's retries of a command, click or event act once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from adapters.slack.app import EVENTS_PATH, serve_http
from tests.adapters.slack.conftest import Slack, all_text, button, fixture_json, signed_headers


async def board_text(slack: Slack) -> str:
    await slack.command("/board")
    return all_text(slack.last_response())


async def test_a_bad_signature_is_rejected_and_changes_nothing(slack: Slack) -> None:
    response = await slack.command("/offer", "forged offer", secret="not-the-secret")

    assert response.status == 401
    assert not slack.fake.to("response_url")
    assert "Nothing on the board matches" in await board_text(slack)


async def test_a_six_minute_old_request_is_rejected_and_changes_nothing(slack: Slack) -> None:
    response = await slack.command("/offer", "replayed offer", age=6 * 60)

    assert response.status == 401
    assert not slack.fake.to("response_url")
    assert "Nothing on the board matches" in await board_text(slack)


async def test_a_retried_command_posts_once(slack: Slack) -> None:
    body = slack.command_body("/offer", "Python")
    content_type = "application/x-www-form-urlencoded"

    first = await slack.send(body, content_type)
    retry = await slack.send(body, content_type, retry_num=1)

    assert first.status == retry.status == 200
    assert len(slack.fake.to("response_url")) == 1
    board = await board_text(slack)
    assert "1 post, newest first." in board


async def test_a_retried_click_acts_once(slack: Slack) -> None:
    await slack.command("/offer", "Python")
    payload = slack.click_payload(button(slack.last_response(), "Mark fulfilled"))
    answers_before = len(slack.fake.to("response_url"))

    await slack.interaction(payload)
    await slack.interaction(payload, retry_num=1)

    assert len(slack.fake.to("response_url")) == answers_before + 1


async def test_a_retried_event_is_handled_once(slack: Slack) -> None:
    event = fixture_json("app_home_opened.json")

    await slack.event(event)
    await slack.event(event, retry_num=1)
    await slack.event(event, retry_num=2)

    assert len(slack.fake.to("views.publish")) == 1


async def test_url_verification_is_answered_with_the_challenge(slack: Slack) -> None:
    import json

    response = await slack.event({"type": "url_verification", "token": "x", "challenge": "3eZbrw1aBm2rZ"})

    assert response.status == 200
    assert json.loads(response.body)["challenge"] == "3eZbrw1aBm2rZ"


@pytest.fixture
async def http_url(slack: Slack, unused_tcp_port: int) -> AsyncIterator[str]:
    runner: web.AppRunner = await serve_http(slack.bot, unused_tcp_port, host="127.0.0.1")
    yield f"http://127.0.0.1:{unused_tcp_port}{EVENTS_PATH}"
    await runner.cleanup()


async def test_http_mode_serves_signed_commands_and_refuses_forged_ones(slack: Slack, http_url: str) -> None:
    content_type = "application/x-www-form-urlencoded"
    good = slack.command_body("/offer", "Rust")
    forged = slack.command_body("/offer", "Forged")
    async with aiohttp.ClientSession() as session:
        async with session.post(http_url, data=good, headers=signed_headers(good, content_type)) as ok:
            assert ok.status == 200
        headers = signed_headers(forged, content_type, secret="wrong")
        async with session.post(http_url, data=forged, headers=headers) as refused:
            assert refused.status == 401
    await slack.bot.listeners.settled()

    board = await board_text(slack)
    assert "Rust" in board and "Forged" not in board
