"""The `partnerbot` command: demo, console, run (platform adapters), match (CSV) and db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.config import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="partnerbot", description="Turn community members into partners.")
    sub = parser.add_subparsers(dest="command", required=True)

    from adapters.console.app import add_console_arguments

    demo = sub.add_parser("demo", help="console on a seeded demo community (no account needed)")
    add_console_arguments(demo, demo_default=True)
    console = sub.add_parser("console", help="console on the configured database")
    add_console_arguments(console, demo_default=False)

    run = sub.add_parser("run", help="start the Discord and/or Slack adapters configured in .env")
    from adapters.discord.options import add_run_arguments as add_discord_run_arguments

    add_discord_run_arguments(run)

    # The match command parses its own arguments (bot.matching.csv_command), so they are
    # passed through untouched.
    match = sub.add_parser("match", help="match members from a CSV file, print JSON groups", add_help=False)
    match.add_argument("match_args", nargs=argparse.REMAINDER)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending migrations")
    backup = db_sub.add_parser("backup", help="back up the database into FILE (SQLite online backup)")
    backup.add_argument("file", help="where to write the copy; must not exist yet")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in {"demo", "console"}:
        from adapters.console.app import run_console

        return asyncio.run(run_console(args, Settings()))
    if args.command == "match":
        from bot.matching.csv_command import run as run_match

        return run_match(args.match_args)
    if args.command == "db" and args.db_command == "backup":
        from adapters.db_backup import run_backup

        return asyncio.run(run_backup(Settings(), args.file))
    if args.command == "db":
        return asyncio.run(_db_upgrade(Settings()))
    from adapters.discord.options import apply_run_arguments as apply_discord_run_arguments
    from adapters.platforms import run_platforms

    return asyncio.run(run_platforms(apply_discord_run_arguments(Settings(), args)))


async def _db_upgrade(settings: Settings) -> int:
    from bot.storage.database import create_engine, current_revision, upgrade_to_head

    engine = create_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
        print(f"Database is at revision {await current_revision(engine)}.")
    finally:
        await engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
