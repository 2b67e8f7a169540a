"""badges: every badge serial and its state, the badge log, the station's badge settings

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "badges",
        sa.Column("serial", sa.String(length=10), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("revoked_reason", sa.String(length=16), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_badges")),
    )
    op.create_index(op.f("ix_badges_volunteer_id"), "badges", ["volunteer_id"], unique=False)
    op.create_table(
        "badge_log",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("serial", sa.String(length=10), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_badge_log")),
    )
    op.create_index(op.f("ix_badge_log_at"), "badge_log", ["at"], unique=False)
    op.create_index(op.f("ix_badge_log_volunteer_id"), "badge_log", ["volunteer_id"], unique=False)
    op.create_table(
        "badge_settings",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_badge_settings")),
    )


def downgrade() -> None:
    op.drop_table("badge_settings")
    op.drop_index(op.f("ix_badge_log_volunteer_id"), table_name="badge_log")
    op.drop_index(op.f("ix_badge_log_at"), table_name="badge_log")
    op.drop_table("badge_log")
    op.drop_index(op.f("ix_badges_volunteer_id"), table_name="badges")
    op.drop_table("badges")
