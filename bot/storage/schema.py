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

MEMBER_SCOPED_TABLES: dict[str, tuple[str, ...]] = {
    "members": ("member_id",),
    "profiles": ("member_id",),
    "posts": ("author_id",),
}
"""Tables holding a member's data and the columns naming them; privacy export/delete walk these."""
