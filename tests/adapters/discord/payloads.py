"""Discord payload factories (from the recorded fixtures) and helpers to read what the fake received."""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
from pathlib import Path
from typing import Any

import discord

from adapters.discord.app import PartnerBot
from tests.adapters.discord.fake_discord import FakeDiscord

FIXTURES = Path(__file__).parents[2] / "fixtures" / "discord"
GUILD = "900000000000000001"
OTHER_GUILD = "900000000000000777"
GENERAL, MATCHES, LOCKED_MATCHES, INTROS, BOARD = (f"91000000000000000{i}" for i in range(1, 6))
MANAGER_ROLE = "920000000000000002"
EVERYONE_PERMS = str((1 << 10) | (1 << 11) | (1 << 16) | (1 << 31) | (1 << 38))
MANAGE_GUILD_PERMS = str(int(EVERYONE_PERMS) | (1 << 5))


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def user(user_id: str, name: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name.lower(),
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
    }


ANA = user("800000000000000001", "Ana")
BEN = user("800000000000000002", "Ben")
CARA = user("800000000000000003", "Cara")
DAN = user("800000000000000004", "Dan")
_ids = itertools.count(1400000000000000100)


def member(
    who: dict[str, Any], *, roles: tuple[str, ...] = (), permissions: str = EVERYONE_PERMS
) -> dict[str, Any]:
    data = copy.deepcopy(load("interaction_slash_offer.json")["member"])
    data.update(user=who, roles=list(roles), permissions=permissions)
    return data


def resolved_members(*people: dict[str, Any]) -> dict[str, Any]:
    """The ``resolved`` block Discord sends for member options: users, and their server membership."""
    members = {}
    for who in people:
        members[who["id"]] = {k: v for k, v in member(who).items() if k != "user"}
    return {"users": {who["id"]: who for who in people}, "members": members}


def resolved_member(who: dict[str, Any]) -> dict[str, Any]:
    return resolved_members(who)


def _base(kind: str, who: dict[str, Any] | None, actor_member: dict[str, Any] | None) -> dict[str, Any]:
    payload = load(kind)
    payload["id"] = str(next(_ids))
    payload["token"] = f"token-{payload['id']}"
    payload["member"] = actor_member or member(who or ANA)
    return payload


def slash(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    who: dict[str, Any] | None = None,
    actor_member: dict[str, Any] | None = None,
    resolved: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE of a slash command, from the recorded /offer payload."""
    payload = _base("interaction_slash_offer.json", who, actor_member)
    payload["data"]["name"] = name
    payload["data"]["options"] = options or []
    if resolved:
        payload["data"]["resolved"] = resolved
    return payload


def sub(name: str, options: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"name": name, "type": 1, "options": options or []}


def opt(name: str, value: Any, kind: int = 3) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value}


def click(
    message: dict[str, Any], custom_id: str, *, who: dict[str, Any] | None = None, dm: bool = False
) -> dict[str, Any]:
    """A button click on ``message`` (a message the fake recorded), in the server or in a DM."""
    payload = _base("interaction_button_click.json", who, None)
    payload["data"] = {"custom_id": custom_id, "component_type": 2}
    payload["message"] = {**load("interaction_button_click.json")["message"], **message}
    return in_dm(payload, message["channel_id"], who) if dm else payload


def in_dm(payload: dict[str, Any], channel_id: str, who: dict[str, Any] | None) -> dict[str, Any]:
    """The same interaction as Discord sends it from a DM: a user, no server, no member."""
    for key in ("guild_id", "guild", "member", "authorizing_integration_owners"):
        payload.pop(key, None)
    payload["user"] = who or ANA
    payload["context"] = 1
    payload["channel"] = {"id": channel_id, "type": 1, "recipients": [who or ANA]}
    payload["channel_id"] = channel_id
    return payload


def modal_submit(
    custom_id: str, values: dict[str, str], *, who: dict[str, Any] | None = None, dm_channel: str = ""
) -> dict[str, Any]:
    payload = _base("interaction_modal_submit.json", who, None)
    payload["data"] = {
        "custom_id": custom_id,
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ],
    }
    return in_dm(payload, dm_channel, who) if dm_channel else payload


async def settle(bot: discord.Client) -> None:
    """Wait until discord.py's own tasks for the fed events (tree, views, events) have finished."""
    prefixes = ("CommandTree", "discord")
    for _ in range(500):
        await asyncio.sleep(0.01)
        busy = [t for t in asyncio.all_tasks() if t.get_name().startswith(prefixes) and not t.done()]
        if not busy:
            return
    raise AssertionError("discord.py tasks did not finish")


async def feed(bot: PartnerBot, payload: dict[str, Any]) -> None:
    """INTERACTION_CREATE through discord.py's own gateway parser, then wait for its work."""
    bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
    await settle(bot)


def answer(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """The one callback body partnerbot sent for an interaction (type 4 message, 9 modal, ...)."""
    answers = fake.interaction_answers(payload["id"])
    assert len(answers) == 1, [(r.method, r.path) for r in fake.requests[-5:]]
    body: dict[str, Any] = answers[0].body
    return body


def embed_text(message: dict[str, Any]) -> str:
    """Everything a user reads in a message's embeds, as one string (escapes read as the character)."""
    return re.sub(r"\\([^\w\s]|_)", r"\1", raw_embed_text(message))


def raw_embed_text(message: dict[str, Any]) -> str:
    """The embeds' text as sent, escapes included."""
    parts: list[str] = []
    for embed in message.get("embeds", []):
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(p for p in parts if p)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in message.get("components", []) for c in row.get("components", [])]
