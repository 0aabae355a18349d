"""Fixtures of the storage contract suite: every test runs on SQLite and on a real Postgres server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from _pytest.terminal import TerminalReporter

from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.unit_of_work import SqlStorage
from tests.support.databases import BACKENDS, backend_database


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with backend_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def storage(db_url: str) -> AsyncIterator[SqlStorage]:
    engine = create_engine(db_url)
    await upgrade_to_head(engine)
    try:
        yield SqlStorage(engine)
    finally:
        await engine.dispose()


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    # A skipped Postgres half must be impossible to miss in CI output.
    reasons = {
        str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        for report in terminalreporter.stats.get("skipped", [])
    }
    banners = sorted(r for r in reasons if "POSTGRES TESTS SKIPPED" in r)
    for banner in banners:
        terminalreporter.write_sep("!", banner.removeprefix("Skipped: "), red=True, bold=True)
