"""/community setup: the platform ids a community's managers give (channels, manager role)."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.models import Actor
from bot.domain.text import SHORT_FIELD_MAX_CHARS, clean_text
from bot.services.members import ensure_member
from bot.services.reply import Field, Reply
from bot.storage.protocols import Storage

SETUP_KEYS = {
    "intro_channel": "where new intros are announced",
    "board_channel": "where offers and needs are posted",
    "matches_channel": "where round announcements go",
    "manager_role": "the role whose holders manage the bot",
}


class CommunitySetupService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def setup(self, actor: Actor, key: str = "", value: str = "") -> Reply:
        name = key.strip().lower().replace("-", "_")
        if name and name not in SETUP_KEYS:
            raise UserError(f"“{key}” is not a setup key; use one of {', '.join(SETUP_KEYS)}.")
        if name and not value.strip():
            raise UserError(f"Please give the id for {name}, e.g. /community setup {name} 1234567890.")
        async with self._storage.transaction(actor.community) as uow:
            await ensure_member(uow, actor, self._clock.now())
            settings = await uow.communities.settings()
            if name:
                clean = clean_text(value, what=name, max_chars=SHORT_FIELD_MAX_CHARS)
                if any(ch.isspace() for ch in clean):
                    raise UserError(f"An id has no spaces; “{clean}” does not look like one.")
                changes: dict[str, Any] = {name: clean}
                settings = dataclasses.replace(settings, **changes)
                await uow.communities.save_settings(settings)
        fields = tuple(Field(k, getattr(settings, k) or "not set", inline=True) for k in SETUP_KEYS)
        text = f"Saved {name}." if name else "Community setup (change with /community setup <key> <id>):"
        return Reply(title="Community setup", text=text, fields=fields)
