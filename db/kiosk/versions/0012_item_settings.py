"""item settings: local admin edits of charging slots, lending and medicine items (projection)

Revision ID: 0012
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_settings",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_settings")),
    )
    with op.batch_alter_table("item_settings", schema=None) as batch_op:
        batch_op.create_index("ix_item_settings_target", ["target", "item_id"], unique=False)
    # Events of these kinds may already be in the log (pulled from a kiosk that upgraded
    # first, stored unfolded): `python -m kiosk rebuild-projections` folds them.


def downgrade() -> None:
    with op.batch_alter_table("item_settings", schema=None) as batch_op:
        batch_op.drop_index("ix_item_settings_target")
    op.drop_table("item_settings")
