"""`partnerbot db backup`: a consistent copy of a live SQLite database; the pg_dump line for Postgres."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.db_backup import run_backup
from bot.config import Settings
from bot.domain.models import CommunityRef, Member
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.unit_of_work import SqlStorage
from tests.delivery.conftest import T0

ACME = CommunityRef("slack", "T-ACME")


def _settings(url: str) -> Settings:
    return Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]


async def _members(url: str) -> int:
    engine = create_engine(url)
    try:
        async with SqlStorage(engine).transaction(ACME) as uow:
            return await uow.members.count()
    finally:
        await engine.dispose()


async def test_backup_of_a_database_in_use_restores_its_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/live.db"
    engine = create_engine(url)
    await upgrade_to_head(engine)
    storage = SqlStorage(engine)
    async with storage.transaction(ACME) as uow:
        await uow.communities.ensure("Acme", T0)
        for i in range(50):
            await uow.members.add(Member(f"m{i}", f"Member {i}", T0))
    try:
        # The bot keeps its connection open while the backup runs.
        async with engine.connect():
            assert await run_backup(_settings(url), str(tmp_path / "copies" / "b.db")) == 0
    finally:
        await engine.dispose()
    assert "Backed up" in capsys.readouterr().out
    assert await _members(f"sqlite+aiosqlite:///{tmp_path}/copies/b.db") == 50


async def test_backup_never_overwrites_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "b.db"
    existing.write_text("precious")
    url = f"sqlite+aiosqlite:///{tmp_path}/live.db"
    assert await run_backup(_settings(url), str(existing)) == 1
    assert existing.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err


async def test_postgres_backup_prints_the_pg_dump_command(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+asyncpg://bot:secret@db.internal:5433/partnerbot"
    assert await run_backup(_settings(url), "/backups/pb.dump") == 0
    out = capsys.readouterr().out
    command = "pg_dump --format=custom --file=/backups/pb.dump --host=db.internal --port=5433 --username=bot"
    assert f"{command} partnerbot" in out
    assert "secret" not in out
