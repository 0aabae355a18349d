"""A local fake of Slack's Web API (aiohttp): records every call and can answer 429 with Retry-After."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = "UBOT"
TEAM = "T0TEAM"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    answered: int = 200


@dataclass
class Scripted:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)
    # Do the work (post the message) and still answer with the failure: an answer lost on the way.
    perform: bool = False


class FakeSlack:
    """Web API at ``/api/<method>``, response URLs at ``/respond/<id>``, file uploads at ``/upload/<id>``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.scripts: dict[str, deque[Scripted]] = {}
        self._ts = 1_700_000_000
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.sockets: list[web.WebSocketResponse] = []
        self.socket_connected = asyncio.Event()
        self.socket_acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    # -- set-up ---------------------------------------------------------------------------------
    def add_user(self, user_id: str, name: str, *, admin: bool = False, team: str = TEAM) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": team,
            "name": name.lower(),
            "is_admin": admin,
            "is_owner": False,
            "profile": {"display_name": name, "real_name": name},
        }

    def script(self, method: str, *answers: Scripted) -> None:
        """The next calls of ``method`` get these answers, in order, before normal service resumes."""
        self.scripts.setdefault(method, deque()).extend(answers)

    def rate_limit(self, method: str, times: int, retry_after: int = 0) -> None:
        limited = Scripted(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
        self.script(method, *[limited] * times)

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base_url}/respond/{name}"

    # -- what happened --------------------------------------------------------------------------
    def to(self, method: str, *, answered: int | None = 200) -> list[dict[str, Any]]:
        """Arguments of the calls of ``method`` (by default only those that succeeded)."""
        return [
            c.args for c in self.calls if c.method == method and (answered is None or c.answered == answered)
        ]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def posts(self) -> list[dict[str, Any]]:
        return [m for messages in self.history.values() for m in messages]

    # -- server ---------------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return f"{self.base_url}/api/"

    async def stop(self) -> None:
        for socket in self.sockets:
            await socket.close()
        if self._runner:
            await self._runner.cleanup()

    async def push(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """Send a Socket Mode envelope to the connected app and return its acknowledgement."""
        await self.sockets[-1].send_json(envelope)
        async with asyncio.timeout(5):
            return await self.socket_acks.get()

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0"}})
        self.socket_connected.set()
        async for frame in socket:
            if frame.type == web.WSMsgType.TEXT:
                await self.socket_acks.put(json.loads(frame.data))
        return socket

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        call = Call(method, args)
        self.calls.append(call)
        queue = self.scripts.get(method)
        if queue:
            scripted = queue.popleft()
            call.answered = scripted.status
            if scripted.perform:
                self._answer(method, args)
            if isinstance(scripted.body, str):
                return web.Response(status=scripted.status, text=scripted.body, headers=scripted.headers)
            return web.json_response(scripted.body, status=scripted.status, headers=scripted.headers)
        return web.json_response(self._answer(method, args))

    async def _respond(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", {"name": request.match_info["name"], **await request.json()}))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.calls.append(Call("upload", {"file_id": request.match_info["file_id"], "bytes": len(body)}))
        return web.Response(text="OK")

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": "B0BOT",
                "team_id": TEAM,
                "team": "Acme",
                "user": "partnerbot",
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.base_url.replace("http://", "ws://") + "/socket"}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.usergroups.get(str(args.get("usergroup")), [])}
        if method == "conversations.open":
            return self._open(str(args.get("users", "")))
        if method == "chat.postMessage":
            return self._post(args)
        if method == "conversations.history":
            messages = list(reversed(self.history.get(str(args.get("channel")), [])))
            if str(args.get("include_all_metadata")).lower() not in {"1", "true"}:
                messages = [{k: v for k, v in m.items() if k != "metadata"} for m in messages]
            return {"ok": True, "messages": messages[: int(args.get("limit", 100))]}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.base_url}/upload/F1", "file_id": "F1"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F1"}]}
        if method in {"views.open", "views.publish", "views.update"}:
            return {"ok": True, "view": {"id": "V1", **(args.get("view") or {})}}
        return {"ok": True}

    def _open(self, users: str) -> dict[str, Any]:
        ids = [u for u in users.split(",") if u]
        unknown = [u for u in ids if u not in self.users]
        if not ids or unknown:
            return {"ok": False, "error": "user_not_found"}
        prefix = "D" if len(ids) == 1 else "G"
        return {"ok": True, "channel": {"id": prefix + "_".join(sorted(ids))}}

    def _post(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if channel.startswith("C_ARCHIVED"):
            return {"ok": False, "error": "is_archived"}
        self._ts += 1
        message = {"ts": f"{self._ts}.000100", "text": args.get("text", ""), "blocks": args.get("blocks")}
        if args.get("metadata"):
            message["metadata"] = args["metadata"]
        self.history.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"]}


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Query, form or JSON arguments, with JSON-in-a-string fields (blocks, view, metadata) decoded."""
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args.update(await request.json())
    elif request.can_read_body:
        args.update(dict(await request.post()))
    for key in ("blocks", "view", "metadata", "files", "errors"):
        if isinstance(args.get(key), str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args
