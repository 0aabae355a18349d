"""Composition root: builds storage, services and the command router from settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.commands.foundation import FoundationCommands
from bot.commands.help import help_command
from bot.commands.intros import IntroCommands
from bot.commands.registry import CommandRouter
from bot.config import Settings
from bot.domain.clock import Clock, SystemClock
from bot.services.blocks import BlockService
from bot.services.board import BoardService
from bot.services.digest import DigestService
from bot.services.find import FindService
from bot.services.intro_sweep import IntroSweeper
from bot.services.intros import IntroService
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.intro_due import SqlIntroDue
from bot.storage.sql.unit_of_work import SqlStorage


@dataclass
class Core:
    """Everything an adapter needs: the router for commands, the services, and their storage."""

    settings: Settings
    engine: AsyncEngine
    storage: SqlStorage
    clock: Clock
    profiles: ProfileService
    board: BoardService
    privacy: PrivacyService
    router: CommandRouter
    find: FindService
    intros: IntroService
    digest: DigestService
    intro_sweeper: IntroSweeper

    async def close(self) -> None:
        await self.engine.dispose()


async def open_core(settings: Settings, clock: Clock | None = None) -> Core:
    """Connect to the database, bring its schema to the latest migration, and wire the services."""
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    await upgrade_to_head(engine)
    storage = SqlStorage(engine)
    profiles = ProfileService(storage, clock)
    board = BoardService(storage, clock)
    privacy = PrivacyService(storage, clock)
    find = FindService(storage, clock)
    board.after_post = find.after_post
    intros = IntroService(storage, clock)
    digest = DigestService(storage, clock)
    foundation = FoundationCommands(profiles, board, privacy)
    intro_commands = IntroCommands(find, intros, BlockService(storage, clock), digest)
    commands = foundation.commands() + intro_commands.commands()
    commands.append(help_command(lambda: commands))
    router = CommandRouter(commands, foundation.actions() + intro_commands.actions(), foundation.forms())
    intro_sweeper = IntroSweeper(SqlIntroDue(engine), intros, digest, clock)
    return Core(
        settings, engine, storage, clock, profiles, board, privacy, router,
        find, intros, digest, intro_sweeper,
    )
