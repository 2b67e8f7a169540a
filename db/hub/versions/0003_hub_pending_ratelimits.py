"""hub: each kiosk's unsent count, and rate-limit buckets shared by every worker process

Revision ID: h0003
Revises: h0002
Create Date: 2026-11-22

`kiosks.pending` is how many events a kiosk still held unsent at its last push (NULL: a kiosk
that does not report it). `rate_buckets` holds the web pages' per-client token buckets, so the
limits hold across `kiosk-hub serve --workers N` (kiosk/platform/hub/web_ratelimit.py); `at` is
indexed for pruning buckets that have refilled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0003"
down_revision = "h0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("kiosks", sa.Column("pending", sa.BigInteger(), nullable=True))
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_buckets")),
    )
    op.create_index(op.f("ix_rate_buckets_at"), "rate_buckets", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_buckets_at"), table_name="rate_buckets")
    op.drop_table("rate_buckets")
    op.drop_column("kiosks", "pending")
