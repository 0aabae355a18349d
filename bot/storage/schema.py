"""The whole schema in one place: every table (defined by area under bot.storage.tables) and which
tables hold a member's data."""

from __future__ import annotations

from bot.storage.tables.base import UTCDateTime, metadata
from bot.storage.tables.core import communities, members, outbox, post_terms, posts, profiles
from bot.storage.tables.intros import blocks, intro_requests
from bot.storage.tables.rounds import leases, round_members, round_participants, round_schedules, rounds

__all__ = [
    "MEMBER_SCOPED_TABLES",
    "UTCDateTime",
    "blocks",
    "communities",
    "intro_requests",
    "leases",
    "members",
    "metadata",
    "outbox",
    "post_terms",
    "posts",
    "profiles",
    "round_members",
    "round_participants",
    "round_schedules",
    "rounds",
]

MEMBER_SCOPED_TABLES: dict[str, tuple[str, ...]] = {
    "members": ("member_id",),
    "profiles": ("member_id",),
    "posts": ("author_id",),
    "round_members": ("member_id",),
    "round_participants": ("member_id",),
    "intro_requests": ("requester_id", "member_a", "member_b"),
    # Only the blocks a member made are theirs to export; rows naming them as blocked would tell
    # them who blocked them. Deleting the member removes both kinds (FK ON DELETE CASCADE).
    "blocks": ("blocker_id",),
    # The schedule outlives the manager who set it: deleting them clears set_by (NULL), not the row.
    "round_schedules": ("set_by",),
}
"""Tables holding a member's data and the columns naming them; privacy export/delete walk these."""
