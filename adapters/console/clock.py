"""The console's test clock: `/clock +3d` moves time forward and runs what fell due on the way."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.domain.clock import Clock, ManualClock
from bot.domain.errors import UserError

_STEP = re.compile(r"^\+(\d{1,4})([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def target_time(clock: Clock, request: str) -> datetime:
    """Where ``/clock <request>`` moves a manual clock; UserError for a clock that cannot move."""
    if not isinstance(clock, ManualClock):
        raise UserError("The clock only moves in a console started with --clock <ISO time>.")
    step = _STEP.match(request.strip().lower())
    if step:
        return clock.now() + timedelta(**{_UNITS[step.group(2)]: int(step.group(1))})
    try:
        moment = datetime.fromisoformat(request.strip())
    except ValueError:
        raise UserError(
            "Usage: /clock +3d (also +2h, +30m, +1w) or /clock 2026-12-01T09:00:00+00:00"
        ) from None
    if moment.tzinfo is None:
        raise UserError("Please give the time with its offset, e.g. 2026-12-01T09:00:00+00:00")
    if moment < clock.now():
        raise UserError("The clock only moves forward.")
    return moment
