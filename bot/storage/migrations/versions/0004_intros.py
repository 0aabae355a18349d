"""Intro requests (double opt-in) and member blocks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.schema import UTCDateTime

revision = "0004"
down_revision = "0003"  # relinked when branch intros was merged into rounds; was 0001
branch_labels = None
depends_on = None


def _tenant() -> list[sa.Column[str]]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("community_id", sa.String(64), nullable=False),
    ]


def _member_fk(column: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["platform", "community_id", column],
        ["members.platform", "members.community_id", "members.member_id"],
        name=name,
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "intro_requests",
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
        _member_fk("requester_id", "fk_intro_requests_requester"),
        _member_fk("member_a", "fk_intro_requests_member_a"),
        _member_fk("member_b", "fk_intro_requests_member_b"),
    )
    for columns in (
        ["platform", "community_id", "status", "expires_at"],
        ["platform", "community_id", "requester_id", "status"],
        ["platform", "community_id", "member_a", "member_b"],
        ["platform", "community_id", "member_b"],
    ):
        op.create_index(f"ix_intro_requests_{'_'.join(columns)}", "intro_requests", columns)
    op.create_table(
        "blocks",
        *_tenant(),
        sa.Column("blocker_id", sa.String(64), nullable=False),
        sa.Column("blocked_id", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("platform", "community_id", "blocker_id", "blocked_id", name="pk_blocks"),
        _member_fk("blocker_id", "fk_blocks_blocker"),
        _member_fk("blocked_id", "fk_blocks_blocked"),
    )
    op.create_index(
        "ix_blocks_platform_community_id_blocked_id", "blocks", ["platform", "community_id", "blocked_id"]
    )


def downgrade() -> None:
    op.drop_table("blocks")
    op.drop_table("intro_requests")
