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
    """Workspace owners and admins manage; when a user group is chosen, owners and that group do.

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
        self._people: dict[tuple[str, str, str], tuple[float, Person]] = {}
        self._group_members: dict[str, tuple[float, frozenset[str] | None]] = {}

    async def person(self, team: str, user: str, fallback_name: str = "", manager_group: str = "") -> Person:
        """``manager_group`` (the community's own choice, from /community setup) beats the setting."""
        group = manager_group.strip() or self._group
        cached = self._people.get((team, user, group))
        if cached and self._now() - cached[0] < self._ttl:
            return cached[1]
        info = await self._user_info(user)
        name = _display_name(info) or fallback_name or user
        # Owners always manage, so that no choice of group can lock a workspace out of its bot.
        is_owner = bool(info.get("is_owner") or info.get("is_primary_owner"))
        if not _one_of_ours(info, team):
            is_manager = False  # an admin of another org (Slack Connect) or a guest manages nothing here
        elif group and (members := await self._group_users(group)) is not None:
            is_manager = is_owner or user in members
        else:  # no group, or one the bot cannot read (no usergroups:read): admins, so nobody is locked out
            is_manager = is_owner or bool(info.get("is_admin"))
        person = Person(name, is_manager)
        if info:
            self._people[(team, user, group)] = (self._now(), person)
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

    async def _group_users(self, group: str) -> frozenset[str] | None:
        """The group's members, or None when Slack will not say (then admins and owners manage)."""
        cached = self._group_members.get(group)
        if cached and self._now() - cached[0] < self._ttl:
            return cached[1]
        users: frozenset[str] | None
        try:
            response = await self._client.usergroups_users_list(usergroup=group)
            users = frozenset(str(u) for u in response.get("users") or [])
        except SlackApiError as error:
            # Remembered like an answer, so the warning comes once per cache period, not per command.
            log.warning(
                "cannot read manager group %s (%s; the app needs usergroups:read): "
                "workspace admins and owners manage meanwhile",
                group,
                error.response.get("error"),
            )
            users = None
        self._group_members[group] = (self._now(), users)
        return users


def _one_of_ours(info: dict[str, Any], team: str) -> bool:
    """A full member of the requesting workspace (or Enterprise Grid org): no guest, no stranger."""
    if not team or info.get("is_stranger") or info.get("is_restricted") or info.get("is_ultra_restricted"):
        return False
    grid = info.get("enterprise_user") or {}
    homes = {info.get("team_id"), grid.get("enterprise_id"), *(grid.get("teams") or [])}
    return team in homes


def _display_name(info: dict[str, Any]) -> str:
    profile = info.get("profile") or {}
    names = (profile.get("display_name"), profile.get("real_name"), info.get("real_name"), info.get("name"))
    for candidate in names:
        if candidate:
            return str(candidate)
    return ""
