"""Slack payloads to core calls (pure): command lines, clicks, form answers, actors and dedupe keys."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.domain.models import Actor, CommunityRef

PLATFORM = "slack"
# One slash command for everything, for workspaces where a verb such as /find is already taken.
UMBRELLA_COMMAND = "/partnerbot"
ACTION_PREFIX = "pb:"
PAGE_PREFIX = "pbp:"
FORM_CALLBACK_ID = "pbform"
FIELD_ACTION_ID = "value"

# Slack's escaped entities: <@U1|name>, <#C1|name>, <!here>, <!subteam^S1|@team>, <https://x|label>.
_ENTITY = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")
_SPECIAL_MENTIONS = {"here", "channel", "everyone"}


@dataclass(frozen=True, slots=True)
class Click:
    action: str
    value: str
    replaces_original: bool


@dataclass(frozen=True, slots=True)
class Submission:
    submit_action: str
    values: dict[str, str]
    labels: dict[str, str]
    response_url: str
    from_home: bool


def plain_text(slack_text: str) -> str:
    """User text as typed: member, channel and user group mentions become their ids.

    Ids are what the core takes to name a member, a channel or a manager group; ``@here``-style
    mentions stay as words, which Slack never turns back into pings when the bot posts them.
    """

    def replace(match: re.Match[str]) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil in ("@", "#"):
            return target
        if sigil == "!":
            if target in _SPECIAL_MENTIONS:
                return f"@{target}"
            if target.startswith("subteam^"):
                return target.removeprefix("subteam^")
            return label or ""
        return target.removeprefix("mailto:")

    text = _ENTITY.sub(replace, slack_text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_line(body: dict[str, Any]) -> str:
    """The core's command line for a slash command payload: ``/offer Python, data``."""
    command = str(body.get("command", "")).strip().lower()
    text = plain_text(str(body.get("text", ""))).strip()
    if command == UMBRELLA_COMMAND:
        return "/" + text.removeprefix("/") if text else "/help"
    return f"{command} {text}".strip()


def team_id(body: dict[str, Any]) -> str:
    """The workspace a payload comes from, whatever its shape (command, interaction, event)."""
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    if not team:
        team = (body.get("user") or {}).get("team_id") or (body.get("enterprise") or {}).get("id")
    return str(team or body.get("enterprise_id") or "")


def user_id(body: dict[str, Any]) -> str:
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    if not user:
        user = (body.get("event") or {}).get("user")
    return str(user or "")


def actor(team: str, user: str, display_name: str, is_manager: bool) -> Actor:
    return Actor(CommunityRef(PLATFORM, team), user, display_name, is_manager)


def click(body: dict[str, Any]) -> Click | None:
    """The core action behind a clicked button, or None when the click is not one of ours."""
    actions = body.get("actions") or []
    if not actions:
        return None
    first = actions[0]
    action_id = str(first.get("action_id", ""))
    for prefix, replaces in ((PAGE_PREFIX, True), (ACTION_PREFIX, False)):
        if action_id.startswith(prefix):
            action, _, _index = action_id.removeprefix(prefix).rpartition(":")
            return Click(action, str(first.get("value", "")), replaces) if action else None
    return None


def submission(body: dict[str, Any]) -> Submission:
    """The submitted form's action, its answers by field key, and where to answer."""
    view = body.get("view") or {}
    meta = _metadata(str(view.get("private_metadata", "")))
    state = (view.get("state") or {}).get("values") or {}
    values = {
        block_id: str((inputs.get(FIELD_ACTION_ID) or {}).get("value") or "")
        for block_id, inputs in state.items()
    }
    labels = {
        str(block.get("block_id")): str((block.get("label") or {}).get("text", ""))
        for block in view.get("blocks") or []
        if block.get("type") == "input"
    }
    return Submission(
        submit_action=str(meta.get("submit", "")),
        values=values,
        labels=labels,
        response_url=str(meta.get("response_url", "")),
        from_home=bool(meta.get("home")),
    )


def form_metadata(submit_action: str, response_url: str = "", from_home: bool = False) -> str:
    """The modal's private_metadata: what to call on submit and where to answer afterwards."""
    meta: dict[str, Any] = {"submit": submit_action}
    if response_url:
        meta["response_url"] = response_url
    if from_home:
        meta["home"] = True
    return json.dumps(meta, separators=(",", ":"))


def _metadata(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def dedupe_key(body: dict[str, Any]) -> str | None:
    """What identifies one user gesture across Slack's retries (events, commands, clicks, submits)."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    trigger = body.get("trigger_id")
    if not trigger:
        return None
    actions = body.get("actions") or [{}]
    return f"{body.get('type') or 'command'}:{trigger}:{actions[0].get('action_ts', '')}"


def is_from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"
