"""Rules of a partnership profile: its fields, their limits, and how typed answers become a Profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.domain.errors import UserError
from bot.domain.models import Profile
from bot.domain.text import (
    PROFILE_FIELD_MAX_CHARS,
    SHORT_FIELD_MAX_CHARS,
    clean_text,
    normalise_tags,
)


@dataclass(frozen=True, slots=True)
class ProfileQuestion:
    key: str
    label: str
    prompt: str
    max_chars: int
    multiline: bool = True
    required: bool = False


PROFILE_QUESTIONS: tuple[ProfileQuestion, ...] = (
    ProfileQuestion(
        "headline",
        "Headline",
        "Who you are in one line",
        SHORT_FIELD_MAX_CHARS,
        multiline=False,
        required=True,
    ),
    ProfileQuestion(
        "working_on",
        "What I am working on",
        "What needs to be done: your current goal or project",
        PROFILE_FIELD_MAX_CHARS,
        required=True,
    ),
    ProfileQuestion(
        "looking_for",
        "What others can do for me",
        "The help, skills or partners you are looking for",
        PROFILE_FIELD_MAX_CHARS,
        required=True,
    ),
    ProfileQuestion(
        "strengths",
        "What I do better than anyone I know",
        "Your strongest skills",
        PROFILE_FIELD_MAX_CHARS,
    ),
    ProfileQuestion(
        "unique_edge",
        "What only I can do",
        "Access, experience or assets nobody else has",
        PROFILE_FIELD_MAX_CHARS,
    ),
    ProfileQuestion(
        "skills",
        "Skills",
        "Comma-separated, e.g. python, pitch decks",
        SHORT_FIELD_MAX_CHARS * 2,
        multiline=False,
    ),
    ProfileQuestion("timezone", "Timezone", "IANA name, e.g. Europe/Berlin", 64, multiline=False),
    ProfileQuestion(
        "languages",
        "Languages",
        "Comma-separated, e.g. English, Portuguese",
        SHORT_FIELD_MAX_CHARS,
        multiline=False,
    ),
    ProfileQuestion(
        "links",
        "Links",
        "Website or portfolio URLs, comma-separated",
        SHORT_FIELD_MAX_CHARS * 2,
        multiline=False,
    ),
)

_QUESTIONS_BY_KEY = {q.key: q for q in PROFILE_QUESTIONS}


def build_profile(member_id: str, answers: dict[str, str], now: datetime) -> Profile:
    """A Profile from the answers to PROFILE_QUESTIONS; UserError names the first bad answer."""
    unknown = set(answers) - set(_QUESTIONS_BY_KEY)
    if unknown:
        raise UserError(f"The intro form has no field called {sorted(unknown)[0]!r}.")
    text = {
        q.key: clean_text(answers.get(q.key, ""), what=q.label, max_chars=q.max_chars, required=q.required)
        for q in PROFILE_QUESTIONS
    }
    return Profile(
        member_id=member_id,
        headline=text["headline"],
        working_on=text["working_on"],
        looking_for=text["looking_for"],
        strengths=text["strengths"],
        unique_edge=text["unique_edge"],
        skills=normalise_tags(text["skills"]),
        timezone=parse_timezone(text["timezone"]) if text["timezone"] else None,
        languages=tuple(dict.fromkeys(p.strip().title() for p in text["languages"].split(",") if p.strip())),
        links=parse_links(text["links"]),
        updated_at=now,
    )


def profile_answers(profile: Profile | None) -> dict[str, str]:
    """The form answers that would rebuild ``profile``; pre-fills the form when editing."""
    if profile is None:
        return {}
    return {
        "headline": profile.headline,
        "working_on": profile.working_on,
        "looking_for": profile.looking_for,
        "strengths": profile.strengths,
        "unique_edge": profile.unique_edge,
        "skills": ", ".join(profile.skills),
        "timezone": profile.timezone or "",
        "languages": ", ".join(profile.languages),
        "links": ", ".join(profile.links),
    }


# Files of the tz database that are no place: the server's own zone, tzdata's placeholder, a
# POSIX fallback. A community or member in "localtime" would follow whatever the server is set to.
_NOT_PLACES = frozenset({"localtime", "factory", "posixrules"})


def parse_timezone(name: str) -> str:
    """An IANA timezone name, matched without regard to case; UserError with a hint otherwise."""
    candidate = name.strip().replace(" ", "_")
    if candidate.casefold() not in _NOT_PLACES:
        try:
            ZoneInfo(candidate)
            return candidate
        except (ZoneInfoNotFoundError, ValueError):
            pass
    folded = {tz.casefold(): tz for tz in available_timezones() if tz.casefold() not in _NOT_PLACES}
    if candidate.casefold() in folded:
        return folded[candidate.casefold()]
    raise UserError(
        f"“{name}” is not a timezone I know; use an IANA name such as Europe/Berlin, "
        "America/New_York or Asia/Kolkata."
    )


def parse_links(raw: str) -> tuple[str, ...]:
    links: list[str] = []
    for part in raw.replace(",", " ").split():
        url = urlparse(part)
        if url.scheme not in {"http", "https"} or not url.netloc:
            raise UserError(f"“{part}” is not a web link; links start with https://.")
        if part not in links:
            links.append(part)
    return tuple(links)
