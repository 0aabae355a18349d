"""Pacing for the outbox worker: a token bucket for the send rate and jittered exponential backoff."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.domain.clock import Clock

Sleep = Callable[[float], Awaitable[None]]


class TokenBucket:
    """At most ``rate`` sends per second on average, with bursts of up to ``burst``; rate 0 is unlimited."""

    def __init__(self, rate: float, clock: Clock, sleep: Sleep, burst: float = 1.0) -> None:
        self._rate = rate
        self._clock = clock
        self._sleep = sleep
        self._capacity = max(burst, 1.0)
        self._tokens = self._capacity
        self._stamp: datetime = clock.now()

    async def take(self) -> None:
        if self._rate <= 0:
            return
        self._refill()
        if self._tokens < 1.0:
            await self._sleep((1.0 - self._tokens) / self._rate)
            self._refill()
        self._tokens = max(self._tokens - 1.0, 0.0)

    def _refill(self) -> None:
        now = self._clock.now()
        elapsed = max((now - self._stamp).total_seconds(), 0.0)
        self._stamp = now
        self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)


def backoff_seconds(
    attempt: int, base: float = 2.0, cap: float = 600.0, rng: random.Random | None = None
) -> float:
    """Delay before retry number ``attempt`` (1-based): "full jitter", uniform in [base*2^(n-1)/2, ...]."""
    ceiling = min(cap, base * 2 ** max(attempt - 1, 0))
    return (rng or random).uniform(ceiling / 2, ceiling)
