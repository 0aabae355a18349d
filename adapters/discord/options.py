"""`partnerbot run` options of the Discord adapter (command sync, sharding); no discord import here."""

from __future__ import annotations

import argparse

from bot.config import Settings


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sync-commands",
        action="store_true",
        help="publish the application commands globally (production; takes up to an hour to show)",
    )
    parser.add_argument(
        "--shard-ids", default="", help="comma-separated shard ids this process runs, e.g. 0,1"
    )
    parser.add_argument("--shard-count", type=int, default=None, help="total shards across processes")


def apply_run_arguments(settings: Settings, args: argparse.Namespace) -> Settings:
    """Settings with the command-line choices layered over the environment's."""
    update: dict[str, object] = {}
    if getattr(args, "sync_commands", False):
        update["discord_sync_commands"] = True
    if getattr(args, "shard_ids", ""):
        update["discord_shard_ids"] = args.shard_ids
    if getattr(args, "shard_count", None) is not None:
        update["discord_shard_count"] = args.shard_count
    return settings.model_copy(update=update)


def parse_shard_ids(raw: str) -> list[int] | None:
    """``"0,1"`` as [0, 1]; empty means every shard (discord.py decides how many)."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts:
        return None
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"--shard-ids takes numbers separated by commas, not {raw!r}")
    return [int(p) for p in parts]
