"""Who a Slack user is: display name and manager status from Slack's own facts, cached briefly."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

CACHE_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Person:
    display_name: str
    is_manager: bool


class SlackDirectory:
    """users.info (is_admin / is_owner) decides who manages, or a user group when one is configured.

    Answers are kept for a few minutes: a command must be acknowledged within 3 s, and a demoted
    admin losing manager rights a few minutes late is an acceptable trade.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        manager_usergroup: str = "",
        ttl: float = CACHE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._group = manager_usergroup.strip()
        self._ttl = ttl
        self._now = monotonic
        self._people: dict[tuple[str, str], tuple[float, Person]] = {}
        self._group_members: tuple[float, frozenset[str]] | None = None

    async def person(self, team: str, user: str, fallback_name: str = "") -> Person:
        cached = self._people.get((team, user))
        if cached and self._now() - cached[0] < self._ttl:
            return cached[1]
        info = await self._user_info(user)
        name = _display_name(info) or fallback_name or user
        if self._group:
            is_manager = user in await self._group_users()
        else:
            is_manager = any(bool(info.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))
        person = Person(name, is_manager)
        if info:
            self._people[(team, user)] = (self._now(), person)
        return person

    async def _user_info(self, user: str) -> dict[str, Any]:
        try:
            response = await self._client.users_info(user=user)
        except SlackApiError as error:
            # Fail closed: an unknown user is shown by id and never treated as a manager.
            log.warning("users.info failed for %s: %s", user, error)
            return {}
        found = response.get("user")
        return found if isinstance(found, dict) else {}

    async def _group_users(self) -> frozenset[str]:
        if self._group_members and self._now() - self._group_members[0] < self._ttl:
            return self._group_members[1]
        try:
            response = await self._client.usergroups_users_list(usergroup=self._group)
            users = frozenset(str(u) for u in response.get("users") or [])
        except SlackApiError as error:
            log.warning("usergroups.users.list failed for %s: %s", self._group, error)
            return frozenset()
        self._group_members = (self._now(), users)
        return users


def _display_name(info: dict[str, Any]) -> str:
    profile = info.get("profile") or {}
    names = (profile.get("display_name"), profile.get("real_name"), info.get("real_name"), info.get("name"))
    for candidate in names:
        if candidate:
            return str(candidate)
    return ""
