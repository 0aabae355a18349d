"""Signed Slack requests into the real Bolt app, with the Web API at a local fake and a real SQLite core."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import SlackBot, build_slack_bot
from bot.app import Core, open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from tests.adapters.slack.fake_slack import TEAM, FakeSlack

SECRET = "test-signing-secret-8f1c"
FIXTURES = Path(__file__).parents[2] / "fixtures" / "slack"
ANA, BEN, CARLA = "U0ANA", "U0BEN", "U0CARLA"


def fixture_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def signed_headers(
    body: str, content_type: str, *, age: float = 0.0, secret: str = SECRET, retry_num: int | None = None
) -> dict[str, str | Sequence[str]]:
    timestamp = str(int(time.time() - age))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body) or ""
    headers: dict[str, str | Sequence[str]] = {
        "content-type": content_type,
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
    }
    if retry_num is not None:
        headers["x-slack-retry-num"] = str(retry_num)
        headers["x-slack-retry-reason"] = "http_timeout"
    return headers


class Slack:
    """Sends what Slack sends (form-encoded commands, ``payload=`` interactions, JSON events), signed."""

    def __init__(self, bot: SlackBot, fake: FakeSlack, core: Core) -> None:
        self.bot = bot
        self.fake = fake
        self.core = core
        self._triggers = 0

    def trigger(self) -> str:
        self._triggers += 1
        return f"13345224609.738474920.trigger{self._triggers:04d}"

    async def send(self, body: str, content_type: str, **signing: Any) -> BoltResponse:
        request = AsyncBoltRequest(body=body, headers=signed_headers(body, content_type, **signing))
        response = await self.bot.app.async_dispatch(request)
        await self.bot.listeners.settled()
        return response

    def command_body(self, command: str, text: str = "", user: str = ANA, **fields: str) -> str:
        form = dict(parse_qsl((FIXTURES / "slash_command.txt").read_text().strip()))
        form.update(
            command=command,
            text=text,
            user_id=user,
            user_name=user.lower(),
            response_url=self.fake.response_url(f"cmd-{user}"),
            trigger_id=self.trigger(),
        )
        form.update(fields)
        return urlencode(form)

    async def command(self, command: str, text: str = "", user: str = ANA, **signing: Any) -> BoltResponse:
        return await self.send(
            self.command_body(command, text, user), "application/x-www-form-urlencoded", **signing
        )

    def interaction_body(self, payload: dict[str, Any]) -> str:
        return urlencode({"payload": json.dumps(payload)})

    async def interaction(self, payload: dict[str, Any], **signing: Any) -> BoltResponse:
        return await self.send(self.interaction_body(payload), "application/x-www-form-urlencoded", **signing)

    def click_payload(self, button: dict[str, Any], user: str = ANA, *, home: bool = False) -> dict[str, Any]:
        payload = copy.deepcopy(fixture_json("block_actions.json"))
        payload["user"].update(id=user, name=user.lower(), username=user.lower())
        payload["trigger_id"] = self.trigger()
        payload["response_url"] = self.fake.response_url(f"act-{user}")
        action = payload["actions"][0]
        action.update(action_id=button["action_id"], text=button["text"])
        action.pop("value", None)
        if "value" in button:
            action["value"] = button["value"]
        if home:
            del payload["response_url"], payload["channel"]
            payload["container"] = {"type": "view", "view_id": "V0HOME"}
            payload["view"] = {"id": "V0HOME", "type": "home", "blocks": []}
        return payload

    async def click(self, button: dict[str, Any], user: str = ANA, *, home: bool = False) -> BoltResponse:
        return await self.interaction(self.click_payload(button, user, home=home))

    def submission(
        self, values: dict[str, str], view: dict[str, Any] | None = None, user: str = ANA
    ) -> dict[str, Any]:
        payload = copy.deepcopy(fixture_json("view_submission.json"))
        payload["user"]["id"] = user
        payload["trigger_id"] = self.trigger()
        if view is not None:
            payload["view"].update(
                blocks=view["blocks"],
                private_metadata=view["private_metadata"],
                callback_id=view["callback_id"],
            )
        payload["view"]["state"]["values"] = {
            key: {"value": {"type": "plain_text_input", "value": value}} for key, value in values.items()
        }
        return payload

    async def event(self, payload: dict[str, Any], **signing: Any) -> BoltResponse:
        return await self.send(json.dumps(payload), "application/json", **signing)

    def last_response(self) -> dict[str, Any]:
        """The last message sent to a response_url (what the user saw after a command or click)."""
        return self.fake.to("response_url")[-1]


def all_text(message: dict[str, Any]) -> str:
    """Every piece of text in a message or view, to assert on what a person would read."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks") or message)
    return "\n".join(found)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for block in message.get("blocks") or []
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    for element in buttons(message):
        if element["text"]["text"] == label:
            return element
    raise AssertionError(f"no button {label!r} in {[b['text']['text'] for b in buttons(message)]}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    server.add_user(ANA, "Ana Lima")
    server.add_user(BEN, "Ben Okafor")
    server.add_user(CARLA, "Carla Admin", admin=True)
    yield server
    await server.stop()


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path}/t.db")  # type: ignore[call-arg]
    opened = await open_core(settings, clock=ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)))
    yield opened
    await opened.close()


def slack_settings(fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": "xoxb-test-token",
        "slack_signing_secret": SECRET,
        "slack_api_base_url": f"{fake.base_url}/api/",
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def slack(core: Core, fake: FakeSlack) -> Slack:
    return Slack(build_slack_bot(core, slack_settings(fake)), fake, core)


__all__ = ["ANA", "BEN", "CARLA", "TEAM", "Slack", "all_text", "button", "buttons", "fixture_json"]
