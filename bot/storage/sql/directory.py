"""The member directory as /find reads it: what members offer and need, in bulk and incrementally."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from bot.domain.models import Post, PostKind, PostStatus, Profile, Visibility
from bot.storage.schema import members, posts, profiles
from bot.storage.sql.posts import _post
from bot.storage.sql.profiles import _profile
from bot.storage.sql.scoped import Scoped


class SqlDirectoryRepository(Scoped):
    async def live_posts(self, expiring_after: datetime, after_post_id: int = 0) -> list[Post]:
        """Posts not closed that expire after ``expiring_after``, numbered above ``after_post_id``."""
        rows = (
            await self._db.execute(
                sa.select(posts)
                .where(
                    self._tenant(posts),
                    posts.c.post_id > after_post_id,
                    posts.c.status != PostStatus.CLOSED.value,
                    posts.c.expires_at > expiring_after,
                )
                .order_by(posts.c.post_id)
            )
        ).all()
        return [_post(row._mapping) for row in rows]

    async def last_post_id(self) -> int:
        # Walks the primary key from its end, instead of scanning the community's posts for max().
        found = await self._db.scalar(
            sa.select(posts.c.post_id).where(self._tenant(posts)).order_by(posts.c.post_id.desc()).limit(1)
        )
        return int(found or 0)

    async def profiles_since(self, since: datetime | None) -> list[Profile]:
        """Profiles saved after ``since`` (all of them when None)."""
        query = sa.select(profiles).where(self._tenant(profiles))
        if since is not None:
            query = query.where(profiles.c.updated_at > since)
        rows = (await self._db.execute(query)).all()
        return [_profile(row._mapping) for row in rows]

    async def last_profile_change(self) -> datetime | None:
        moment: datetime | None = await self._db.scalar(
            sa.select(sa.func.max(profiles.c.updated_at)).where(self._tenant(profiles))
        )
        return moment

    async def posts_by_id(self, post_ids: Sequence[int]) -> dict[int, Post]:
        if not post_ids:
            return {}
        rows = (
            await self._db.execute(
                sa.select(posts).where(self._tenant(posts), posts.c.post_id.in_(list(post_ids)))
            )
        ).all()
        return {int(row.post_id): _post(row._mapping) for row in rows}

    async def set_findable(self, member_id: str, findable: bool) -> None:
        await self._db.execute(
            members.update()
            .where(self._tenant(members), members.c.member_id == member_id)
            .values(findable=findable)
        )

    async def listed_since(self, since: datetime, now: datetime, kind: PostKind, limit: int) -> list[Post]:
        """Open board posts (listed for everyone) of one kind made since ``since``, newest first."""
        rows = (
            await self._db.execute(
                sa.select(posts)
                .where(*self._listed_since(since, now, kind))
                .order_by(posts.c.created_at.desc(), posts.c.post_id.desc())
                .limit(limit)
            )
        ).all()
        return [_post(row._mapping) for row in rows]

    async def count_listed_since(self, since: datetime, now: datetime, kind: PostKind) -> int:
        total = await self._db.scalar(
            sa.select(sa.func.count()).where(*self._listed_since(since, now, kind))
        )
        return int(total or 0)

    def _listed_since(self, since: datetime, now: datetime, kind: PostKind) -> list[sa.ColumnElement[bool]]:
        """Open posts of one kind, listed for everyone, made since ``since`` and not expired."""
        return [
            self._tenant(posts),
            posts.c.kind == kind.value,
            posts.c.status == PostStatus.OPEN.value,
            posts.c.visibility == Visibility.EVERYONE.value,
            posts.c.created_at >= since,
            posts.c.expires_at > now,
        ]
