"""Rules of match rounds: states, cadences, schedules and their next run across DST, pauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.errors import UserError
from bot.domain.profiles import parse_timezone
from bot.domain.text import whole_number


class RoundState(StrEnum):
    """A round's lifecycle; each state is stored before the side effects that follow it."""

    SCHEDULED = "scheduled"
    MATCHED = "matched"
    DELIVERING = "delivering"
    DELIVERED = "delivered"
    CHECKED_IN = "checked-in"
    CLOSED = "closed"
    SKIPPED = "skipped"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 3


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a community's rounds run: local wall-clock time in the manager's timezone."""

    cadence: Cadence
    weekday: int  # 0 = Monday
    at: time
    timezone: str
    group_size: int = 2

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def describe(self) -> str:
        return (
            f"{self.cadence.value} on {WEEKDAYS[self.weekday].capitalize()} at "
            f"{self.at.strftime('%H:%M')} ({self.timezone}), groups of {self.group_size}"
        )

    def next_run(self, after: datetime, anchor: datetime | None = None) -> datetime:
        """The first run strictly after ``after`` (UTC), keeping the local wall-clock time.

        ``anchor`` is a previous run: biweekly rounds keep its parity of weeks, so that moving the
        clock or restarting never shifts the fortnight.
        """
        zone = self.zone
        local_after = after.astimezone(zone)
        day = local_after.date()
        for _ in range(400):
            if self._runs_on(day, anchor):
                moment = _local(day, self.at, zone)
                if moment > after:
                    return moment
            day += timedelta(days=1)
        raise ValueError("no run time found within 400 days")  # unreachable for valid schedules

    def _runs_on(self, day: date, anchor: datetime | None) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.cadence is Cadence.MONTHLY:
            return day.day <= 7  # the first such weekday of the month
        if self.cadence is Cadence.BIWEEKLY and anchor is not None:
            weeks = (day - anchor.astimezone(self.zone).date()).days // 7
            return weeks % 2 == 0
        return True


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone`` as UTC; a time skipped by a DST jump moves forward an hour."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=zone)
    round_trip = moment.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:  # inside the spring-forward gap
        moment = (naive + timedelta(hours=1)).replace(tzinfo=zone)
    return moment.astimezone(UTC)


def parse_schedule(args: list[str], usage: str) -> Schedule:
    """``<weekly|biweekly|monthly> <weekday> <HH:MM> <timezone> [group size]``."""
    if len(args) not in (4, 5):
        raise UserError(f"Please give a cadence, a weekday, a time and a timezone. Usage: {usage}")
    cadence_word, weekday_word, time_word, zone_word = args[:4]
    try:
        cadence = Cadence(cadence_word.lower())
    except ValueError:
        raise UserError(f"“{cadence_word}” is not a cadence; use weekly, biweekly or monthly.") from None
    group_size = 2
    if len(args) == 5:
        size = whole_number(args[4], maximum=MAX_GROUP_SIZE)
        if size is None or size < MIN_GROUP_SIZE:
            raise UserError(f"The group size must be a number from {MIN_GROUP_SIZE} to {MAX_GROUP_SIZE}.")
        group_size = size
    return Schedule(
        cadence,
        parse_weekday(weekday_word),
        parse_clock_time(time_word),
        parse_timezone(zone_word),
        group_size,
    )


def parse_weekday(word: str) -> int:
    folded = word.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if len(folded) >= 3 and name.startswith(folded)]
    if len(matches) != 1:
        raise UserError(f"“{word}” is not a weekday; write e.g. monday or mon.")
    return matches[0]


def parse_clock_time(word: str) -> time:
    found = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", word.strip())
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise UserError(f"“{word}” is not a time of day; write it as HH:MM, e.g. 09:30.")
    return time(int(found.group(1)), int(found.group(2)))


_DURATION = re.compile(r"([0-9]{1,3})\s*(d|day|days|w|wk|week|weeks|m|month|months)")
_DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30}
MAX_PAUSE = timedelta(days=366)


def parse_pause(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The end of a pause: ``2w``, ``10d``, ``1 month``, or ``[until] YYYY-MM-DD`` (midnight local)."""
    raw = text.strip().lower().removeprefix("until").strip()
    if not raw:
        raise UserError("Please say how long to pause, e.g. 2w, 10d or until 2026-12-24.")
    found = _DURATION.fullmatch(raw)
    if found:
        amount = int(found.group(1))
        if amount == 0:
            raise UserError("A pause must last at least one day.")
        end = now + timedelta(days=amount * _DAYS_PER_UNIT[found.group(2)[0]])
    else:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise UserError(
                f"“{text.strip()}” is not a duration or date; write e.g. 2w, 10d or 2026-12-24."
            ) from None
        end = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        if end <= now:
            raise UserError(f"{day.isoformat()} has already begun; please give a date in the future.")
    if end - now > MAX_PAUSE:
        raise UserError("A pause can last at most a year; use /rounds leave to stop for longer.")
    return end


def member_zone(profile_timezone: str | None, fallback: str) -> ZoneInfo:
    """The zone to show a member times in: their profile's, else the schedule's."""
    for name in (profile_timezone, fallback):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.strftime('%A %d %B %Y at %H:%M')} ({zone.key})"
