"""Member names at the start of a command's arguments: quoted, mentioned, or as many words as fit."""

from __future__ import annotations

import re

from bot.domain.errors import UserError
from bot.domain.models import Member
from bot.services.members import resolve_member
from bot.storage.protocols import UnitOfWork

MAX_NAME_WORDS = 4
_QUOTED = re.compile(r"\s*[\"“”]([^\"“”]+)[\"“”]\s*(.*)", re.DOTALL)
# A platform mention that reached the core unresolved: Discord <@123> / <@!123>, Slack <@U123|name>.
_MENTION = re.compile(r"\s*<@!?([\w.-]+)(?:\|[^>]*)?>\s*(.*)", re.DOTALL)


async def take_member(uow: UnitOfWork, text: str, usage: str) -> tuple[Member, str]:
    """The member named first in ``text`` and the rest of it.

    "Ana Lima why..." finds "Ana Lima" when a member has exactly that name, else "Ana";
    quotes ("Ana Lima") or a mention make it unambiguous.
    """
    if not text.strip():
        raise UserError(f"Please name a member. Usage: {usage}")
    for pattern in (_QUOTED, _MENTION):
        match = pattern.match(text)
        if match:
            return await resolve_member(uow, match.group(1)), match.group(2).strip()
    words = text.split()
    for count in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        candidate = " ".join(words[:count])
        by_id = await uow.members.get(candidate)
        if by_id is not None:
            return by_id, " ".join(words[count:])
        exact = [
            m
            for m in await uow.members.find_by_name(candidate)
            if m.display_name.casefold() == candidate.casefold()
        ]
        if len(exact) == 1:
            return exact[0], " ".join(words[count:])
    return await resolve_member(uow, words[0]), " ".join(words[1:])
