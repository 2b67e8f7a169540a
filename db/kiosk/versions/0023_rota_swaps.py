"""rota_swaps: offered rota shifts and what became of them (taken, approved, withdrawn)

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rota_swaps",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("rota_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("offered_by", sa.String(length=64), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("taken_by", sa.String(length=64), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_swaps")),
    )
    op.create_index("ix_rota_swaps_day", "rota_swaps", ["day", "state"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_rota_swaps_day", table_name="rota_swaps")
    op.drop_table("rota_swaps")
