"""reports: issued hours certificates (projection), the kiosk's local preferences (export
folder), and log-review indexes of charging sessions

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_name", sa.String(length=40), nullable=False),
        sa.Column("volunteer_number", sa.String(length=32), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("first_day", sa.String(length=10), nullable=False),
        sa.Column("last_day", sa.String(length=10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("shifts", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.String(length=10), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index("ix_certificates_number", ["number"], unique=False)
        batch_op.create_index(
            "ix_certificates_kiosk_year", ["kiosk_id", "year", "sequence"], unique=False
        )
        batch_op.create_index(
            "ix_certificates_volunteer", ["volunteer_id", "issued_at"], unique=False
        )
    op.create_table(
        "local_preferences",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_local_preferences")),
    )
    with op.batch_alter_table("charging_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_charging_sessions_started_id", ["started_at", "id"], unique=False)
        batch_op.create_index(
            "ix_charging_sessions_status_started", ["status", "started_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("charging_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_charging_sessions_status_started")
        batch_op.drop_index("ix_charging_sessions_started_id")
    op.drop_table("local_preferences")
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index("ix_certificates_volunteer")
        batch_op.drop_index("ix_certificates_kiosk_year")
        batch_op.drop_index("ix_certificates_number")
    op.drop_table("certificates")
