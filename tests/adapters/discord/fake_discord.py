"""A local fake of Discord's REST API (aiohttp) that records every request and can answer 429s."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

API_PREFIX = "/api/v10"
BOT_ID = "1100000000000000001"
APP_ID = "1100000000000000002"
BOT_USER = {
    "id": BOT_ID,
    "username": "partnerbot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}


@dataclass
class Recorded:
    method: str
    path: str
    body: Any
    status: int = 200


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int


@dataclass
class FakeDiscord:
    """Discord's REST API as far as partnerbot uses it; state lives in plain dicts."""

    requests: list[Recorded] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    thread_members: dict[str, list[str]] = field(default_factory=dict)
    dm_channels: dict[str, str] = field(default_factory=dict)
    guild_members: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    channel_guilds: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1200000000000000000))
    gateway_received: list[dict[str, Any]] = field(default_factory=list)
    gateway_guilds: list[dict[str, Any]] = field(default_factory=list)
    _gateway: web.WebSocketResponse | None = None
    _sequence: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    base_url: str = ""
    gateway_url: str = ""
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle)
        app.router.add_get("/gateway", self._gateway_socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}{API_PREFIX}"
        self.gateway_url = f"ws://127.0.0.1:{port}/gateway"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- test controls -------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        path: str,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        self.failures.append(Failure(method, re.compile(path), status, body, headers or {}, times))

    def rate_limit_next(
        self, method: str, path: str, retry_after: float = 0.05, *, is_global: bool = False, times: int = 1
    ) -> None:
        """A 429 as Discord sends it: bucket headers, Retry-After, JSON retry_after and global flag."""
        headers = {
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{datetime.now(UTC).timestamp() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Bucket": "fakebucket0001",
            "X-RateLimit-Scope": "global" if is_global else "user",
            "Retry-After": str(max(1, round(retry_after))),
            "Via": "1.1 google",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global}
        self.fail_next(method, path, 429, body, headers, times)

    def add_guild(self, guild: dict[str, Any]) -> None:
        """Know a GUILD_CREATE's channels, so threads created in them belong to that guild."""
        for channel in guild["channels"]:
            self.channel_guilds[channel["id"]] = guild["id"]

    def add_guild_member(self, guild_id: str, member: dict[str, Any]) -> None:
        self.guild_members[(guild_id, member["user"]["id"])] = member

    def calls(self, method: str, path: str) -> list[Recorded]:
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    def interaction_answers(self, interaction_id: str) -> list[Recorded]:
        return self.calls("POST", rf"/interactions/{interaction_id}/[^/]+/callback")

    async def until(self, predicate: Callable[[], object]) -> None:
        """Wait (under the caller's timeout) until a request or gateway frame makes ``predicate`` true."""
        while not predicate():
            self._changed.clear()
            await self._changed.wait()

    # ---- the gateway (websocket): HELLO, READY and GUILD_CREATE after IDENTIFY, then dispatches ----
    async def dispatch(self, event: str, payload: dict[str, Any]) -> None:
        assert self._gateway is not None, "no gateway connection yet"
        await self._gateway.send_json({"op": 0, "t": event, "s": next(self._sequence), "d": payload})

    @property
    def identified(self) -> dict[str, Any] | None:
        return next((m["d"] for m in self.gateway_received if m.get("op") == 2), None)

    async def _gateway_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for frame in socket:
            message = json.loads(frame.data)
            self.gateway_received.append(message)
            self._changed.set()
            if message.get("op") == 1:
                await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif message.get("op") == 2:
                self._gateway = socket
                await self.dispatch("READY", self._ready(message["d"]))
                for guild in self.gateway_guilds:
                    await self.dispatch("GUILD_CREATE", guild)
        return socket

    def _ready(self, identify: dict[str, Any]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": g["id"], "unavailable": True} for g in self.gateway_guilds],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "shard": identify.get("shard", [0, 1]),
            "application": {"id": APP_ID, "flags": 0},
            "private_channels": [],
        }

    # ---- the API ---------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await _body(request)
        recorded = Recorded(request.method, path, body)
        self.requests.append(recorded)
        for failure in self.failures:
            if failure.times > 0 and failure.method == request.method and failure.pattern.fullmatch(path):
                failure.times -= 1
                recorded.status = failure.status
                return _json(failure.body, failure.status, failure.headers)
        status, payload = self._route(request.method, path, body)
        recorded.status = status
        self._changed.set()
        if status == 204:
            return web.Response(status=204)
        return _json(payload, status)

    def _route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        for verb, pattern, handler in self._table():
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return handler(body, *match.groups())
        return 404, {"message": "404: Not Found", "code": 0}

    def _table(self) -> list[tuple[str, str, Callable[..., tuple[int, Any]]]]:
        return [
            ("GET", r"/users/@me", lambda b: (200, BOT_USER)),
            ("GET", r"/gateway/bot", lambda b: (200, self._gateway_info())),
            ("GET", r"/oauth2/applications/@me", lambda b: (200, _application())),
            ("PUT", r"/applications/(\d+)/commands", self._commands),
            ("PUT", r"/applications/(\d+)/guilds/(\d+)/commands", self._commands),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._followup),
            ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/@original", self._followup),
            ("POST", r"/users/@me/channels", self._open_dm),
            ("POST", r"/channels/(\d+)/messages", self._create_message),
            ("GET", r"/channels/(\d+)/messages", lambda b, c: (200, self.messages.get(c, [])[::-1])),
            ("POST", r"/channels/(\d+)/threads", self._create_thread),
            ("PUT", r"/channels/(\d+)/thread-members/(\d+)", self._add_thread_member),
            ("GET", r"/guilds/(\d+)/threads/active", self._active_threads),
            ("GET", r"/guilds/(\d+)/members/(\d+)", self._get_member),
        ]

    def _gateway_info(self) -> dict[str, Any]:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}

    def _next_id(self) -> str:
        return str(next(self._ids))

    def _commands(self, body: Any, app_id: str, guild_id: str | None = None) -> tuple[int, Any]:
        out = []
        for command in body:
            out.append({**command, "id": self._next_id(), "application_id": app_id, "version": "1"})
            if guild_id:
                out[-1]["guild_id"] = guild_id
        return 200, out

    def _callback(self, body: Any, interaction_id: str, token: str) -> tuple[int, Any]:
        del token
        return 200, {"interaction": {"id": interaction_id, "type": 2}}

    def _followup(self, body: Any, app_id: str, token: str) -> tuple[int, Any]:
        del app_id, token
        return 200, self._message("1300000000000000001", body)

    def _open_dm(self, body: Any) -> tuple[int, Any]:
        user_id = str(body["recipient_id"])
        channel_id = self.dm_channels.setdefault(user_id, self._next_id())
        user = {"id": user_id, "username": f"user{user_id[-4:]}", "discriminator": "0", "avatar": None}
        return 200, {"id": channel_id, "type": 1, "last_message_id": None, "recipients": [user]}

    def _create_message(self, body: Any, channel_id: str) -> tuple[int, Any]:
        existing = self.messages.setdefault(channel_id, [])
        nonce = body.get("nonce")
        if nonce and body.get("enforce_nonce"):
            for message in existing:
                if message.get("nonce") == nonce:
                    return 200, message  # Discord returns the first message, creates none
        message = self._message(channel_id, body)
        existing.append(message)
        return 200, message

    def _message(self, channel_id: str, body: Any) -> dict[str, Any]:
        return {
            "id": self._next_id(),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags", 0),
            "nonce": body.get("nonce"),
        }

    def _create_thread(self, body: Any, channel_id: str) -> tuple[int, Any]:
        thread_id = self._next_id()
        thread = {
            "id": thread_id,
            "type": body.get("type", 12),
            "guild_id": self._guild_of(channel_id),
            "parent_id": channel_id,
            "name": body["name"],
            "owner_id": BOT_ID,
            "member_count": 1,
            "message_count": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": body.get("auto_archive_duration", 10080),
                "archive_timestamp": datetime.now(UTC).isoformat(),
                "locked": False,
                "invitable": body.get("invitable", True),
            },
        }
        self.threads[thread_id] = thread
        self.thread_members[thread_id] = [BOT_ID]
        return 201, thread

    def _guild_of(self, channel_id: str) -> str:
        return self.channel_guilds.get(channel_id, "0")

    def _add_thread_member(self, body: Any, thread_id: str, user_id: str) -> tuple[int, Any]:
        if thread_id not in self.threads:
            return 404, {"message": "Unknown Channel", "code": 10003}
        members = self.thread_members[thread_id]
        if user_id not in members:
            members.append(user_id)
        return 204, None

    def _active_threads(self, body: Any, guild_id: str) -> tuple[int, Any]:
        found = [t for t in self.threads.values() if t["guild_id"] == guild_id]
        return 200, {"threads": found, "members": []}

    def _get_member(self, body: Any, guild_id: str, user_id: str) -> tuple[int, Any]:
        member = self.guild_members.get((guild_id, user_id))
        if member is None:
            return 404, {"message": "Unknown Member", "code": 10007}
        return 200, member


def _json(payload: Any, status: int, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with Discord's exact content type (discord.py compares it verbatim)."""
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


async def _body(request: web.Request) -> Any:
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        payload = json.loads(str(form.get("payload_json", "{}")))
        payload["_files"] = [getattr(v, "filename", None) for k, v in form.items() if k.startswith("files[")]
        return payload
    raw = await request.read()
    return json.loads(raw) if raw else None


def _application() -> dict[str, Any]:
    return {
        "id": APP_ID,
        "name": "partnerbot",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": {**BOT_USER, "id": "1100000000000000009", "bot": False, "username": "owner"},
        "verify_key": "0" * 64,
        "flags": 0,
    }
