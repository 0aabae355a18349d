"""Partnership profiles of one community's members."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from bot.domain.models import Profile
from bot.storage.schema import profiles
from bot.storage.sql.scoped import Scoped


class SqlProfileRepository(Scoped):
    async def get(self, member_id: str) -> Profile | None:
        found = await self.get_many([member_id])
        return found.get(member_id)

    async def get_many(self, member_ids: Sequence[str]) -> dict[str, Profile]:
        rows = (
            await self._db.execute(
                sa.select(profiles).where(self._tenant(profiles), profiles.c.member_id.in_(list(member_ids)))
            )
        ).all()
        return {row.member_id: _profile(row._mapping) for row in rows}

    async def save(self, profile: Profile) -> None:
        values = {
            "headline": profile.headline,
            "working_on": profile.working_on,
            "looking_for": profile.looking_for,
            "strengths": profile.strengths,
            "unique_edge": profile.unique_edge,
            "skills": list(profile.skills),
            "timezone": profile.timezone,
            "languages": list(profile.languages),
            "links": list(profile.links),
            "updated_at": profile.updated_at,
        }
        updated = await self._db.execute(
            profiles.update()
            .where(self._tenant(profiles), profiles.c.member_id == profile.member_id)
            .values(**values)
        )
        if updated.rowcount == 0:
            await self._db.execute(
                profiles.insert().values(**self._tenant_values(), member_id=profile.member_id, **values)
            )


def _profile(row: Any) -> Profile:
    return Profile(
        member_id=row["member_id"],
        headline=row["headline"],
        working_on=row["working_on"],
        looking_for=row["looking_for"],
        strengths=row["strengths"],
        unique_edge=row["unique_edge"],
        skills=tuple(row["skills"]),
        timezone=row["timezone"],
        languages=tuple(row["languages"]),
        links=tuple(row["links"]),
        updated_at=row["updated_at"],
    )
