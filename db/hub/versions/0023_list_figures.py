"""hub: `list_figures`, the lists page's figures per station (#15)

Revision ID: h0023
Revises: h0022
Create Date: 2026-12-07

The centre's lists page folded every station's `lists.*` events on each view (seconds at
2,000 stations). `list_figures` holds each station's figures as the kiosks' folds count them
(kiosk.features.lists.hub.figures), one row a figure, refolded in the transaction that writes a
station's `lists.*` event; the page sums them in SQL. Filled here by that same refold for every
station holding a `lists.*` event (a few hundred entries a station), so no rebuild of the read
models is needed (`READ_MODELS_REVISION` stays h0013).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0023"
down_revision = "h0022"
branch_labels = None
depends_on = None

BATCH = 200  # stations refolded at once


def upgrade() -> None:
    op.create_table(
        "list_figures",
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("figure", sa.String(32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "figure", name="pk_list_figures"),
    )
    _fill(op.get_bind())


def _fill(bind: sa.Connection) -> None:
    # The fold is the feature's own (one rule): the figures are what the page would count.
    from kiosk.features.lists.hub.figures import refold
    from kiosk.features.lists.hub.read import KIND_NAMES

    log = sa.table(
        "events_log" if bind.dialect.name == "postgresql" else "events",
        sa.column("kind", sa.String()),
        sa.column("station_id", sa.String()),
    )
    stations = [
        str(s)
        for (s,) in bind.execute(
            sa.select(log.c.station_id).where(log.c.kind.in_(KIND_NAMES)).distinct()
        )
    ]
    for start in range(0, len(stations), BATCH):
        refold(bind, stations[start : start + BATCH])


def downgrade() -> None:
    op.drop_table("list_figures")
