"""Plain-data input and output of the matching engine; no storage or platform types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Candidate:
    """One opted-in member as the engine sees them: what they offer, need and are working on."""

    member_id: str
    name: str
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    goal: str = ""
    unique: str = ""
    skills: tuple[str, ...] = ()
    timezone: str | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PastPairing:
    """Two members grouped before; ``rounds_ago`` is 0 for the latest round, 1 for the one
    before."""

    a: str
    b: str
    rounds_ago: int
    not_a_fit: bool = False


class OddMemberPolicy(StrEnum):
    TRIO = "trio"
    WAIT = "wait"


@dataclass(frozen=True, slots=True)
class MatchSettings:
    group_size: int = 2
    lookback_rounds: int = 8
    odd_member_policy: OddMemberPolicy = OddMemberPolicy.TRIO
    only_real_matches: bool = False
    seed: int = 0


@dataclass(frozen=True, slots=True)
class MatchInput:
    candidates: tuple[Candidate, ...]
    history: tuple[PastPairing, ...] = ()
    blocks: frozenset[frozenset[str]] = frozenset()
    last_odd_ones_out: frozenset[str] = frozenset()
    settings: MatchSettings = field(default_factory=MatchSettings)


@dataclass(frozen=True, slots=True)
class Group:
    members: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]
    starter: str
    is_repeat: bool = False


@dataclass(frozen=True, slots=True)
class Unmatched:
    member_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    groups: tuple[Group, ...]
    unmatched: tuple[Unmatched, ...]
    # Who was the odd one out this round (joined a larger group or waits): feed it back as
    # MatchInput.last_odd_ones_out next round so nobody is the odd one out twice in a row.
    odd_ones_out: tuple[str, ...] = ()

    @property
    def total_score(self) -> float:
        return sum(group.score for group in self.groups)
