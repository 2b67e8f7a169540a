"""hub: the alerts page's summary held beside the alerts (#15)

Revision ID: h0018
Revises: h0017
Create Date: 2026-12-07

`stock_alert_days.urgent`: on a station's last day counted, how many of the alerts kept in
`lines` are urgent (expired lots), so the page totals and sorts 2,000 stations from two numbers
a station (`alerts`, `urgent`) and describes only the 20 it shows. Rows kept before this
revision have none: their lines are read instead, until the next fill writes it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0018"
down_revision = "h0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.add_column(sa.Column("urgent", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stock_alert_days") as batch:
        batch.drop_column("urgent")
