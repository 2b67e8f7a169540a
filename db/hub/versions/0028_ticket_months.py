"""hub: the tickets of a station and month, summed (#15)

Revision ID: h0028
Revises: h0027
Create Date: 2026-12-07

`ticket_months`: a row a station and local month (`ticket_facts.day`'s month) with the counts
of the tickets made in it (requests, each request state, wishes, each open wish state) and the
sorted minutes to accept of its accepted requests (float8[] on PostgreSQL, a JSON list on
SQLite). A year's tickets page read its ~200,000 tickets at 20M events; its whole months now
read ≤ 24,000 rows, the part-months at its ends the tickets. Kept by the tickets' fold in the
push (kiosk.features.requests.hub.ticket_months); filled here from `ticket_facts`, exactly what
the fold would have written, so no rebuild is needed.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "h0028"
down_revision = "h0027"
branch_labels = None
depends_on = None

# as `kiosk.features.requests.hub.ticket_months` folds them (a migration does not import the
# feature's code)
_REQUEST, _WISH = "kind = 'request'", "kind = 'wish'"
_COUNTS = {
    "requests": _REQUEST,
    "ordered": f"{_REQUEST} AND status = 'ordered'",
    "accepted": f"{_REQUEST} AND status = 'accepted'",
    "done": f"{_REQUEST} AND status IN ('completed', 'rated')",
    "cancelled": f"{_REQUEST} AND status = 'cancelled'",
    "wishes": _WISH,
    "received": f"{_WISH} AND status = 'received'",
    "in_progress": f"{_WISH} AND status = 'in_progress'",
}
_SUMS = ", ".join(f"sum(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in _COUNTS.values())
_ACCEPTED = f"{_REQUEST} AND response_min IS NOT NULL"
FILL_POSTGRESQL = (
    f"INSERT INTO ticket_months (station_id, month, {', '.join(_COUNTS)}, response_min)"
    f" SELECT station_id, substr(day, 1, 7), {_SUMS}, coalesce(array_agg(response_min"
    f" ORDER BY response_min) FILTER (WHERE {_ACCEPTED}), '{{}}') FROM ticket_facts"
    " WHERE day IS NOT NULL GROUP BY station_id, substr(day, 1, 7)"
)
# SQLite's json_group_array writes a float to 15 digits: the lists are made in Python (exact)
FILL_SQLITE = (
    f"INSERT INTO ticket_months (station_id, month, {', '.join(_COUNTS)}, response_min)"
    f" SELECT station_id, substr(day, 1, 7), {_SUMS}, '[]' FROM ticket_facts"
    " WHERE day IS NOT NULL GROUP BY station_id, substr(day, 1, 7)"
)
ACCEPTED_SQLITE = (
    "SELECT station_id, substr(day, 1, 7), response_min FROM ticket_facts"
    f" WHERE day IS NOT NULL AND {_ACCEPTED}"
)


def upgrade() -> None:
    op.create_table(
        "ticket_months",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.Column(
            "response_min",
            sa.JSON().with_variant(postgresql.ARRAY(sa.Float()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("station_id", "month", name=op.f("pk_ticket_months")),
    )
    op.create_index("ix_ticket_months_month", "ticket_months", ["month"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(FILL_POSTGRESQL)
        # its statistics now, not at autovacuum's next pass: the first year's page after an
        # upgrade is planned with them
        op.execute("ANALYZE ticket_months")
        return
    op.execute(FILL_SQLITE)
    lists: dict[tuple[str, str], list[float]] = {}
    for station, month, minutes in bind.execute(sa.text(ACCEPTED_SQLITE)):
        lists.setdefault((station, month), []).append(float(minutes))
    if lists:
        bind.execute(
            sa.text(
                "UPDATE ticket_months SET response_min = :minutes"
                " WHERE station_id = :station AND month = :month"
            ),
            [
                {"station": s, "month": m, "minutes": json.dumps(sorted(v))}
                for (s, m), v in lists.items()
            ],
        )


def downgrade() -> None:
    op.drop_index("ix_ticket_months_month", table_name="ticket_months")
    op.drop_table("ticket_months")
