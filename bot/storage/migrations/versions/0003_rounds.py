"""Match rounds: schedules, rounds, members' places in rounds, participation, and leases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.schema import UTCDateTime

revision = "0003"
down_revision = "0002"  # relinked after merging branch delivery (0002); was 0001
branch_labels = None
depends_on = None


def _tenant() -> list[sa.Column[str]]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("community_id", sa.String(64), nullable=False),
    ]


def _community_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["platform", "community_id"],
        ["communities.platform", "communities.community_id"],
        name=f"fk_{table}_communities",
        ondelete="CASCADE",
    )


def _member_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["platform", "community_id", "member_id"],
        ["members.platform", "members.community_id", "members.member_id"],
        name=f"fk_{table}_members",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "round_schedules",
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
        sa.PrimaryKeyConstraint("platform", "community_id", name="pk_round_schedules"),
        _community_fk("round_schedules"),
    )
    op.create_index("ix_round_schedules_next_run_at", "round_schedules", ["next_run_at"])
    op.create_table(
        "rounds",
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
        sa.Column("next_step_at", UTCDateTime),
        sa.Column("checked_in_at", UTCDateTime),
        sa.Column("closed_at", UTCDateTime),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        _community_fk("rounds"),
    )
    op.create_index("ix_rounds_platform_community_id_state", "rounds", ["platform", "community_id", "state"])
    op.create_index("ix_rounds_state_next_step_at", "rounds", ["state", "next_step_at"])
    op.create_table(
        "round_members",
        *_tenant(),
        sa.Column("round_id", sa.Integer, nullable=False),
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
        sa.PrimaryKeyConstraint("round_id", "member_id", name="pk_round_members"),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.round_id"], name="fk_round_members_rounds", ondelete="CASCADE"
        ),
        _member_fk("round_members"),
    )
    op.create_index(
        "ix_round_members_platform_community_id_member_id",
        "round_members",
        ["platform", "community_id", "member_id"],
    )
    op.create_table(
        "round_participants",
        *_tenant(),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("opted_in", sa.Boolean, nullable=False),
        sa.Column("paused_until", UTCDateTime),
        sa.Column("skip_next", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("waiting", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("platform", "community_id", "member_id", name="pk_round_participants"),
        _member_fk("round_participants"),
    )
    op.create_index("ix_round_participants_paused_until", "round_participants", ["paused_until"])
    op.create_table(
        "leases",
        *_tenant(),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("platform", "community_id", "name", name="pk_leases"),
    )


def downgrade() -> None:
    for table in ("leases", "round_participants", "round_members", "rounds", "round_schedules"):
        op.drop_table(table)
