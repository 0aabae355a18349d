"""Rules of double opt-in intros: request states, who answers, limits against spam, blocks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.errors import NotAllowed, UserError
from bot.domain.models import CommunitySettings

DEFAULT_EXPIRY_DAYS = 7
DEFAULT_MAX_OPEN = 5
REPEAT_COOLDOWN = timedelta(days=90)
REASON_MAX_CHARS = 300


class IntroKind(StrEnum):
    DIRECT = "direct"  # /introduce-me: the requester is side A and already said yes
    CONNECTOR = "connector"  # /introduce: a third member proposes; both sides must say yes


class IntroStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class IntroRequest:
    """An intro between ``member_a`` and ``member_b``, asked by ``requester_id``.

    For a direct request the requester is ``member_a`` and ``a_accepted`` is True from the start.
    """

    request_id: int
    kind: IntroKind
    requester_id: str
    member_a: str
    member_b: str
    reason: str
    status: IntroStatus
    created_at: datetime
    expires_at: datetime
    a_accepted: bool = False
    b_accepted: bool = False
    declined_by: str | None = None
    decided_at: datetime | None = None

    @property
    def sides(self) -> tuple[str, str]:
        return self.member_a, self.member_b

    def answerers(self) -> tuple[str, ...]:
        """The members still expected to say yes or no."""
        waiting = []
        if not self.a_accepted:
            waiting.append(self.member_a)
        if not self.b_accepted:
            waiting.append(self.member_b)
        return tuple(waiting)

    def accepted_by(self, member_id: str) -> IntroRequest:
        """This request with ``member_id``'s yes recorded; accepted once nobody is left to answer."""
        if member_id == self.member_a:
            return replace(self, a_accepted=True)
        return replace(self, b_accepted=True)

    def other_side(self, member_id: str) -> str:
        return self.member_b if member_id == self.member_a else self.member_a

    def is_overdue(self, now: datetime) -> bool:
        return self.status is IntroStatus.PENDING and self.expires_at <= now


@dataclass(frozen=True, slots=True)
class IntroSettings:
    """The intro knobs a manager can change; stored in the community settings' ``extra``."""

    expiry_days: int = DEFAULT_EXPIRY_DAYS
    max_open: int = DEFAULT_MAX_OPEN

    @classmethod
    def of(cls, settings: CommunitySettings) -> IntroSettings:
        return cls(
            expiry_days=_positive(settings.extra.get("intro_expiry_days"), DEFAULT_EXPIRY_DAYS),
            max_open=_positive(settings.extra.get("intro_max_open"), DEFAULT_MAX_OPEN),
        )


def _positive(raw: object, default: int) -> int:
    return raw if isinstance(raw, int) and raw > 0 else default


def answer_allowed(request: IntroRequest, member_id: str, now: datetime) -> None:
    """Refuse an answer from someone who was not asked, or to a request that is settled."""
    if member_id not in request.sides or member_id not in request.answerers():
        if member_id in request.sides and request.status is IntroStatus.PENDING:
            raise UserError("You already said yes to this intro; we are waiting for the other side.")
        if member_id not in request.sides:
            raise NotAllowed("This intro request was not sent to you.")
    if request.status is not IntroStatus.PENDING or request.is_overdue(now):
        raise UserError("This intro request is no longer open.")


def check_new_request(
    *,
    requester_id: str,
    sides: tuple[str, str],
    open_count: int,
    settings: IntroSettings,
) -> None:
    """The limits that do not need the pair's history: nobody twice, no more than N open."""
    a, b = sides
    if a == b:
        raise UserError("Please name two different members.")
    if requester_id == b:
        raise UserError("You cannot ask for an intro to yourself.")
    if open_count >= settings.max_open:
        raise UserError(
            f"You already have {open_count} intro requests waiting for an answer (the limit is "
            f"{settings.max_open}); please wait for one to be answered or to expire."
        )


def cooldown_until(last_decline: datetime | None) -> datetime | None:
    """When a pair may be asked again after a decline, or None when the decline is long past."""
    return last_decline + REPEAT_COOLDOWN if last_decline else None
