"""Who takes part in a community's match rounds: opted in, paused until, skipping, waiting first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.domain.models import PostKind, PostStatus
from bot.domain.round_records import Participant
from bot.storage.schema import posts, profiles, round_participants
from bot.storage.sql.scoped import Scoped

_rp = round_participants


class SqlParticipantRepository(Scoped):
    async def get(self, member_id: str) -> Participant | None:
        row = (
            await self._db.execute(sa.select(_rp).where(self._tenant(_rp), _rp.c.member_id == member_id))
        ).first()
        return _participant(row._mapping) if row else None

    async def save(self, participant: Participant, now: datetime) -> None:
        values = {
            "opted_in": participant.opted_in,
            "paused_until": participant.paused_until,
            "skip_next": participant.skip_next,
            "waiting": participant.waiting,
            "updated_at": now,
        }
        updated = await self._db.execute(
            _rp.update().where(self._tenant(_rp), _rp.c.member_id == participant.member_id).values(**values)
        )
        if not updated.rowcount:
            await self._db.execute(
                _rp.insert().values(**self._tenant_values(), member_id=participant.member_id, **values)
            )

    async def eligible(self, now: datetime) -> list[Participant]:
        """Opted in, not paused, with a profile: who a round would match now (skippers included)."""
        rows = (
            await self._db.execute(
                sa.select(_rp)
                .join(
                    profiles,
                    sa.and_(
                        profiles.c.platform == _rp.c.platform,
                        profiles.c.community_id == _rp.c.community_id,
                        profiles.c.member_id == _rp.c.member_id,
                    ),
                )
                .where(
                    self._tenant(_rp),
                    _rp.c.opted_in.is_(True),
                    sa.or_(_rp.c.paused_until.is_(None), _rp.c.paused_until <= now),
                )
                .order_by(_rp.c.member_id)
            )
        ).all()
        return [_participant(row._mapping) for row in rows]

    async def pauses_ended(self, now: datetime) -> list[Participant]:
        rows = (
            await self._db.execute(
                sa.select(_rp).where(
                    self._tenant(_rp), _rp.c.paused_until.is_not(None), _rp.c.paused_until <= now
                )
            )
        ).all()
        return [_participant(row._mapping) for row in rows]

    async def set_flags(self, member_ids: Sequence[str], now: datetime, **flags: bool | None) -> None:
        """Set ``skip_next``/``waiting``/``paused_until`` for many members in one statement."""
        if member_ids:
            await self._db.execute(
                _rp.update()
                .where(self._tenant(_rp), _rp.c.member_id.in_(list(member_ids)))
                .values(updated_at=now, **flags)
            )

    async def open_posts_by_author(self, now: datetime) -> dict[str, list[tuple[PostKind, str]]]:
        """Every open offer and need (private needs included: they are for matching), by author."""
        rows = (
            await self._db.execute(
                sa.select(posts.c.author_id, posts.c.kind, posts.c.text)
                .where(self._tenant(posts), posts.c.status == PostStatus.OPEN.value, posts.c.expires_at > now)
                .order_by(posts.c.post_id)
            )
        ).all()
        found: dict[str, list[tuple[PostKind, str]]] = {}
        for row in rows:
            found.setdefault(row.author_id, []).append((PostKind(row.kind), row.text))
        return found

    async def count_opted_in(self) -> int:
        total = await self._db.scalar(
            sa.select(sa.func.count()).select_from(_rp).where(self._tenant(_rp), _rp.c.opted_in.is_(True))
        )
        return int(total or 0)


def _participant(m: Any) -> Participant:
    return Participant(
        member_id=m["member_id"],
        opted_in=bool(m["opted_in"]),
        paused_until=m["paused_until"],
        skip_next=bool(m["skip_next"]),
        waiting=bool(m["waiting"]),
    )
