"""round_schedules.set_by may be NULL: the manager who set the schedule may delete their data.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot ALTER a column's nullability in place, so Alembic copies the table.
    with op.batch_alter_table("round_schedules") as batch:
        batch.alter_column("set_by", existing_type=sa.String(64), nullable=True)


def downgrade() -> None:
    # A schedule nobody owns any more cannot be kept under NOT NULL; it is set again by a manager.
    op.execute(sa.text("DELETE FROM round_schedules WHERE set_by IS NULL"))
    with op.batch_alter_table("round_schedules") as batch:
        batch.alter_column("set_by", existing_type=sa.String(64), nullable=False)
