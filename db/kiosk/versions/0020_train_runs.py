"""train_runs, train_marks: staff's marks on a train's run (delay, gate change, cancellation)

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "train_runs",
        sa.Column("run_id", sa.String(length=20), nullable=False),
        sa.Column("train", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("delay_min", sa.Integer(), nullable=False),
        sa.Column("gate", sa.String(length=5), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("marks", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_train_runs")),
    )
    op.create_index("ix_train_runs_day", "train_runs", ["day"], unique=False)
    op.create_table(
        "train_marks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.String(length=20), nullable=False),
        sa.Column("train", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mark", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=8), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_train_marks")),
    )
    op.create_index("ix_train_marks_marked", "train_marks", ["marked_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_train_marks_marked", table_name="train_marks")
    op.drop_table("train_marks")
    op.drop_index("ix_train_runs_day", table_name="train_runs")
    op.drop_table("train_runs")
