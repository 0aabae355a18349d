"""Quality figures of a round's groups, shown to managers in the preview before anything is sent."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import permutations
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.round_records import Placement
from bot.matching.model import Candidate
from bot.matching.text import explain_match

NeedMet = Callable[[str, str], bool]

WORK_START, WORK_END = time(9), time(17)
MIN_SHARED_HOURS = 2.0


@dataclass(frozen=True, slots=True)
class RoundQuality:
    members: int
    needs_met: int  # members whose need some partner's offer meets
    mutual: int  # groups where needs are met both ways
    repeats: int
    short_overlap: int  # groups with under 2 hours of shared working time
    odd_ones: tuple[tuple[str, str], ...]  # (member id, what happened to them)

    @property
    def needs_met_share(self) -> float:
        return self.needs_met / self.members if self.members else 0.0


def engine_meets(need: str, offer: str) -> bool:
    """The matching engine's judgement: the offer and the need share a skill or concept."""
    return explain_match(need, offer) is not None


def measure(
    groups: Mapping[int, Sequence[Placement]],
    left_out: Sequence[Placement],
    candidates: Mapping[str, Candidate],
    meets: NeedMet,
    day: datetime,
) -> RoundQuality:
    needs_met = mutual = repeats = short = 0
    for group in groups.values():
        ids = [p.member_id for p in group if p.member_id in candidates]
        met = {b for a, b in permutations(ids, 2) if _serves(candidates[a], candidates[b], meets)}
        needs_met += len(met)
        mutual += len(met) >= 2 and len(met) == len(ids)
        repeats += any(p.is_repeat for p in group)
        hours = shared_work_hours([candidates[i].timezone for i in ids], day)
        short += hours is not None and hours < MIN_SHARED_HOURS
    members = sum(len(g) for g in groups.values())
    return RoundQuality(members, needs_met, mutual, repeats, short, odd_ones(groups, left_out))


def odd_ones(
    groups: Mapping[int, Sequence[Placement]], left_out: Sequence[Placement]
) -> tuple[tuple[str, str], ...]:
    joined = [
        (p.member_id, f"joins group {number} as its extra member")
        for number, group in groups.items()
        for p in group
        if p.odd_one_out
    ]
    return (*joined, *((p.member_id, p.left_out_reason or "left out") for p in left_out))


def _serves(giver: Candidate, taker: Candidate, meets: NeedMet) -> bool:
    return any(meets(need, offer) for need in taker.needs for offer in giver.offers + giver.skills)


def shared_work_hours(zones: Sequence[str | None], day: datetime) -> float | None:
    """Hours a day when every member is within 9:00-17:00 local; None when a zone is unknown."""
    shared: set[int] | None = None
    for name in zones:
        quarters = _working_quarters(name, day)
        if quarters is None:
            return None
        shared = quarters if shared is None else shared & quarters
    return len(shared or ()) / 4


def _working_quarters(name: str | None, day: datetime) -> set[int] | None:
    """The quarter-hours of ``day`` (UTC, 0-95) that fall within the zone's working hours."""
    try:
        zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None
    if zone is None:
        return None
    midnight = datetime.combine(day.astimezone(UTC).date(), time(0), UTC)
    return {
        q
        for q in range(96)
        if WORK_START <= (midnight + timedelta(minutes=15 * q)).astimezone(zone).time() < WORK_END
    }
