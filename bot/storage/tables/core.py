"""Tables of communities, members, profiles, the board and the outbox."""

from __future__ import annotations

import sqlalchemy as sa

from bot.storage.tables.base import UTCDateTime, member_fk, metadata, tenant_columns

communities = sa.Table(
    "communities",
    metadata,
    *tenant_columns(),
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id"),
)

members = sa.Table(
    "members",
    metadata,
    *tenant_columns(),
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
    *tenant_columns(),
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
    member_fk(),
)

posts = sa.Table(
    "posts",
    metadata,
    sa.Column("post_id", sa.Integer, primary_key=True, autoincrement=True),
    *tenant_columns(),
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
    member_fk("author_id"),
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
    *tenant_columns(),
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
    *tenant_columns(),
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
