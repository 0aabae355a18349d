"""Leases: one holder at a time across instances (two engines on one database), until expiry; on
SQLite and Postgres."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.models import CommunityRef
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.leases import SqlLeases

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TTL = timedelta(minutes=10)
HOME, OTHER = CommunityRef("slack", "T1"), CommunityRef("slack", "T2")


async def test_a_lease_has_one_holder_until_it_expires_or_is_released(db_url: str) -> None:
    first_engine, second_engine = create_engine(db_url), create_engine(db_url)
    await upgrade_to_head(first_engine)
    a, b = SqlLeases(first_engine), SqlLeases(second_engine)
    assert await a.acquire(HOME, "round", "a", NOW, TTL)
    assert not await b.acquire(HOME, "round", "b", NOW + timedelta(minutes=9), TTL)
    assert await b.acquire(OTHER, "round", "b", NOW, TTL)  # another community is not blocked
    assert await a.acquire(HOME, "round", "a", NOW + timedelta(minutes=5), TTL)  # renewal
    assert not await b.acquire(HOME, "round", "b", NOW + timedelta(minutes=14), TTL)
    assert await b.acquire(HOME, "round", "b", NOW + timedelta(minutes=15), TTL)  # a's lease ran out
    await a.release(HOME, "round", "a")  # a late release by the old holder frees nothing
    assert await b.holder(HOME, "round", NOW + timedelta(minutes=16)) == "b"
    await b.release(HOME, "round", "b")
    assert await a.acquire(HOME, "round", "a", NOW + timedelta(minutes=16), TTL)
    await first_engine.dispose()
    await second_engine.dispose()
