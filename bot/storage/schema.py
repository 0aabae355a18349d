"""Table definitions (SQLAlchemy Core); every table is keyed by (platform, community_id)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on SQLite (which stores naive text) as on Postgres."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass a timezone-aware value")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _tenant() -> list[sa.Column[str]]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("community_id", sa.String(64), nullable=False),
    ]


def _member_fk(column: str = "member_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["platform", "community_id", column],
        ["members.platform", "members.community_id", "members.member_id"],
        ondelete="CASCADE",
    )


communities = sa.Table(
    "communities",
    metadata,
    *_tenant(),
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id"),
)

members = sa.Table(
    "members",
    metadata,
    *_tenant(),
    sa.Column("member_id", sa.String(64), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("joined_at", UTCDateTime, nullable=False),
    sa.Column("findable", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.PrimaryKeyConstraint("platform", "community_id", "member_id"),
    sa.ForeignKeyConstraint(
        ["platform", "community_id"],
        ["communities.platform", "communities.community_id"],
        ondelete="CASCADE",
    ),
    sa.Index(None, "platform", "community_id", "display_name"),
)

profiles = sa.Table(
    "profiles",
    metadata,
    *_tenant(),
    sa.Column("member_id", sa.String(64), nullable=False),
    sa.Column("headline", sa.String(200), nullable=False, server_default=""),
    sa.Column("working_on", sa.Text, nullable=False, server_default=""),
    sa.Column("looking_for", sa.Text, nullable=False, server_default=""),
    sa.Column("strengths", sa.Text, nullable=False, server_default=""),
    sa.Column("unique_edge", sa.Text, nullable=False, server_default=""),
    sa.Column("skills", sa.JSON, nullable=False),
    sa.Column("timezone", sa.String(64)),
    sa.Column("languages", sa.JSON, nullable=False),
    sa.Column("links", sa.JSON, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "member_id"),
    _member_fk(),
)

posts = sa.Table(
    "posts",
    metadata,
    sa.Column("post_id", sa.Integer, primary_key=True, autoincrement=True),
    *_tenant(),
    sa.Column("author_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("tags", sa.JSON, nullable=False),
    sa.Column("visibility", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("reminded_at", UTCDateTime),
    sa.Column("closed_at", UTCDateTime),
    _member_fk("author_id"),
    # The board reads newest first within (tenant, status, visibility[, kind]); expires_at rides
    # along so that counting the open posts never leaves the index. No index leads with
    # expires_at: SQLite would prefer its range to these and sort the whole board.
    sa.Index(
        "ix_posts_board", "platform", "community_id", "status", "visibility", "created_at", "expires_at"
    ),
    sa.Index(
        "ix_posts_board_kind",
        "platform",
        "community_id",
        "status",
        "visibility",
        "kind",
        "created_at",
        "expires_at",
    ),
    sa.Index(None, "platform", "community_id", "author_id"),
)

# The board's inverted index: one row per (post, search word), so a word search is an index range
# scan on every database instead of a LIKE over all posts.
post_terms = sa.Table(
    "post_terms",
    metadata,
    *_tenant(),
    # Byte-order ("C") collation on Postgres so the prefix range below matches exactly what a
    # prefix match means; SQLite compares bytes already.
    sa.Column("term", sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql"), nullable=False),
    sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.post_id", ondelete="CASCADE"), nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "term", "post_id"),
    sa.Index(None, "post_id"),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("message_id", sa.Integer, primary_key=True, autoincrement=True),
    *_tenant(),
    sa.Column("idempotency_key", sa.String(200), nullable=False),
    sa.Column("recipients", sa.JSON, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claimed_until", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("platform_ref", sa.String(200)),
    sa.Column("failed_at", UTCDateTime),
    sa.UniqueConstraint("platform", "community_id", "idempotency_key"),
    sa.Index(None, "status", "next_attempt_at"),
    sa.Index(None, "platform", "community_id", "failed_at"),
)

# Match rounds (issue 4): one schedule per community, rounds through their states, each member's
# place in a round (group or left out, and their check-in answer), and who takes part.
round_schedules = sa.Table(
    "round_schedules",
    metadata,
    *_tenant(),
    sa.Column("cadence", sa.String(16), nullable=False),
    sa.Column("weekday", sa.Integer, nullable=False),
    sa.Column("at_time", sa.String(5), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("group_size", sa.Integer, nullable=False),
    sa.Column("next_run_at", UTCDateTime, nullable=False),
    sa.Column("anchor_at", UTCDateTime, nullable=False),
    sa.Column("reminded_for", UTCDateTime),
    sa.Column("set_by", sa.String(64), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id"),
    sa.ForeignKeyConstraint(
        ["platform", "community_id"],
        ["communities.platform", "communities.community_id"],
        ondelete="CASCADE",
    ),
    sa.Index(None, "next_run_at"),
)

rounds = sa.Table(
    "rounds",
    metadata,
    sa.Column("round_id", sa.Integer, primary_key=True, autoincrement=True),
    *_tenant(),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("trigger", sa.String(16), nullable=False),
    sa.Column("slot", UTCDateTime),
    sa.Column("group_size", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("matched_at", UTCDateTime),
    sa.Column("delivering_at", UTCDateTime),
    sa.Column("delivered_at", UTCDateTime),
    sa.Column("next_step_at", UTCDateTime),  # when the check-in is due; once checked in, the closing
    sa.Column("checked_in_at", UTCDateTime),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.ForeignKeyConstraint(
        ["platform", "community_id"],
        ["communities.platform", "communities.community_id"],
        ondelete="CASCADE",
    ),
    sa.Index(None, "platform", "community_id", "state"),
    sa.Index(None, "state", "next_step_at"),
)

round_members = sa.Table(
    "round_members",
    metadata,
    *_tenant(),
    sa.Column("round_id", sa.Integer, sa.ForeignKey("rounds.round_id", ondelete="CASCADE"), nullable=False),
    sa.Column("member_id", sa.String(64), nullable=False),
    sa.Column("group_no", sa.Integer),
    sa.Column("score", sa.Float, nullable=False, server_default="0"),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("starter", sa.Text, nullable=False, server_default=""),
    sa.Column("is_repeat", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("left_out_reason", sa.Text, nullable=False, server_default=""),
    sa.Column("odd_one_out", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("answer", sa.String(16)),
    sa.Column("no_reason", sa.String(16)),
    sa.Column("answered_at", UTCDateTime),
    sa.PrimaryKeyConstraint("round_id", "member_id"),
    _member_fk(),
    sa.Index(None, "platform", "community_id", "member_id"),
)

round_participants = sa.Table(
    "round_participants",
    metadata,
    *_tenant(),
    sa.Column("member_id", sa.String(64), nullable=False),
    sa.Column("opted_in", sa.Boolean, nullable=False),
    sa.Column("paused_until", UTCDateTime),
    sa.Column("skip_next", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("waiting", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "member_id"),
    _member_fk(),
    sa.Index(None, "paused_until"),
)

# Leases: at most one holder per (community, name) until expiry; taken with one atomic UPDATE or
# INSERT .. ON CONFLICT DO NOTHING, which SQLite and Postgres both honour.
leases = sa.Table(
    "leases",
    metadata,
    *_tenant(),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("holder", sa.String(128), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "name"),
)


def _named_member_fk(column: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["platform", "community_id", column],
        ["members.platform", "members.community_id", "members.member_id"],
        name=name,
        ondelete="CASCADE",
    )


# Double opt-in intros (bot/domain/intros.py): who asked, the two sides, their answers.
intro_requests = sa.Table(
    "intro_requests",
    metadata,
    sa.Column("request_id", sa.Integer, primary_key=True, autoincrement=True),
    *_tenant(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("requester_id", sa.String(64), nullable=False),
    sa.Column("member_a", sa.String(64), nullable=False),
    sa.Column("member_b", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("a_accepted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("b_accepted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("declined_by", sa.String(64)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("decided_at", UTCDateTime),
    _named_member_fk("requester_id", "fk_intro_requests_requester"),
    _named_member_fk("member_a", "fk_intro_requests_member_a"),
    _named_member_fk("member_b", "fk_intro_requests_member_b"),
    sa.Index(None, "platform", "community_id", "status", "expires_at"),
    sa.Index(None, "platform", "community_id", "requester_id", "status"),
    sa.Index(None, "platform", "community_id", "member_a", "member_b"),
    sa.Index(None, "platform", "community_id", "member_b"),
)

# /block: read both ways by intros, /find and match rounds (MatchInput.blocks).
blocks = sa.Table(
    "blocks",
    metadata,
    *_tenant(),
    sa.Column("blocker_id", sa.String(64), nullable=False),
    sa.Column("blocked_id", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "blocker_id", "blocked_id"),
    _named_member_fk("blocker_id", "fk_blocks_blocker"),
    _named_member_fk("blocked_id", "fk_blocks_blocked"),
    sa.Index(None, "platform", "community_id", "blocked_id"),
)

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
}
"""Tables holding a member's data and the columns naming them; privacy export/delete walk these."""
