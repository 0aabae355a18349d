"""The periodic sweep of intro work: expire unanswered requests, post weekly digests when due.

The rounds scheduler's periodic job calls ``IntroSweeper.run_due()`` (every minute is fine: the
work is idempotent and the listing query is cheap).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.clock import Clock
from bot.services.digest import DigestService
from bot.services.intros import IntroService
from bot.storage.sql.intro_due import SqlIntroDue

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SweepResult:
    expired: int = 0
    digests: int = 0


class IntroSweeper:
    def __init__(self, due: SqlIntroDue, intros: IntroService, digest: DigestService, clock: Clock) -> None:
        self._due = due
        self._intros = intros
        self._digest = digest
        self._clock = clock

    async def run_due(self) -> SweepResult:
        expired = digests = 0
        for community in await self._due.communities_due(self._clock.now()):
            try:
                expired += await self._intros.expire_due(community)
                digests += int(await self._digest.send_if_due(community))
            except Exception:  # one community's trouble must not stop the others' work
                log.exception("intro sweep failed for %s", community)
        return SweepResult(expired, digests)
