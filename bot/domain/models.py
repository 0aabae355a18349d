"""The core's own vocabulary: communities, members, profiles and posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class CommunityRef:
    """One tenant: a Discord guild, a Slack workspace or a console demo. Every row belongs to one."""

    platform: str
    community_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.community_id}"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is asking: a member of a community, with the platform's word on whether they manage it."""

    community: CommunityRef
    member_id: str
    display_name: str
    is_manager: bool = False


@dataclass(frozen=True, slots=True)
class Member:
    member_id: str
    display_name: str
    joined_at: datetime
    findable: bool = True


@dataclass(frozen=True, slots=True)
class Profile:
    """A partnership profile: the four questions plus what helps people find and reach the member."""

    member_id: str
    headline: str = ""
    working_on: str = ""
    looking_for: str = ""
    strengths: str = ""
    unique_edge: str = ""
    skills: tuple[str, ...] = ()
    timezone: str | None = None
    languages: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    updated_at: datetime | None = None


class PostKind(StrEnum):
    OFFER = "offer"
    NEED = "need"


class Visibility(StrEnum):
    EVERYONE = "everyone"
    MATCHES_ONLY = "matches"


class PostStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Post:
    """An "I can help with X" (offer) or "I need Y" (need) post."""

    post_id: int
    author_id: str
    kind: PostKind
    text: str
    tags: tuple[str, ...]
    visibility: Visibility
    status: PostStatus
    created_at: datetime
    expires_at: datetime
    reminded_at: datetime | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CommunitySettings:
    """Per-community knobs that managers change with commands; defaults suit a new community."""

    post_expiry_days: int = 30
    expiry_reminder_days: int = 3
    # Platform ids set with /community setup; the adapters read them (empty: not set).
    intro_channel: str = ""
    board_channel: str = ""
    matches_channel: str = ""
    manager_role: str = ""
    extra: dict[str, object] = field(default_factory=dict)
