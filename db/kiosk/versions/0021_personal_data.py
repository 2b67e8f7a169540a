"""personal data: per-subject keys, erased subjects, sealed phone and text on requests, wishes
and loans

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_keys",
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("wrapped", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_subject_keys")),
    )
    op.create_table(
        "erased_subjects",
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_erased_subjects")),
    )
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("sealed", sa.String(length=2048), nullable=True))
    with op.batch_alter_table("wishes") as batch:
        batch.add_column(sa.Column("sealed", sa.String(length=2048), nullable=True))
    with op.batch_alter_table("lending_loans") as batch:
        batch.add_column(sa.Column("sealed", sa.String(length=2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lending_loans") as batch:
        batch.drop_column("sealed")
    with op.batch_alter_table("wishes") as batch:
        batch.drop_column("sealed")
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("sealed")
    op.drop_table("erased_subjects")
    op.drop_table("subject_keys")
