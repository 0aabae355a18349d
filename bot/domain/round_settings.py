"""Community knobs of match rounds, kept in CommunitySettings.extra["rounds"], and their parsing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from bot.domain.errors import UserError
from bot.domain.models import CommunitySettings
from bot.domain.text import whole_number
from bot.matching.model import OddMemberPolicy

SETTINGS_KEY = "rounds"


@dataclass(frozen=True, slots=True)
class RoundSettings:
    lookback: int = 8
    checkin_days: int = 4
    odd_policy: OddMemberPolicy = OddMemberPolicy.TRIO
    only_real_matches: bool = False
    reminders: bool = True


@dataclass(frozen=True, slots=True)
class SettingInfo:
    key: str
    help: str
    values: str


SETTING_INFO = (
    SettingInfo("lookback", "rounds during which the same people are not paired again", "1-52"),
    SettingInfo("checkin", "days after a round before asking “did you meet?”", "1-30"),
    SettingInfo("odd", "what the odd member out does", "trio or wait"),
    SettingInfo("only-real-matches", "pair only when someone's offer meets another's need", "on or off"),
    SettingInfo("reminders", "remind opted-in members a day before each round", "on or off"),
)
_ALIASES = {
    "lookback": "lookback",
    "checkin": "checkin_days",
    "check-in": "checkin_days",
    "checkin-days": "checkin_days",
    "odd": "odd_policy",
    "odd-policy": "odd_policy",
    "only-real-matches": "only_real_matches",
    "real-match": "only_real_matches",
    "reminders": "reminders",
}


def round_settings(settings: CommunitySettings) -> RoundSettings:
    raw = settings.extra.get(SETTINGS_KEY)
    if not isinstance(raw, dict):
        return RoundSettings()
    known = {f.name for f in dataclasses.fields(RoundSettings)}
    values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
    if "odd_policy" in values:
        values["odd_policy"] = OddMemberPolicy(values["odd_policy"])
    return RoundSettings(**values)


def with_round_settings(settings: CommunitySettings, rounds: RoundSettings) -> CommunitySettings:
    stored = dataclasses.asdict(rounds)
    stored["odd_policy"] = rounds.odd_policy.value
    return dataclasses.replace(settings, extra={**settings.extra, SETTINGS_KEY: stored})


def change_setting(current: RoundSettings, key: str, value: str) -> RoundSettings:
    """``current`` with one setting changed from the words a manager typed."""
    field = _ALIASES.get(key.strip().lower())
    if field is None:
        names = ", ".join(info.key for info in SETTING_INFO)
        raise UserError(f"“{key}” is not a round setting; the settings are {names}.")
    word = value.strip().lower()
    parsed: Any
    if field == "lookback":
        parsed = _number(word, "lookback", 1, 52)
    elif field == "checkin_days":
        parsed = _number(word, "checkin", 1, 30)
    elif field == "odd_policy":
        try:
            parsed = OddMemberPolicy(word)
        except ValueError:
            raise UserError("The odd member policy is trio (join a group of three) or wait.") from None
    else:
        parsed = _switch(word, key)
    return dataclasses.replace(current, **{field: parsed})


def describe_settings(settings: RoundSettings) -> list[tuple[str, str]]:
    return [
        ("lookback", f"{settings.lookback} rounds"),
        ("checkin", f"{settings.checkin_days} days after a round"),
        ("odd", settings.odd_policy.value),
        ("only-real-matches", "on" if settings.only_real_matches else "off"),
        ("reminders", "on" if settings.reminders else "off"),
    ]


def _number(word: str, key: str, low: int, high: int) -> int:
    number = whole_number(word, maximum=high)
    if number is None or number < low:
        raise UserError(f"The {key} setting takes a whole number from {low} to {high}.")
    return number


def _switch(word: str, key: str) -> bool:
    if word in {"on", "yes", "true", "1"}:
        return True
    if word in {"off", "no", "false", "0"}:
        return False
    raise UserError(f"The {key} setting is on or off.")
