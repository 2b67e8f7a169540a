"""hub: per-subject data keys of personal data and the subjects erased (docs/privacy.md)

Revision ID: h0008
Revises: h0007
Create Date: 2026-12-06

Travellers' phone numbers and words travel sealed under one key per subject (issue 17 §4);
`subject_keys` holds each key wrapped by the hub's master key file, `erased_subjects` the subjects
whose key was destroyed, so a key sent again is refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0008"
down_revision = "h0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_keys",
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("wrapped", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_subject_keys")),
    )
    op.create_index(
        op.f("ix_subject_keys_station_id"), "subject_keys", ["station_id"], unique=False
    )
    op.create_table(
        "erased_subjects",
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_erased_subjects")),
    )


def downgrade() -> None:
    op.drop_table("erased_subjects")
    op.drop_index(op.f("ix_subject_keys_station_id"), table_name="subject_keys")
    op.drop_table("subject_keys")
