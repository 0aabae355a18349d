"""Round rules: schedules keep local wall-clock time across DST, pauses parse, bad input is refused."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.errors import UserError
from bot.domain.models import CommunitySettings
from bot.domain.round_settings import RoundSettings, change_setting, round_settings, with_round_settings
from bot.domain.rounds import Cadence, Schedule, parse_pause, parse_schedule
from bot.matching.model import OddMemberPolicy

PARIS = ZoneInfo("Europe/Paris")


def test_weekly_round_keeps_nine_oclock_paris_time_across_the_spring_dst_change() -> None:
    schedule = Schedule(Cadence.WEEKLY, 0, time(9, 0), "Europe/Paris")
    before = schedule.next_run(datetime(2026, 3, 20, tzinfo=UTC))  # Mon 23 March, UTC+1
    after = schedule.next_run(before)  # Mon 30 March, after the 29 March change, UTC+2
    assert before == datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
    assert after == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert before.astimezone(PARIS).time() == after.astimezone(PARIS).time() == time(9, 0)


def test_autumn_dst_change_in_new_york_keeps_local_time() -> None:
    schedule = Schedule(Cadence.WEEKLY, 6, time(10, 30), "America/New_York")  # Sundays
    runs = [schedule.next_run(datetime(2026, 10, 25, tzinfo=UTC))]
    runs.append(schedule.next_run(runs[-1]))
    assert [r.astimezone(ZoneInfo("America/New_York")).time() for r in runs] == [time(10, 30)] * 2
    assert runs[1] - runs[0] == timedelta(days=7, hours=1)  # the 1 November change adds an hour


def test_a_time_skipped_by_dst_moves_forward_instead_of_vanishing() -> None:
    schedule = Schedule(Cadence.WEEKLY, 6, time(2, 30), "Europe/Paris")  # 29 March 2026 has no 02:30
    run = schedule.next_run(datetime(2026, 3, 28, tzinfo=UTC))
    assert run.astimezone(PARIS).date().isoformat() == "2026-03-29"
    assert run.astimezone(PARIS).time() == time(3, 30)


def test_biweekly_keeps_its_fortnight_and_monthly_takes_the_first_weekday() -> None:
    biweekly = Schedule(Cadence.BIWEEKLY, 2, time(12, 0), "UTC")
    first = biweekly.next_run(datetime(2026, 1, 1, tzinfo=UTC))
    second = biweekly.next_run(first, anchor=first)
    assert second - first == timedelta(days=14)
    monthly = Schedule(Cadence.MONTHLY, 0, time(9, 0), "UTC")
    runs = [monthly.next_run(datetime(2026, 1, 6, tzinfo=UTC))]
    runs.append(monthly.next_run(runs[0]))
    assert [r.date().isoformat() for r in runs] == ["2026-02-02", "2026-03-02"]


def test_schedule_arguments_are_parsed_and_bad_ones_explained() -> None:
    schedule = parse_schedule(["weekly", "mon", "09:30", "Europe/Paris", "3"], "usage")
    assert (schedule.weekday, schedule.at, schedule.group_size) == (0, time(9, 30), 3)
    for bad, word in [
        ("daily mon 09:30 UTC", "cadence"),
        ("weekly someday 09:30 UTC", "weekday"),
        ("weekly mon 25:00 UTC", "time of day"),
        ("weekly mon 09:30 Mars/Olympus", "timezone"),
        ("weekly mon 09:30 UTC 9", "group size"),
        ("weekly mon", "Usage"),
    ]:
        with pytest.raises(UserError, match=word):
            parse_schedule(bad.split(), "Usage")


def test_pause_durations_and_dates() -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert parse_pause("2w", now, PARIS) == now + timedelta(days=14)
    assert parse_pause("10d", now, PARIS) == now + timedelta(days=10)
    assert parse_pause("until 2026-03-10", now, PARIS) == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    for bad in ["", "soon", "0d", "2026-01-01", "99m"]:
        with pytest.raises(UserError):
            parse_pause(bad, now, PARIS)


def test_round_settings_round_trip_through_community_settings() -> None:
    changed = change_setting(RoundSettings(), "odd", "wait")
    changed = change_setting(changed, "reminders", "off")
    stored = with_round_settings(CommunitySettings(), changed)
    assert round_settings(stored) == RoundSettings(odd_policy=OddMemberPolicy.WAIT, reminders=False)
    for key, value in [("lookback", "0"), ("odd", "triangle"), ("colour", "blue"), ("reminders", "maybe")]:
        with pytest.raises(UserError):
            change_setting(RoundSettings(), key, value)


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "Mars/Olympus"])
def test_a_schedule_in_a_zone_that_is_no_place_is_refused(zone: str) -> None:
    with pytest.raises(UserError, match="not a timezone I know"):
        parse_schedule(["weekly", "mon", "09:30", zone], "usage")


@pytest.mark.parametrize(("typed", "stored"), [("europe/berlin", "Europe/Berlin"), ("utc", "UTC")])
def test_a_schedule_timezone_is_matched_without_regard_to_case(typed: str, stored: str) -> None:
    assert parse_schedule(["weekly", "mon", "09:30", typed], "usage").timezone == stored
