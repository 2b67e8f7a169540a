"""lending: loans, stock moves and stock per item (projections of lending.* events); charging
sessions by kiosk (slots belong to a kiosk); local catalogue edits

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lending_loans",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("borrowed_at", sa.DateTime(), nullable=True),
        sa.Column("borrow_kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("return_kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("written_off_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lending_loans")),
    )
    with op.batch_alter_table("lending_loans", schema=None) as batch_op:
        batch_op.create_index("ix_lending_loans_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index("ix_lending_loans_phone", ["phone", "item", "status"], unique=False)
        batch_op.create_index("ix_lending_loans_item_status", ["item", "status"], unique=False)
        batch_op.create_index("ix_lending_loans_borrowed", ["borrowed_at", "id"], unique=False)
    op.create_table(
        "lending_stock_moves",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lending_stock_moves")),
    )
    with op.batch_alter_table("lending_stock_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lending_stock_moves_item"), ["item"], unique=False)
    op.create_table(
        "lending_stock",
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("stocked", sa.Integer(), nullable=False),
        sa.Column("out", sa.Integer(), nullable=False),
        sa.Column("written_off", sa.Integer(), nullable=False),
        sa.Column("left", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("item", name=op.f("pk_lending_stock")),
    )
    op.create_table(
        "catalogue_edits",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_edits")),
    )
    with op.batch_alter_table("charging_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_charging_sessions_kiosk_slot", ["kiosk_id", "status", "slot"], unique=False
        )
    # Events of these kinds may already be in the log (pulled from a kiosk that upgraded
    # first, stored unfolded): `python -m kiosk rebuild-projections` folds them.


def downgrade() -> None:
    op.drop_table("catalogue_edits")
    with op.batch_alter_table("charging_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_charging_sessions_kiosk_slot")
    op.drop_table("lending_stock")
    with op.batch_alter_table("lending_stock_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lending_stock_moves_item"))
    op.drop_table("lending_stock_moves")
    with op.batch_alter_table("lending_loans", schema=None) as batch_op:
        batch_op.drop_index("ix_lending_loans_borrowed")
        batch_op.drop_index("ix_lending_loans_item_status")
        batch_op.drop_index("ix_lending_loans_phone")
        batch_op.drop_index("ix_lending_loans_status_due")
    op.drop_table("lending_loans")
