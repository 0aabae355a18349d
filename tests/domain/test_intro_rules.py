"""Rules of intro requests: who may answer, when both sides said yes, limits and settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import NotAllowed, UserError
from bot.domain.intros import (
    IntroKind,
    IntroRequest,
    IntroSettings,
    IntroStatus,
    answer_allowed,
    check_new_request,
    cooldown_until,
)
from bot.domain.models import CommunitySettings

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def make_request(**overrides: object) -> IntroRequest:
    values: dict[str, object] = {
        "request_id": 1,
        "kind": IntroKind.CONNECTOR,
        "requester_id": "cleo",
        "member_a": "ana",
        "member_b": "ben",
        "reason": "",
        "status": IntroStatus.PENDING,
        "created_at": NOW,
        "expires_at": NOW + timedelta(days=7),
    }
    return IntroRequest(**(values | overrides))  # type: ignore[arg-type]


def test_a_connector_request_waits_for_both_sides() -> None:
    request = make_request()
    assert request.answerers() == ("ana", "ben")
    half = request.accepted_by("ben")
    assert half.answerers() == ("ana",)
    assert half.accepted_by("ana").answerers() == ()


def test_only_the_sides_still_asked_may_answer_an_open_request() -> None:
    request = make_request().accepted_by("ana")
    answer_allowed(request, "ben", NOW)
    with pytest.raises(UserError, match="already said yes"):
        answer_allowed(request, "ana", NOW)
    with pytest.raises(NotAllowed):
        answer_allowed(request, "cleo", NOW)
    with pytest.raises(UserError, match="no longer open"):
        answer_allowed(request, "ben", NOW + timedelta(days=7))
    with pytest.raises(UserError, match="no longer open"):
        answer_allowed(make_request(status=IntroStatus.DECLINED), "ben", NOW)


def test_new_requests_respect_the_open_limit_and_name_two_members() -> None:
    settings = IntroSettings(max_open=2)
    check_new_request(requester_id="cleo", sides=("ana", "ben"), open_count=1, settings=settings)
    with pytest.raises(UserError, match="limit is 2"):
        check_new_request(requester_id="cleo", sides=("ana", "ben"), open_count=2, settings=settings)
    with pytest.raises(UserError, match="two different"):
        check_new_request(requester_id="cleo", sides=("ana", "ana"), open_count=0, settings=settings)
    with pytest.raises(UserError, match="yourself"):
        check_new_request(requester_id="ana", sides=("ben", "ana"), open_count=0, settings=settings)


def test_settings_fall_back_to_defaults_on_bad_values_and_cooldown_is_90_days() -> None:
    settings = IntroSettings.of(CommunitySettings(extra={"intro_expiry_days": 3, "intro_max_open": "lots"}))
    assert (settings.expiry_days, settings.max_open) == (3, 5)
    assert cooldown_until(None) is None
    assert cooldown_until(NOW) == NOW + timedelta(days=90)
