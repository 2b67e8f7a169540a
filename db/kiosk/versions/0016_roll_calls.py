"""roll_calls: each finished roll call (清点人数), who was present and who was missing

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roll_calls",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("taker_id", sa.String(length=64), nullable=False),
        sa.Column("present", sa.JSON(), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("present_count", sa.Integer(), nullable=False),
        sa.Column("missing_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roll_calls")),
    )
    op.create_index("ix_roll_calls_taken", "roll_calls", ["taken_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_roll_calls_taken", table_name="roll_calls")
    op.drop_table("roll_calls")
