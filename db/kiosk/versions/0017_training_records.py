"""training_records: volunteers' training and certificates (first aid / AED, CPR, 防疫, induction)

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_records",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("trained_on", sa.Date(), nullable=False),
        sa.Column("trainer", sa.String(length=40), nullable=False),
        sa.Column("certificate_no", sa.String(length=40), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_records")),
    )
    op.create_index(
        "ix_training_records_recorded", "training_records", ["recorded_at", "id"], unique=False
    )
    op.create_index("ix_training_records_expires", "training_records", ["expires_on"], unique=False)
    op.create_index(
        op.f("ix_training_records_volunteer_id"), "training_records", ["volunteer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_training_records_volunteer_id"), table_name="training_records")
    op.drop_index("ix_training_records_expires", table_name="training_records")
    op.drop_index("ix_training_records_recorded", table_name="training_records")
    op.drop_table("training_records")
