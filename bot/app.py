"""Composition root: builds storage, services and the command router from settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.commands.community import CommunityCommands
from bot.commands.foundation import FoundationCommands
from bot.commands.help import help_command
from bot.commands.intros import IntroCommands
from bot.commands.registry import CommandRouter
from bot.commands.rounds import RoundCommands
from bot.config import Settings
from bot.domain.clock import Clock, SystemClock
from bot.matching.engine import make_groups
from bot.scheduling.rounds import RoundScheduler
from bot.services.blocks import BlockService
from bot.services.board import BoardService
from bot.services.community import CommunitySetupService
from bot.services.digest import DigestService
from bot.services.find import FindService
from bot.services.intro_sweep import IntroSweeper
from bot.services.intros import IntroService, intro_stats
from bot.services.privacy import PrivacyService
from bot.services.profiles import ProfileService
from bot.services.rounds import RoundMemberService
from bot.services.rounds_due import RoundSweeper
from bot.services.rounds_manage import RoundManagerService
from bot.services.rounds_runner import RoundRunner
from bot.services.stats import StatsService
from bot.storage.database import create_engine, upgrade_to_head
from bot.storage.sql.due import SqlDueWork
from bot.storage.sql.intro_due import SqlIntroDue
from bot.storage.sql.leases import SqlLeases
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
    rounds: RoundMemberService
    round_managers: RoundManagerService
    round_runner: RoundRunner
    round_sweeper: RoundSweeper
    stats: StatsService
    community_setup: CommunitySetupService

    async def run_due(self, now: datetime | None = None) -> None:
        """Do the time-driven work due at ``now`` (default: the clock's time): rounds, reminders,
        check-ins, pause ends, intro expiry, digests and post-expiry reminders. The scheduler's
        sweep, the console's clock and tests call this."""
        await self.round_sweeper.run_due(now)
        await self.intro_sweeper.run_due()
        for community in await self.storage.communities():
            await self.board.remind_expiring(community)

    async def start_scheduler(self) -> RoundScheduler:
        """Catch up on missed rounds and arm APScheduler from the stored schedules (platform runs)."""
        scheduler = RoundScheduler(self.round_sweeper, SqlDueWork(self.engine), sweep=self.run_due)
        self.round_managers.schedule_listeners.append(scheduler.arm)
        await scheduler.start()
        return scheduler

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
    lease_ttl = timedelta(seconds=settings.rounds_lease_seconds)
    round_runner = RoundRunner(storage, SqlLeases(engine), clock, make_groups, lease_ttl=lease_ttl)
    round_sweeper = RoundSweeper(
        storage, SqlDueWork(engine), round_runner, clock, grace=timedelta(hours=settings.rounds_grace_hours)
    )
    rounds = RoundMemberService(storage, clock)
    round_managers = RoundManagerService(storage, clock, round_runner)
    stats = StatsService(storage, clock)
    stats.sections.append(lambda uow, window: intro_stats(uow, window.since))
    community_setup = CommunitySetupService(storage, clock)
    foundation = FoundationCommands(profiles, board, privacy)
    intro_commands = IntroCommands(find, intros, BlockService(storage, clock), digest)
    round_commands = RoundCommands(rounds, round_managers)
    community_commands = CommunityCommands(stats, community_setup)
    commands = foundation.commands() + intro_commands.commands()
    commands += round_commands.commands() + community_commands.commands()
    commands.append(help_command(lambda: commands))
    actions = foundation.actions() + intro_commands.actions() + round_commands.actions()
    router = CommandRouter(commands, actions, foundation.forms())
    intro_sweeper = IntroSweeper(SqlIntroDue(engine), intros, digest, clock)
    return Core(
        settings,
        engine,
        storage,
        clock,
        profiles,
        board,
        privacy,
        router,
        find,
        intros,
        digest,
        intro_sweeper,
        rounds=rounds,
        round_managers=round_managers,
        round_runner=round_runner,
        round_sweeper=round_sweeper,
        stats=stats,
        community_setup=community_setup,
    )
