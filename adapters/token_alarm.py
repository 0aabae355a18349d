"""A bot token that stops working (revoked, rotated): one loud log line, and messages wait for a fix."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class TokenAlarm:
    """Logs the ERROR once per outage: every queued message hits the same wall until the token is fixed."""

    def __init__(self, platform: str, setting: str) -> None:
        self._platform = platform
        self._setting = setting
        self._raised = False

    def raise_once(self, detail: str) -> None:
        if not self._raised:
            self._raised = True
            log.error(
                "%s no longer accepts the bot token (%s): fix %s and restart; messages wait in the outbox",
                self._platform,
                detail,
                self._setting,
            )

    def clear(self) -> None:
        self._raised = False
