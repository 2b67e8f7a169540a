"""log review indexes: keyset pages of the event log by kiosk and by volunteer, service uses by
time and by service, shifts by check-in time with their id as tie-breaker

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Each ends in the page order (time, tie-breaker), so a filtered page is read in order off the
# index and stops after 200 rows, at any depth (tests/platform/logs/test_log_queries.py checks the
# plans).
INDEXES = (
    ("events", "ix_events_kiosk_occurred", ["kiosk_id", "occurred_at", "pos"]),
    ("events", "ix_events_actor_occurred", ["actor", "occurred_at", "pos"]),
    ("service_uses", "ix_service_uses_occurred", ["occurred_at", "id"]),
    ("service_uses", "ix_service_uses_service", ["service_id", "occurred_at", "id"]),
    ("shifts", "ix_shifts_in_id", ["checked_in_at", "id"]),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
