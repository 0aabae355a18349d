"""Tables of match rounds: schedules, rounds, who was grouped with whom, participants, leases."""

from __future__ import annotations

import sqlalchemy as sa

from bot.storage.tables.base import UTCDateTime, member_fk, metadata, tenant_columns

# Match rounds (issue 4): one schedule per community, rounds through their states, each member's
# place in a round (group or left out, and their check-in answer), and who takes part.
round_schedules = sa.Table(
    "round_schedules",
    metadata,
    *tenant_columns(),
    sa.Column("cadence", sa.String(16), nullable=False),
    sa.Column("weekday", sa.Integer, nullable=False),
    sa.Column("at_time", sa.String(5), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("group_size", sa.Integer, nullable=False),
    sa.Column("next_run_at", UTCDateTime, nullable=False),
    sa.Column("anchor_at", UTCDateTime, nullable=False),
    sa.Column("reminded_for", UTCDateTime),
    sa.Column("set_by", sa.String(64)),  # NULL once the manager who set it deleted their data
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
    *tenant_columns(),
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
    # Who ran it (a manager's run-now, or who set the schedule); told when its messages fail. Not a
    # foreign key: the round outlives them, and /my-data delete clears it (SqlUnitOfWork.forget_member).
    sa.Column("ran_by", sa.String(64)),
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
    *tenant_columns(),
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
    member_fk(),
    sa.Index(None, "platform", "community_id", "member_id"),
)

round_participants = sa.Table(
    "round_participants",
    metadata,
    *tenant_columns(),
    sa.Column("member_id", sa.String(64), nullable=False),
    sa.Column("opted_in", sa.Boolean, nullable=False),
    sa.Column("paused_until", UTCDateTime),
    sa.Column("skip_next", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("waiting", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "member_id"),
    member_fk(),
    sa.Index(None, "paused_until"),
)

# Leases: at most one holder per (community, name) until expiry; taken with one atomic UPDATE or
# INSERT .. ON CONFLICT DO NOTHING, which SQLite and Postgres both honour.
leases = sa.Table(
    "leases",
    metadata,
    *tenant_columns(),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("holder", sa.String(128), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("platform", "community_id", "name"),
)
