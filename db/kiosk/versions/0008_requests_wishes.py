"""requests and wishes: help requests (点单→接单→评单) and needs/wishes, with their tickets

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("ticket", sa.String(length=6), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("train", sa.String(length=8), nullable=True),
        sa.Column("departs_at", sa.DateTime(), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("ordered_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_by", sa.String(length=64), nullable=True),
        sa.Column("accept_kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_by", sa.String(length=64), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.Column("rated_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("response_s", sa.Integer(), nullable=True),
        sa.Column("completion_s", sa.Integer(), nullable=True),
        sa.Column("refused", sa.Text(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
    )
    op.create_index("ix_requests_status_ordered", "requests", ["status", "ordered_at"])
    op.create_index("ix_requests_ticket", "requests", ["ticket", "ordered_at"])
    op.create_table(
        "wishes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("ticket", sa.String(length=6), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.String(length=500), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishes")),
    )
    op.create_index("ix_wishes_status_submitted", "wishes", ["status", "submitted_at"])
    op.create_index("ix_wishes_ticket", "wishes", ["ticket", "submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_wishes_ticket", table_name="wishes")
    op.drop_index("ix_wishes_status_submitted", table_name="wishes")
    op.drop_table("wishes")
    op.drop_index("ix_requests_ticket", table_name="requests")
    op.drop_index("ix_requests_status_ordered", table_name="requests")
    op.drop_table("requests")
