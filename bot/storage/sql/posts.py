"""Offer and need posts of one community, searchable through their word index."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.domain.models import Post, PostKind, PostStatus, Visibility
from bot.storage.schema import post_terms, posts
from bot.storage.sql.scoped import Scoped

TERM_MAX_CHARS = 64


class SqlPostRepository(Scoped):
    async def add(self, post: Post, terms: Sequence[str]) -> Post:
        result = await self._db.execute(
            posts.insert()
            .values(
                **self._tenant_values(),
                author_id=post.author_id,
                kind=post.kind.value,
                text=post.text,
                tags=list(post.tags),
                visibility=post.visibility.value,
                status=post.status.value,
                created_at=post.created_at,
                expires_at=post.expires_at,
            )
            .returning(posts.c.post_id)
        )
        post_id = int(result.scalar_one())
        unique_terms = sorted({t[:TERM_MAX_CHARS] for t in terms if t})
        if unique_terms:
            await self._db.execute(
                post_terms.insert(),
                [{**self._tenant_values(), "term": t, "post_id": post_id} for t in unique_terms],
            )
        return dataclasses.replace(post, post_id=post_id)

    async def get(self, post_id: int) -> Post | None:
        row = (
            await self._db.execute(sa.select(posts).where(self._tenant(posts), posts.c.post_id == post_id))
        ).first()
        return _post(row._mapping) if row else None

    async def set_status(self, post_id: int, status: PostStatus, at: datetime) -> None:
        closed_at = None if status is PostStatus.OPEN else at
        await self._update(post_id, status=status.value, closed_at=closed_at)

    async def extend(self, post_id: int, expires_at: datetime) -> None:
        await self._update(post_id, expires_at=expires_at, reminded_at=None)

    async def mark_reminded(self, post_id: int, at: datetime) -> None:
        await self._update(post_id, reminded_at=at)

    async def _update(self, post_id: int, **values: Any) -> None:
        await self._db.execute(
            posts.update().where(self._tenant(posts), posts.c.post_id == post_id).values(**values)
        )

    async def search(
        self,
        *,
        kind: PostKind | None,
        word_prefixes: Sequence[str],
        visibility: Visibility | None,
        now: datetime,
        limit: int,
        offset: int,
        count_cap: int = 1000,
    ) -> tuple[list[Post], int]:
        """Open, unexpired posts containing every word (by prefix), newest first, and their count
        (``count_cap + 1`` when there are more than ``count_cap``)."""
        conditions = [
            self._tenant(posts),
            posts.c.status == PostStatus.OPEN.value,
            posts.c.expires_at > now,
        ]
        if kind is not None:
            conditions.append(posts.c.kind == kind.value)
        if visibility is not None:
            conditions.append(posts.c.visibility == visibility.value)
        source: sa.FromClause = posts
        if word_prefixes:
            # Start from the posts having every word (a small set, found through the term index)
            # and look each up by its key, rather than walking all posts of the community.
            hits = self._posts_with_all_words(word_prefixes)
            source = hits.join(posts, posts.c.post_id == hits.c.post_id)
        # Count no further than the cap: past it the board says "more than N", and a popular word
        # must not cost a scan of every matching post.
        capped = sa.select(posts.c.post_id).select_from(source).where(*conditions).limit(count_cap + 1)
        total = await self._db.scalar(sa.select(sa.func.count()).select_from(capped.subquery()))
        rows = (
            await self._db.execute(
                sa.select(posts)
                .select_from(source)
                .where(*conditions)
                .order_by(posts.c.created_at.desc(), posts.c.post_id.desc())
                .limit(limit)
                .offset(offset)
            )
        ).all()
        return [_post(row._mapping) for row in rows], int(total or 0)

    def _posts_with_all_words(self, prefixes: Sequence[str]) -> sa.Subquery:
        per_word = [self._posts_with_word(prefix) for prefix in prefixes]
        both = per_word[0].distinct() if len(per_word) == 1 else sa.intersect(*per_word)
        return both.subquery("hits")

    def _posts_with_word(self, prefix: str) -> sa.Select[tuple[int]]:
        # A range on the primary key (tenant, term, post) instead of LIKE: uses the index on
        # SQLite and Postgres alike, whatever the collation.
        prefix = prefix[:TERM_MAX_CHARS]
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return sa.select(post_terms.c.post_id).where(
            self._tenant(post_terms), post_terms.c.term >= prefix, post_terms.c.term < upper
        )

    async def by_author(self, author_id: str) -> list[Post]:
        rows = (
            await self._db.execute(
                sa.select(posts)
                .where(self._tenant(posts), posts.c.author_id == author_id)
                .order_by(posts.c.created_at.desc(), posts.c.post_id.desc())
            )
        ).all()
        return [_post(row._mapping) for row in rows]

    async def due_for_reminder(self, remind_before: datetime, now: datetime) -> list[Post]:
        """Open posts expiring before ``remind_before`` whose author was not yet asked."""
        rows = (
            await self._db.execute(
                sa.select(posts).where(
                    self._tenant(posts),
                    posts.c.status == PostStatus.OPEN.value,
                    posts.c.reminded_at.is_(None),
                    posts.c.expires_at > now,
                    posts.c.expires_at <= remind_before,
                )
            )
        ).all()
        return [_post(row._mapping) for row in rows]

    async def expire_overdue(self, now: datetime) -> int:
        result = await self._db.execute(
            posts.update()
            .where(
                self._tenant(posts),
                posts.c.status == PostStatus.OPEN.value,
                posts.c.expires_at <= now,
            )
            .values(status=PostStatus.EXPIRED.value, closed_at=now)
        )
        return int(result.rowcount or 0)


def _post(row: Any) -> Post:
    return Post(
        post_id=int(row["post_id"]),
        author_id=row["author_id"],
        kind=PostKind(row["kind"]),
        text=row["text"],
        tags=tuple(row["tags"]),
        visibility=Visibility(row["visibility"]),
        status=PostStatus(row["status"]),
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        reminded_at=row["reminded_at"],
        closed_at=row["closed_at"],
    )
