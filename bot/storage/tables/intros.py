"""Tables of double opt-in intro requests and blocks."""

from __future__ import annotations

import sqlalchemy as sa

from bot.storage.tables.base import UTCDateTime, member_fk, metadata, tenant_columns

# Double opt-in intros (bot/domain/intros.py): who asked, the two sides, their answers.
intro_requests = sa.Table(
    "intro_requests",
    metadata,
    sa.Column("request_id", sa.Integer, primary_key=True, autoincrement=True),
    *tenant_columns(),
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
    member_fk("requester_id", name="fk_intro_requests_requester"),
    member_fk("member_a", name="fk_intro_requests_member_a"),
    member_fk("member_b", name="fk_intro_requests_member_b"),
    sa.Index(None, "platform", "community_id", "status", "expires_at"),
    sa.Index(None, "platform", "community_id", "requester_id", "status"),
    sa.Index(None, "platform", "community_id", "member_a", "member_b"),
    sa.Index(None, "platform", "community_id", "member_b"),
)

# /block: read both ways by intros, /find and match rounds (MatchInput.blocks).
blocks = sa.Table(
    "blocks",
    metadata,
    *tenant_columns(),
    sa.Column("blocker_id", sa.String(64), nullable=False),
    sa.Column("blocked_id", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "blocker_id", "blocked_id"),
    member_fk("blocker_id", name="fk_blocks_blocker"),
    member_fk("blocked_id", name="fk_blocks_blocked"),
    sa.Index(None, "platform", "community_id", "blocked_id"),
)
