"""lists: the three lists (needs, member units and resources, projects)

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_needs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("wish_id", sa.String(length=64), nullable=True),
        sa.Column("ticket", sa.String(length=6), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_needs")),
    )
    op.create_index("ix_list_needs_added", "list_needs", ["added_at", "id"], unique=False)
    op.create_table(
        "list_units",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("contact_role", sa.String(length=40), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_units")),
    )
    op.create_table(
        "list_resources",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("measure", sa.String(length=8), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_resources")),
    )
    op.create_table(
        "list_projects",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("owner", sa.String(length=60), nullable=False),
        sa.Column("need_ids", sa.JSON(), nullable=False),
        sa.Column("resource_ids", sa.JSON(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_projects")),
    )
    op.create_index("ix_list_projects_opened", "list_projects", ["opened_at", "id"], unique=False)
    op.create_index(
        "ix_list_projects_status_opened",
        "list_projects",
        ["status", "opened_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_list_projects_status_opened", table_name="list_projects")
    op.drop_index("ix_list_projects_opened", table_name="list_projects")
    op.drop_table("list_projects")
    op.drop_table("list_resources")
    op.drop_table("list_units")
    op.drop_index("ix_list_needs_added", table_name="list_needs")
    op.drop_table("list_needs")
