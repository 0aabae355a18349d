"""Read-only tallies of one community for /community stats: profiles and the skills on offer and in need."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.domain.models import PostKind, PostStatus
from bot.storage.schema import posts, profiles
from bot.storage.sql.scoped import Scoped


class SqlCommunityStats(Scoped):
    async def count_profiles(self) -> int:
        total = await self._db.scalar(
            sa.select(sa.func.count()).select_from(profiles).where(self._tenant(profiles))
        )
        return int(total or 0)

    async def profile_skills(self) -> list[tuple[str, list[str], str, str]]:
        """(member, skills, strengths text, looking-for text) of every profile."""
        rows = (
            await self._db.execute(
                sa.select(
                    profiles.c.member_id, profiles.c.skills, profiles.c.strengths, profiles.c.looking_for
                ).where(self._tenant(profiles))
            )
        ).all()
        return [(row[0], list(row[1]), row[2], row[3]) for row in rows]

    async def open_post_tags(self, now: datetime) -> list[tuple[str, PostKind, list[str]]]:
        """(author, kind, tags) of every open post."""
        rows = (
            await self._db.execute(
                sa.select(posts.c.author_id, posts.c.kind, posts.c.tags).where(
                    self._tenant(posts), posts.c.status == PostStatus.OPEN.value, posts.c.expires_at > now
                )
            )
        ).all()
        return [(row[0], PostKind(row[1]), list(row[2])) for row in rows]
