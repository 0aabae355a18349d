"""Shared test fixtures: a real SQLite core per test, a test clock, member factories, and a network guard."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import Core, open_core
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, CommunityRef

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
COMMUNITY = CommunityRef("console", "test-community")

_real_connect = socket.socket.connect


def _loopback_only(sock: socket.socket, address: Any) -> Any:
    """Fail any test that reaches beyond this machine (python-telegram-bot's guard, in small)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            is_local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            is_local = host == "localhost"
        if not is_local:
            raise RuntimeError(f"test tried to reach the network at {address!r}")
    return _real_connect(sock, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    yield


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'partnerbot.db'}"


@pytest.fixture
async def core(database_url: str, clock: ManualClock) -> AsyncIterator[Core]:
    # health_port=0: no /healthz server, so tests never compete for the default port.
    settings = Settings(database_url=database_url, health_port=0, _env_file=None)  # type: ignore[call-arg]
    opened = await open_core(settings, clock)
    try:
        yield opened
    finally:
        await opened.close()


def make_actor(
    name: str = "Ana Lima",
    *,
    community: CommunityRef = COMMUNITY,
    member_id: str | None = None,
    manager: bool = False,
) -> Actor:
    """An acting member; the id defaults to the name in lower-case with dashes."""
    return Actor(
        community,
        member_id or name.casefold().replace(" ", "-"),
        name,
        is_manager=manager,
    )
