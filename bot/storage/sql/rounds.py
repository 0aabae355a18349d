"""Rounds of one community: the schedule row, rounds through their states, and members' places."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.domain.round_records import Answer, NoReason, Placement, Round, StoredSchedule, Trigger
from bot.domain.rounds import Cadence, RoundState, Schedule, parse_clock_time
from bot.storage.schema import round_members, round_schedules, rounds
from bot.storage.sql.scoped import Scoped

PENDING_STATES = (RoundState.SCHEDULED.value, RoundState.MATCHED.value)
SENT_STATES = (
    RoundState.DELIVERING.value,
    RoundState.DELIVERED.value,
    RoundState.CHECKED_IN.value,
    RoundState.CLOSED.value,
)


class SqlScheduleRepository(Scoped):
    async def get(self) -> StoredSchedule | None:
        row = (
            await self._db.execute(sa.select(round_schedules).where(self._tenant(round_schedules)))
        ).first()
        if row is None:
            return None
        m = row._mapping
        schedule = Schedule(
            Cadence(m["cadence"]),
            m["weekday"],
            parse_clock_time(m["at_time"]),
            m["timezone"],
            m["group_size"],
        )
        # NULL once the manager who set it deleted their data: "" means nobody to notify.
        set_by = m["set_by"] or ""
        return StoredSchedule(schedule, m["next_run_at"], m["anchor_at"], m["reminded_for"], set_by)

    async def save(self, schedule: Schedule, next_run_at: datetime, set_by: str, now: datetime) -> None:
        values = {
            "cadence": schedule.cadence.value,
            "weekday": schedule.weekday,
            "at_time": schedule.at.strftime("%H:%M"),
            "timezone": schedule.timezone,
            "group_size": schedule.group_size,
            "next_run_at": next_run_at,
            "anchor_at": next_run_at,
            "reminded_for": None,
            "set_by": set_by,
            "updated_at": now,
        }
        await self.delete()
        await self._db.execute(round_schedules.insert().values(**self._tenant_values(), **values))

    async def delete(self) -> None:
        await self._db.execute(round_schedules.delete().where(self._tenant(round_schedules)))

    async def forget_setter(self, member_id: str) -> None:
        """Keep the schedule running but stop naming the manager who set it (they deleted their data)."""
        await self._db.execute(
            round_schedules.update()
            .where(self._tenant(round_schedules), round_schedules.c.set_by == member_id)
            .values(set_by=None)
        )

    async def advance(self, next_run_at: datetime) -> None:
        await self._update(next_run_at=next_run_at)

    async def advance_from(self, current: datetime, next_run_at: datetime) -> bool:
        result = await self._db.execute(
            round_schedules.update()
            .where(self._tenant(round_schedules), round_schedules.c.next_run_at == current)
            .values(next_run_at=next_run_at)
        )
        return bool(result.rowcount)

    async def mark_reminded(self, slot: datetime) -> None:
        await self._update(reminded_for=slot)

    async def _update(self, **values: Any) -> None:
        await self._db.execute(round_schedules.update().where(self._tenant(round_schedules)).values(**values))


class SqlRoundRepository(Scoped):
    async def create(
        self,
        state: RoundState,
        trigger: Trigger,
        slot: datetime | None,
        group_size: int,
        now: datetime,
        note: str = "",
    ) -> Round:
        result = await self._db.execute(
            rounds.insert().values(
                **self._tenant_values(),
                state=state.value,
                trigger=trigger.value,
                slot=slot,
                group_size=group_size,
                created_at=now,
                note=note,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        round_id = int(key[0])
        return Round(round_id, state, trigger, slot, group_size, now, note=note)

    async def get(self, round_id: int) -> Round | None:
        row = (
            await self._db.execute(
                sa.select(rounds).where(self._tenant(rounds), rounds.c.round_id == round_id)
            )
        ).first()
        return _round(row._mapping) if row else None

    async def pending(self) -> Round | None:
        """The round not yet sent (scheduled or matched, e.g. a manager's preview), if any."""
        row = (
            await self._db.execute(
                sa.select(rounds)
                .where(self._tenant(rounds), rounds.c.state.in_(PENDING_STATES))
                .order_by(rounds.c.round_id.desc())
                .limit(1)
            )
        ).first()
        return _round(row._mapping) if row else None

    async def in_state(self, state: RoundState) -> list[Round]:
        rows = (
            await self._db.execute(
                sa.select(rounds)
                .where(self._tenant(rounds), rounds.c.state == state.value)
                .order_by(rounds.c.round_id)
            )
        ).all()
        return [_round(row._mapping) for row in rows]

    async def sent(self, limit: int) -> list[Round]:
        """The latest ``limit`` rounds that went out, newest first."""
        rows = (
            await self._db.execute(
                sa.select(rounds)
                .where(self._tenant(rounds), rounds.c.state.in_(SENT_STATES))
                .order_by(rounds.c.round_id.desc())
                .limit(limit)
            )
        ).all()
        return [_round(row._mapping) for row in rows]

    async def set_state(self, round_id: int, state: RoundState, **stamps: datetime | str | None) -> None:
        """Move a round to ``state``, with the timestamps of that step (e.g. ``delivered_at``)."""
        await self._db.execute(
            rounds.update()
            .where(self._tenant(rounds), rounds.c.round_id == round_id)
            .values(state=state.value, **stamps)
        )

    async def forget_runner(self, member_id: str) -> None:
        """Clear a deleted member from the rounds they ran."""
        await self._db.execute(
            rounds.update().where(self._tenant(rounds), rounds.c.ran_by == member_id).values(ran_by=None)
        )

    async def delete(self, round_id: int) -> None:
        await self._db.execute(rounds.delete().where(self._tenant(rounds), rounds.c.round_id == round_id))

    async def placements(self, round_id: int) -> list[Placement]:
        rows = (
            await self._db.execute(
                sa.select(round_members)
                .where(self._tenant(round_members), round_members.c.round_id == round_id)
                .order_by(round_members.c.group_no, round_members.c.member_id)
            )
        ).all()
        return [_placement(row._mapping) for row in rows]

    async def placements_of_rounds(self, round_ids: Sequence[int]) -> dict[int, list[Placement]]:
        found: dict[int, list[Placement]] = {round_id: [] for round_id in round_ids}
        if not round_ids:
            return found
        rows = (
            await self._db.execute(
                sa.select(round_members).where(
                    self._tenant(round_members), round_members.c.round_id.in_(round_ids)
                )
            )
        ).all()
        for row in rows:
            found[row.round_id].append(_placement(row._mapping))
        return found

    async def replace_placements(self, round_id: int, placements: Sequence[Placement]) -> None:
        await self._db.execute(
            round_members.delete().where(self._tenant(round_members), round_members.c.round_id == round_id)
        )
        if placements:
            await self._db.execute(
                round_members.insert(),
                [
                    {
                        **self._tenant_values(),
                        "round_id": round_id,
                        "member_id": p.member_id,
                        "group_no": p.group_no,
                        "score": p.score,
                        "reasons": list(p.reasons),
                        "starter": p.starter,
                        "is_repeat": p.is_repeat,
                        "left_out_reason": p.left_out_reason,
                        "odd_one_out": p.odd_one_out,
                    }
                    for p in placements
                ],
            )

    async def record_answer(
        self, round_id: int, member_id: str, answer: Answer, no_reason: NoReason | None, at: datetime
    ) -> None:
        await self._db.execute(
            round_members.update()
            .where(
                self._tenant(round_members),
                round_members.c.round_id == round_id,
                round_members.c.member_id == member_id,
            )
            .values(answer=answer.value, no_reason=no_reason.value if no_reason else None, answered_at=at)
        )

    async def count_by_state(self) -> dict[str, int]:
        rows = (
            await self._db.execute(
                sa.select(rounds.c.state, sa.func.count())
                .where(self._tenant(rounds))
                .group_by(rounds.c.state)
            )
        ).all()
        return {state: int(count) for state, count in rows}


def _round(m: Any) -> Round:
    return Round(
        round_id=m["round_id"],
        state=RoundState(m["state"]),
        trigger=Trigger(m["trigger"]),
        slot=m["slot"],
        group_size=m["group_size"],
        created_at=m["created_at"],
        delivered_at=m["delivered_at"],
        next_step_at=m["next_step_at"],
        note=m["note"],
        ran_by=m["ran_by"],
    )


def _placement(m: Any) -> Placement:
    return Placement(
        member_id=m["member_id"],
        group_no=m["group_no"],
        score=float(m["score"]),
        reasons=tuple(m["reasons"]),
        starter=m["starter"],
        is_repeat=bool(m["is_repeat"]),
        left_out_reason=m["left_out_reason"],
        odd_one_out=bool(m["odd_one_out"]),
        answer=Answer(m["answer"]) if m["answer"] else None,
        no_reason=NoReason(m["no_reason"]) if m["no_reason"] else None,
    )
