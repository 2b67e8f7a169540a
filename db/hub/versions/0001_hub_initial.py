"""hub initial schema: stations, kiosks, enrolment codes, events, rejects, config items

Revision ID: h0001
Revises:
Create Date: 2026-11-23

On PostgreSQL `txid` is xid8 defaulting to the writing transaction's id (the pull serves rows
only below the oldest running transaction); on SQLite it is an unused nullable integer.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.platform.hub.models import XID8

revision = "h0001"
down_revision = None
branch_labels = None
depends_on = None


def _txid_column() -> sa.Column[int]:
    if op.get_bind().dialect.name == "postgresql":
        return sa.Column(
            "txid", XID8(), server_default=sa.text("pg_current_xact_id()"), nullable=True
        )
    return sa.Column("txid", sa.BigInteger(), nullable=True)


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "stations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
    )
    op.create_table(
        "kiosks",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(80), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        _when("enrolled_at"),
        sa.Column("acked_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clock_offset_s", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_kiosks_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosks")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosks_token_hash")),
    )
    op.create_index(op.f("ix_kiosks_station_id"), "kiosks", ["station_id"])
    op.create_table(
        "enrol_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("kiosk_id", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_enrol_codes_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrol_codes")),
    )
    op.create_table(
        "events",
        sa.Column("hub_seq", big_id, autoincrement=True, nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        _when("occurred_at"),
        _when("received_at"),
        sa.Column("actor", sa.String(64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        _txid_column(),
        sa.PrimaryKeyConstraint("hub_seq", name=op.f("pk_events")),
        sa.UniqueConstraint("id", name=op.f("uq_events_id")),
        sa.UniqueConstraint("kiosk_id", "seq", name="uq_events_kiosk_id_seq"),
    )
    op.create_index("ix_events_station_feed", "events", ["station_id", "txid", "hub_seq"])
    op.create_table(
        "rejects",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        _when("received_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejects")),
        sa.UniqueConstraint("kiosk_id", "seq", name="uq_rejects_kiosk_id_seq"),
    )
    op.create_table(
        "config_items",
        sa.Column("position", big_id, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        _when("published_at"),
        _txid_column(),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_config_items")),
    )
    op.create_index("ix_config_items_feed", "config_items", ["txid", "position"])


def downgrade() -> None:
    op.drop_table("config_items")
    op.drop_table("rejects")
    op.drop_table("events")
    op.drop_table("enrol_codes")
    op.drop_table("kiosks")
    op.drop_table("stations")
