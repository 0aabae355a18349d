"""`partnerbot run`'s Slack part: Socket Mode over a websocket, and HTTP mode on a port, start to stop."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl

import aiohttp
import pytest

from adapters.slack.app import EVENTS_PATH, run_slack
from bot.app import Core
from tests.adapters.slack.conftest import ANA, FIXTURES, all_text, signed_headers, slack_settings
from tests.adapters.slack.fake_slack import FakeSlack


def slash_command_payload(fake: FakeSlack, text: str) -> dict[str, str]:
    form = dict(parse_qsl((FIXTURES / "slash_command.txt").read_text().strip()))
    form.update(text=text, user_id=ANA, response_url=fake.response_url("socket"))
    return form


async def test_socket_mode_acknowledges_envelopes_and_ignores_their_retries(
    core: Core, fake: FakeSlack, capsys: pytest.CaptureFixture[str]
) -> None:
    stop = asyncio.Event()
    settings = slack_settings(fake, slack_app_token="xapp-test", slack_signing_secret="")
    running = asyncio.create_task(run_slack(core, settings, stop))
    async with asyncio.timeout(10):
        await fake.socket_connected.wait()
    envelope = {
        "envelope_id": "env-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": slash_command_payload(fake, "Python, data pipelines"),
    }

    ack = await fake.push(envelope)
    retry_ack = await fake.push(
        {**envelope, "envelope_id": "env-2", "retry_attempt": 1, "retry_reason": "timeout"}
    )
    await asyncio.sleep(0.2)
    stop.set()
    await asyncio.wait_for(running, 10)

    assert ack["envelope_id"] == "env-1" and retry_ack["envelope_id"] == "env-2"
    [answer] = fake.to("response_url")
    assert "Posted offer #1 on the board" in all_text(answer)
    assert len(fake.to("apps.connections.open")) == 1
    assert "Socket Mode" in capsys.readouterr().out


async def test_http_mode_listens_on_the_configured_port(
    core: Core, fake: FakeSlack, unused_tcp_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    stop = asyncio.Event()
    running = asyncio.create_task(
        run_slack(core, slack_settings(fake, slack_http_port=unused_tcp_port), stop)
    )
    url = f"http://127.0.0.1:{unused_tcp_port}{EVENTS_PATH}"
    body = json.dumps({"type": "url_verification", "challenge": "c-123"})
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.post(
                    url, data=body, headers=signed_headers(body, "application/json")
                ) as reply:
                    answered = await reply.json()
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(running, 10)

    assert answered == {"challenge": "c-123"}
    assert "HTTP mode" in capsys.readouterr().out
