"""Intro requests and blocks of one community."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.domain.intros import IntroKind, IntroRequest, IntroStatus
from bot.storage.schema import blocks, intro_requests
from bot.storage.sql.scoped import Scoped

_r = intro_requests.c


class SqlIntroRepository(Scoped):
    async def add(self, request: IntroRequest) -> IntroRequest:
        result = await self._db.execute(
            intro_requests.insert()
            .values(
                **self._tenant_values(),
                kind=request.kind.value,
                requester_id=request.requester_id,
                member_a=request.member_a,
                member_b=request.member_b,
                reason=request.reason,
                status=request.status.value,
                a_accepted=request.a_accepted,
                b_accepted=request.b_accepted,
                created_at=request.created_at,
                expires_at=request.expires_at,
            )
            .returning(_r.request_id)
        )
        return dataclasses.replace(request, request_id=int(result.scalar_one()))

    async def get(self, request_id: int) -> IntroRequest | None:
        row = (
            await self._db.execute(
                sa.select(intro_requests).where(self._tenant(intro_requests), _r.request_id == request_id)
            )
        ).first()
        return _request(row._mapping) if row else None

    async def save(self, request: IntroRequest) -> None:
        """Store a request's answers and outcome (its parties and reason never change)."""
        await self._db.execute(
            intro_requests.update()
            .where(self._tenant(intro_requests), _r.request_id == request.request_id)
            .values(
                status=request.status.value,
                a_accepted=request.a_accepted,
                b_accepted=request.b_accepted,
                declined_by=request.declined_by,
                decided_at=request.decided_at,
            )
        )

    async def count_open_by(self, requester_id: str, now: datetime) -> int:
        total = await self._db.scalar(
            sa.select(sa.func.count()).where(
                self._tenant(intro_requests),
                _r.requester_id == requester_id,
                _r.status == IntroStatus.PENDING.value,
                _r.expires_at > now,
            )
        )
        return int(total or 0)

    async def open_between(self, a: str, b: str, now: datetime) -> list[IntroRequest]:
        """Requests between the two members still waiting for an answer."""
        rows = (
            await self._db.execute(
                sa.select(intro_requests)
                .where(
                    self._tenant(intro_requests),
                    self._pair(a, b),
                    _r.status == IntroStatus.PENDING.value,
                    _r.expires_at > now,
                )
                .order_by(_r.request_id)
            )
        ).all()
        return [_request(row._mapping) for row in rows]

    async def last_decline(self, a: str, b: str, declined_by: Collection[str]) -> datetime | None:
        """When one of ``declined_by`` last declined an intro between ``a`` and ``b``."""
        moment: datetime | None = await self._db.scalar(
            sa.select(sa.func.max(_r.decided_at)).where(
                self._tenant(intro_requests),
                self._pair(a, b),
                _r.status == IntroStatus.DECLINED.value,
                _r.declined_by.in_(list(declined_by)),
            )
        )
        return moment

    async def overdue(self, now: datetime, limit: int = 500) -> list[IntroRequest]:
        rows = (
            await self._db.execute(
                sa.select(intro_requests)
                .where(
                    self._tenant(intro_requests),
                    _r.status == IntroStatus.PENDING.value,
                    _r.expires_at <= now,
                )
                .order_by(_r.expires_at, _r.request_id)
                .limit(limit)
            )
        ).all()
        return [_request(row._mapping) for row in rows]

    async def count_by_status(self, since: datetime) -> dict[IntroStatus, int]:
        """Requests made since ``since``, counted by where they stand now."""
        rows = (
            await self._db.execute(
                sa.select(_r.status, sa.func.count())
                .where(self._tenant(intro_requests), _r.created_at >= since)
                .group_by(_r.status)
            )
        ).all()
        return {IntroStatus(status): int(count) for status, count in rows}

    @staticmethod
    def _pair(a: str, b: str) -> sa.ColumnElement[bool]:
        return sa.or_(
            sa.and_(_r.member_a == a, _r.member_b == b), sa.and_(_r.member_a == b, _r.member_b == a)
        )


def _request(row: Any) -> IntroRequest:
    return IntroRequest(
        request_id=int(row["request_id"]),
        kind=IntroKind(row["kind"]),
        requester_id=row["requester_id"],
        member_a=row["member_a"],
        member_b=row["member_b"],
        reason=row["reason"],
        status=IntroStatus(row["status"]),
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        a_accepted=bool(row["a_accepted"]),
        b_accepted=bool(row["b_accepted"]),
        declined_by=row["declined_by"],
        decided_at=row["decided_at"],
    )


class SqlBlockRepository(Scoped):
    async def add(self, blocker_id: str, blocked_id: str, now: datetime) -> bool:
        """Record a block; False when it was already there."""
        if await self._exists(blocker_id, blocked_id):
            return False
        await self._db.execute(
            blocks.insert().values(
                **self._tenant_values(), blocker_id=blocker_id, blocked_id=blocked_id, created_at=now
            )
        )
        return True

    async def remove(self, blocker_id: str, blocked_id: str) -> bool:
        result = await self._db.execute(
            blocks.delete().where(
                self._tenant(blocks), blocks.c.blocker_id == blocker_id, blocks.c.blocked_id == blocked_id
            )
        )
        return bool(result.rowcount)

    async def between(self, a: str, b: str) -> bool:
        """Whether either member blocked the other."""
        return await self._exists(a, b) or await self._exists(b, a)

    async def related(self, member_id: str) -> set[str]:
        """Everyone the member blocked or was blocked by: they never meet through the bot."""
        rows = (
            await self._db.execute(
                sa.select(blocks.c.blocker_id, blocks.c.blocked_id).where(
                    self._tenant(blocks),
                    sa.or_(blocks.c.blocker_id == member_id, blocks.c.blocked_id == member_id),
                )
            )
        ).all()
        return {row.blocked_id if row.blocker_id == member_id else row.blocker_id for row in rows}

    async def blocked_by(self, member_id: str) -> list[str]:
        rows = await self._db.scalars(
            sa.select(blocks.c.blocked_id).where(self._tenant(blocks), blocks.c.blocker_id == member_id)
        )
        return list(rows)

    async def pairs(self) -> frozenset[frozenset[str]]:
        """Every blocked pair, unordered: what MatchInput.blocks expects."""
        rows = (
            await self._db.execute(
                sa.select(blocks.c.blocker_id, blocks.c.blocked_id).where(self._tenant(blocks))
            )
        ).all()
        return frozenset(frozenset((row.blocker_id, row.blocked_id)) for row in rows)

    async def _exists(self, blocker_id: str, blocked_id: str) -> bool:
        found = await self._db.scalar(
            sa.select(sa.func.count()).where(
                self._tenant(blocks), blocks.c.blocker_id == blocker_id, blocks.c.blocked_id == blocked_id
            )
        )
        return bool(found)
