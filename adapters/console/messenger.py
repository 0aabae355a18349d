"""The console's Messenger: each delivered message becomes one JSON line in an inbox file."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

from bot.delivery.ports import OutboundMessage
from bot.domain.clock import Clock, SystemClock
from bot.services.reply_codec import reply_to_dict


class InboxFileMessenger:
    """Appends deliveries to ``path`` with O_APPEND and one write per line, so several worker
    processes can share the file; ``was_delivered`` answers from the file itself, which is what
    crash recovery needs (the platform's memory, not the outbox's)."""

    def __init__(self, path: Path | str, clock: Clock | None = None, *, fsync: bool = True) -> None:
        self.path = Path(path)
        self._clock = clock or SystemClock()
        self._fsync = fsync
        self._seen: set[tuple[str, str]] = set()
        self._read_upto = 0
        self._fd: int | None = None

    async def deliver(self, message: OutboundMessage) -> str:
        record = {
            "key": message.key,
            "community": str(message.community),
            "recipients": list(message.recipients),
            "reply": reply_to_dict(message.reply),
            "at": self._clock.now().isoformat(),
        }
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        await asyncio.to_thread(self._append, line)
        self._seen.add((str(message.community), message.key))
        return f"inbox:{message.key}"

    async def was_delivered(self, message: OutboundMessage) -> bool:
        wanted = (str(message.community), message.key)
        if wanted not in self._seen:
            await asyncio.to_thread(self._read_new_lines)
        return wanted in self._seen

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _append(self, line: bytes) -> None:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        # One write() per line: appends of a few KiB to a local file do not interleave.
        written = os.write(self._fd, line)
        if written != len(line):
            raise OSError(f"short write to {self.path}")
        if self._fsync:
            os.fsync(self._fd)

    def _read_new_lines(self) -> None:
        """Learn the keys other processes (or an earlier run) appended since the last look."""
        try:
            with self.path.open("rb") as inbox:
                inbox.seek(self._read_upto)
                chunk = inbox.read()
        except FileNotFoundError:
            return
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self._read_upto += len(complete)
        for record in _records(complete):
            self._seen.add((record["community"], record["key"]))


def _records(data: bytes) -> list[dict[str, Any]]:
    records = []
    for line in data.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            # A line torn by a crashed machine, perhaps with the next writer's line glued on:
            # the torn message was not delivered, the glued one was.
            start = line.rfind(b'{"key":', 1)
            if start > 0:
                records.extend(_records(line[start:]))
    return records


def read_inbox(path: Path | str, member_id: str, community: str | None = None) -> list[dict[str, Any]]:
    """The messages delivered to ``member_id`` (optionally in one community, "platform:id"), oldest first."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return []
    return [
        record
        for record in _records(data)
        if member_id in record["recipients"] and (community is None or record["community"] == community)
    ]
