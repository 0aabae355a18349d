"""Members of one community."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from bot.domain.models import Member
from bot.storage.schema import members
from bot.storage.sql.scoped import Scoped


class SqlMemberRepository(Scoped):
    async def get(self, member_id: str) -> Member | None:
        row = (
            await self._db.execute(
                sa.select(members).where(self._tenant(members), members.c.member_id == member_id)
            )
        ).first()
        return _member(row._mapping) if row else None

    async def get_many(self, member_ids: Sequence[str]) -> dict[str, Member]:
        if not member_ids:
            return {}
        rows = (
            await self._db.execute(
                sa.select(members).where(
                    self._tenant(members), members.c.member_id.in_(list(set(member_ids)))
                )
            )
        ).all()
        return {row.member_id: _member(row._mapping) for row in rows}

    async def add(self, member: Member) -> None:
        await self._db.execute(
            members.insert().values(
                **self._tenant_values(),
                member_id=member.member_id,
                display_name=member.display_name,
                joined_at=member.joined_at,
                findable=member.findable,
            )
        )

    async def rename(self, member_id: str, display_name: str) -> None:
        await self._db.execute(
            members.update()
            .where(self._tenant(members), members.c.member_id == member_id)
            .values(display_name=display_name)
        )

    async def find_by_name(self, name: str) -> list[Member]:
        """Members whose display name is ``name`` ignoring case, else those it starts."""
        folded = name.strip().casefold()
        rows = (
            await self._db.execute(
                sa.select(members).where(
                    self._tenant(members),
                    sa.func.lower(members.c.display_name).startswith(folded, autoescape=True),
                )
            )
        ).all()
        found = [_member(row._mapping) for row in rows]
        exact = [m for m in found if m.display_name.casefold() == folded]
        return exact or found

    async def delete(self, member_id: str) -> None:
        await self._db.execute(
            members.delete().where(self._tenant(members), members.c.member_id == member_id)
        )

    async def count(self) -> int:
        total = await self._db.scalar(
            sa.select(sa.func.count()).select_from(members).where(self._tenant(members))
        )
        return int(total or 0)


def _member(row: Any) -> Member:
    return Member(
        member_id=row["member_id"],
        display_name=row["display_name"],
        joined_at=row["joined_at"],
        findable=bool(row["findable"]),
    )
