"""Stored facts of rounds: a round, a member's place in it, their participation, the stored schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.rounds import RoundState, Schedule


class Trigger(StrEnum):
    SCHEDULE = "schedule"
    MANUAL = "manual"


class Answer(StrEnum):
    MET = "met"
    NOT_YET = "not_yet"
    NO = "no"


class NoReason(StrEnum):
    NO_REPLY = "no_reply"
    SCHEDULING = "scheduling"
    NOT_A_FIT = "not_a_fit"


NO_REASON_LABELS = {
    NoReason.NO_REPLY: "No reply",
    NoReason.SCHEDULING: "Could not find a time",
    NoReason.NOT_A_FIT: "Not a fit",
}


@dataclass(frozen=True, slots=True)
class StoredSchedule:
    schedule: Schedule
    next_run_at: datetime
    anchor_at: datetime
    reminded_for: datetime | None
    set_by: str


@dataclass(frozen=True, slots=True)
class Round:
    round_id: int
    state: RoundState
    trigger: Trigger
    slot: datetime | None
    group_size: int
    created_at: datetime
    delivered_at: datetime | None = None
    next_step_at: datetime | None = None
    note: str = ""
    ran_by: str | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one member stands in a round: in group ``group_no``, or left out with a reason."""

    member_id: str
    group_no: int | None
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    starter: str = ""
    is_repeat: bool = False
    left_out_reason: str = ""
    odd_one_out: bool = False  # the engine's odd one: left out, or added to a group one size up
    answer: Answer | None = None
    no_reason: NoReason | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    member_id: str
    opted_in: bool
    paused_until: datetime | None = None
    skip_next: bool = False
    waiting: bool = False

    def is_paused(self, now: datetime) -> bool:
        return self.paused_until is not None and self.paused_until > now
