"""Discord input to core calls, pure: custom ids, modal values, command lines, actors, manager checks."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import available_timezones

from bot.domain.models import Actor, CommunityRef, CommunitySettings
from bot.services.community import SETUP_KEYS

PLATFORM = "discord"
CUSTOM_ID_MAX = 100  # Discord's limit on a component's custom_id
NONCE_MAX = 25  # Discord's limit on a message nonce
CHOICES_MAX = 25  # Discord's limit on autocomplete choices
CHOICE_MAX_CHARS = 100  # and on each choice's name and value

# A button's custom id carries the core Button's action and value, so a click needs no state.
# Buttons sent in DMs also name their server (``pb@<guild>:``): a DM click carries no guild.
BUTTON_TEMPLATE = r"pb(?:@(?P<guild>[0-9]{1,20}))?:(?P<action>[A-Za-z0-9_.\-]+):(?P<value>.*)"
_BUTTON = re.compile(BUTTON_TEMPLATE, re.DOTALL)
# A modal's custom id names the core form's submit action and which part of a split form it is.
_FORM = re.compile(r"pbform(?:@(?P<guild>[0-9]{1,20}))?:(?P<part>\d):(?P<action>[A-Za-z0-9_.\-]+)")

# Forms longer than one modal are reopened, pre-filled, through the action that first opened them.
MORE_VALUE = "more"



def community_setting(settings: CommunitySettings, key: str) -> object:
    """A /community setup value: a CommunitySettings field once the rounds feature adds it, else extra."""
    return getattr(settings, key, None) or settings.extra.get(key)


def actor_for(guild_id: int, user_id: int, display_name: str, is_manager: bool) -> Actor:
    return Actor(CommunityRef(PLATFORM, str(guild_id)), str(user_id), display_name, is_manager)


def community_for(guild_id: int | str) -> CommunityRef:
    return CommunityRef(PLATFORM, str(guild_id))


def encode_button(action: str, value: str, guild_id: int | None = None) -> str:
    """``pb:<action>:<value>``; a value too long for Discord loses trailing words (a long search)."""
    prefix = f"pb@{guild_id}:{action}:" if guild_id else f"pb:{action}:"
    room = CUSTOM_ID_MAX - len(prefix)
    if room < 0:
        raise ValueError(f"button action {action!r} is too long for a Discord custom id")
    if len(value) > room:
        cut = value[:room]
        value = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return prefix + value


def decode_button(custom_id: str) -> tuple[int | None, str, str] | None:
    """(guild id named by a DM button or None, action, value) of a partnerbot custom id."""
    match = _BUTTON.fullmatch(custom_id)
    if match is None:
        return None
    return (int(match["guild"]) if match["guild"] else None), match["action"], match["value"]


def encode_form(submit_action: str, part: int, guild_id: int | None = None) -> str:
    """``pbform:<part>:<submit action>``; a modal opened in a DM also names its server."""
    return f"pbform{f'@{guild_id}' if guild_id else ''}:{part}:{submit_action}"


def decode_form(custom_id: str) -> tuple[int | None, str, int] | None:
    """(server named by a DM modal or None, submit action, part) of a partnerbot modal id."""
    match = _FORM.fullmatch(custom_id)
    if match is None:
        return None
    return (int(match["guild"]) if match["guild"] else None), match["action"], int(match["part"])


def dm_guild_of(custom_id: str) -> int | None:
    """The server a button or modal id names (those sent in DMs do), else None."""
    decoded = decode_button(custom_id) or decode_form(custom_id)
    return decoded[0] if decoded else None


def modal_values(components: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The text inputs of a MODAL_SUBMIT payload, by custom id (action rows or labels)."""
    values: dict[str, str] = {}
    for component in components:
        if component.get("type") == 1:
            values |= modal_values(component.get("components", ()))
        elif component.get("type") == 18 and "component" in component:
            values |= modal_values([component["component"]])
        elif "custom_id" in component and isinstance(component.get("value"), str):
            values[component["custom_id"]] = component["value"]
    return values


def command_line(verb: str, *parts: str | int | None) -> str:
    """A core command line: ``/verb part part``; empty parts are skipped, whitespace folded."""
    words = [" ".join(str(p).split()) for p in parts if p is not None and str(p).strip()]
    return " ".join([f"/{verb}", *words])


def setup_lines(options: Mapping[str, int | None]) -> list[str]:
    """``/community setup <key> <id>`` for each chosen option; bare ``/community setup`` shows them."""
    lines = [command_line("community", "setup", key, options[key]) for key in SETUP_KEYS if options.get(key)]
    return lines or [command_line("community", "setup")]


def snowflake(raw: object) -> int | None:
    """An id stored by the core as int, digits or a mention (``<@&123>``); None when there is none."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        digits = re.sub(r"\D", "", raw)
        return int(digits) if digits and len(digits) <= 20 else None
    return None


def is_manager(manage_guild: bool, role_ids: Iterable[int], manager_role: object) -> bool:
    """Managers hold Manage Server, or the role the community set as its manager role."""
    role = snowflake(manager_role)
    return manage_guild or (role is not None and role in set(role_ids))


def nonce_for(key: str) -> str:
    """A Discord nonce (at most 25 characters) that stands for an outbox idempotency key."""
    return hashlib.sha256(key.encode()).hexdigest()[:NONCE_MAX]


def timezone_choices(current: str, limit: int = CHOICES_MAX) -> list[str]:
    """IANA timezones containing what was typed (``berl`` -> Europe/Berlin), prefix matches first."""
    needle = current.strip().replace(" ", "_").casefold()
    names = sorted(tz for tz in _timezones() if needle in tz.casefold())
    names.sort(key=lambda tz: not tz.casefold().split("/")[-1].startswith(needle))
    return names[:limit]


_TIMEZONES: frozenset[str] = frozenset()


def _timezones() -> frozenset[str]:
    global _TIMEZONES
    if not _TIMEZONES:
        _TIMEZONES = frozenset(tz for tz in available_timezones() if "/" in tz or tz == "UTC")
    return _TIMEZONES


def tag_choices(tags: Iterable[str], current: str, limit: int = CHOICES_MAX) -> list[str]:
    """Completions of the phrase being typed after the last comma with known tags, prefixes first.

    ``"python, pi"`` offers ``"python, pitch decks"``: what was typed before stays.
    """
    head, comma, last = current.rpartition(",")
    needle = last.strip().casefold()
    distinct = list(dict.fromkeys(t for t in tags if needle in t.casefold()))
    distinct.sort(key=lambda t: not t.casefold().startswith(needle))
    keep = f"{head.strip()}, " if comma else ""
    return [(keep + t)[:CHOICE_MAX_CHARS] for t in distinct[:limit]]
