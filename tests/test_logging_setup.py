"""LOG_FORMAT=json gives one JSON event per line carrying the event's context; text stays readable."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.app import Core
from bot.config import Settings
from bot.logging_setup import configure_logging
from tests.conftest import make_actor


def _settings(log_format: str, level: str) -> Settings:
    return Settings(log_format=log_format, log_level=level, _env_file=None)  # type: ignore[call-arg,arg-type]


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_events_one_per_line_with_context() -> None:
    stream = io.StringIO()
    configure_logging(_settings("json", "INFO"), stream)
    log = logging.getLogger("partnerbot.commands")
    log.info(
        "command handled",
        extra={"community": "slack:T1", "round": 7, "command": "/offer", "latency_ms": 12.5},
    )
    log.debug("not shown at INFO")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("command failed", extra={"command": "/find"})
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["event"] == "command handled" and first["level"] == "info"
    assert (first["community"], first["round"], first["command"], first["latency_ms"]) == (
        "slack:T1",
        7,
        "/offer",
        12.5,
    )
    assert first["ts"].endswith("+00:00")
    assert second["command"] == "/find" and "ValueError: boom" in second["exc"]


def test_text_format_keeps_context_readable() -> None:
    stream = io.StringIO()
    configure_logging(_settings("text", "DEBUG"), stream)
    logging.getLogger("partnerbot.delivery").warning("rate limited", extra={"retry_after": 1.5})
    line = stream.getvalue().strip()
    assert "WARNING partnerbot.delivery: rate limited [retry_after=1.5]" in line


async def test_every_command_logs_one_event_with_community_command_and_latency(core: Core) -> None:
    stream = io.StringIO()
    configure_logging(_settings("json", "INFO"), stream)
    await core.router.run(make_actor("Ana Lima"), "/help")
    await core.router.run(make_actor("Ana Lima"), "/offer")
    events = [json.loads(line) for line in stream.getvalue().splitlines()]
    commands = [e for e in events if e["event"] == "command"]
    assert [(e["command"], e["community"]) for e in commands] == [
        ("/help", "console:test-community"),
        ("/offer", "console:test-community"),
    ]
    assert commands[0]["outcome"] == "ok" and commands[1]["outcome"] == "user_error"
    assert all(isinstance(e["latency_ms"], float) for e in commands)
