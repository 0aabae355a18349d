"""Initial schema: communities, members, profiles, posts with their search terms, and the outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tenant() -> list[sa.Column[str]]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("community_id", sa.String(64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "communities",
        *_tenant(),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("platform", "community_id", name="pk_communities"),
    )
    op.create_table(
        "members",
        *_tenant(),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("joined_at", UTCDateTime, nullable=False),
        sa.Column("findable", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("platform", "community_id", "member_id", name="pk_members"),
        sa.ForeignKeyConstraint(
            ["platform", "community_id"],
            ["communities.platform", "communities.community_id"],
            name="fk_members_communities",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_members_platform_community_id_display_name",
        "members",
        ["platform", "community_id", "display_name"],
    )
    op.create_table(
        "profiles",
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
        sa.PrimaryKeyConstraint("platform", "community_id", "member_id", name="pk_profiles"),
        sa.ForeignKeyConstraint(
            ["platform", "community_id", "member_id"],
            ["members.platform", "members.community_id", "members.member_id"],
            name="fk_profiles_members",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "posts",
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
        sa.ForeignKeyConstraint(
            ["platform", "community_id", "author_id"],
            ["members.platform", "members.community_id", "members.member_id"],
            name="fk_posts_members",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_posts_board",
        "posts",
        ["platform", "community_id", "status", "visibility", "created_at", "expires_at"],
    )
    op.create_index(
        "ix_posts_board_kind",
        "posts",
        ["platform", "community_id", "status", "visibility", "kind", "created_at", "expires_at"],
    )
    op.create_index(
        "ix_posts_platform_community_id_author_id", "posts", ["platform", "community_id", "author_id"]
    )
    op.create_table(
        "post_terms",
        *_tenant(),
        sa.Column("term", sa.String(64), nullable=False),
        sa.Column("post_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("platform", "community_id", "term", "post_id", name="pk_post_terms"),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.post_id"], name="fk_post_terms_posts", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_post_terms_post_id", "post_terms", ["post_id"])
    op.create_table(
        "outbox",
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
        sa.UniqueConstraint(
            "platform",
            "community_id",
            "idempotency_key",
            name="uq_outbox_platform_community_id_idempotency_key",
        ),
    )
    op.create_index("ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"])


def downgrade() -> None:
    for table in ("outbox", "post_terms", "posts", "profiles", "members", "communities"):
        op.drop_table(table)
