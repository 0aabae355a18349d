"""Properties of round rules: any typed input either parses or gets a friendly UserError, and every
schedule's next run is in the future, on its weekday, at its local time."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import UserError
from bot.domain.rounds import Cadence, Schedule, parse_pause, parse_schedule

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"]
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@given(st.text(max_size=40))
def test_any_pause_text_parses_to_the_future_or_is_refused_politely(text: str) -> None:
    try:
        end = parse_pause(text, NOW, ZoneInfo("Europe/Paris"))
    except UserError as error:
        assert error.message
    else:
        assert NOW < end <= NOW + timedelta(days=366)


@given(st.lists(st.text(max_size=12), max_size=6))
def test_any_schedule_words_parse_or_are_refused_politely(words: list[str]) -> None:
    try:
        schedule = parse_schedule(words, "usage")
    except UserError as error:
        assert error.message
    else:
        assert 2 <= schedule.group_size <= 3


@settings(max_examples=200)
@given(
    st.sampled_from(list(Cadence)),
    st.integers(0, 6),
    st.times(),
    st.sampled_from(ZONES),
    st.integers(0, 5 * 365 * 24 * 3600),
)
def test_next_run_is_later_on_the_weekday_at_the_local_time(
    cadence: Cadence, weekday: int, at: time, zone: str, seconds: int
) -> None:
    at = at.replace(second=0, microsecond=0)
    schedule = Schedule(cadence, weekday, at, zone)
    after = NOW + timedelta(seconds=seconds)
    run = schedule.next_run(after)
    local = run.astimezone(ZoneInfo(zone))
    assert run > after and run - after <= timedelta(days=38)
    assert local.weekday() == weekday
    # The wall-clock time is kept, except inside a spring-forward gap, where it moves an hour on.
    assert (
        local.time() == at or local.time() == (datetime.combine(local.date(), at) + timedelta(hours=1)).time()
    )
