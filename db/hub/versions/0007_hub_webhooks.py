"""hub: station webhooks (WeCom, DingTalk, generic JSON) and their delivery log

Revision ID: h0007
Revises: h0006
Create Date: 2026-12-05

The hub calls a station's webhooks for its emergencies and urgent requests (issue 17 §3,
kiosk/platform/hub/webhooks.py). `station_webhooks` holds what the centre configured;
`webhook_deliveries` one row per (webhook, event) with its attempts and last outcome, read by the
centre's delivery log newest first per station. Numbered 0006: 0005 may be taken by another
change in flight; its down-revision is the head this was written on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0007"
down_revision = "h0006"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "station_webhooks",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("secret", sa.String(200), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["stations.id"],
            name=op.f("fk_station_webhooks_station_id_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_webhooks")),
    )
    op.create_index(op.f("ix_station_webhooks_station_id"), "station_webhooks", ["station_id"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("webhook_id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event_kind", sa.String(64), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["station_webhooks.id"],
            name=op.f("fk_webhook_deliveries_webhook_id_station_webhooks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint(
            "webhook_id", "event_id", name=op.f("uq_webhook_deliveries_webhook_id")
        ),
    )
    op.create_index(
        "ix_webhook_deliveries_station_id_id", "webhook_deliveries", ["station_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_station_id_id", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index(op.f("ix_station_webhooks_station_id"), table_name="station_webhooks")
    op.drop_table("station_webhooks")
