"""Process settings from the environment and `.env` (pydantic-settings); community settings live in the DB."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./partnerbot.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default=DEFAULT_DATABASE_URL)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    discord_token: str = ""
    discord_dev_guild_id: str = ""
    discord_sync_commands: bool = False  # publish commands globally at start (`run --sync-commands`)
    discord_shard_ids: str = ""  # e.g. "0,1": the shards this process runs; empty: all
    discord_shard_count: int | None = None  # total shards; None: Discord's recommendation

    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_base_url: str = "https://slack.com/api/"
    slack_http_port: int = 3000
    # A Slack user group id (S0123ABC) whose members manage the community; empty = workspace admins/owners.
    slack_manager_usergroup: str = ""

    outbox_rate_per_second: float = 5.0
    # Seconds an outbox worker holds a claim; a worker that dies releases its messages after this.
    outbox_lease_seconds: float = 60.0

    # A scheduled round missed while the bot was down runs on start if at most this late, else is skipped.
    rounds_grace_hours: float = 6.0
    # Seconds a round run holds its community's lease; a crashed run's round resumes after this.
    rounds_lease_seconds: float = 600.0

    # /healthz for container and load-balancer probes; port 0 turns it off.
    health_host: str = "127.0.0.1"
    health_port: int = 8080
