"""log indexes: keyset (time, id) indexes for the log review's requests, needs and wishes and
lending tabs, and their status / category / helper slices

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# (table, index, columns): each ends in the log's (time, id) so a page comes out in order.
INDEXES = (
    ("requests", "ix_requests_ordered_id", ["ordered_at", "id"]),
    ("requests", "ix_requests_status_ordered_id", ["status", "ordered_at", "id"]),
    ("requests", "ix_requests_category_ordered_id", ["category", "ordered_at", "id"]),
    ("requests", "ix_requests_helper_ordered", ["accepted_by", "ordered_at", "id"]),
    ("wishes", "ix_wishes_submitted_id", ["submitted_at", "id"]),
    ("wishes", "ix_wishes_status_submitted_id", ["status", "submitted_at", "id"]),
    ("lending_loans", "ix_lending_loans_status_borrowed", ["status", "borrowed_at", "id"]),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
