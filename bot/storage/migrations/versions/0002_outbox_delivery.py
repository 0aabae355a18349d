"""Outbox delivery bookkeeping (platform reference, failure time) and byte-order search terms on Postgres.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("platform_ref", sa.String(200)))
        batch.add_column(sa.Column("failed_at", UTCDateTime))
    op.create_index(
        "ix_outbox_platform_community_id_failed_at", "outbox", ["platform", "community_id", "failed_at"]
    )
    if op.get_bind().dialect.name == "postgresql":
        # The board's prefix search is a range over terms; only byte order makes it exact.
        op.alter_column(
            "post_terms",
            "term",
            type_=sa.String(64, collation="C"),
            existing_type=sa.String(64),
            existing_nullable=False,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "post_terms",
            "term",
            type_=sa.String(64),
            existing_type=sa.String(64, collation="C"),
            existing_nullable=False,
        )
    op.drop_index("ix_outbox_platform_community_id_failed_at", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("failed_at")
        batch.drop_column("platform_ref")
